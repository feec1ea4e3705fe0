/**
 * What the window's parts share: the bridge calls (wrapped so failures become messages, never
 * crashes), the confirmation dialog, navigation and the clock.
 */
import type { ActionResult, InvokeChannel, InvokeRequest, NavigateTarget } from '../main/ipc.ts';
import type { ConfirmOptions } from './dialog.ts';
import type { ClockFormatOptions } from './format.ts';

/** Channels whose response is an {@link ActionResult}. */
export type ActionChannel = Exclude<InvokeChannel, 'app:get-view'>;

/** How an action reports itself in the message area. */
export interface RunOptions {
  /** Shown when the action succeeds; nothing is shown when omitted. */
  success?: string;
  /** Button to disable while the action runs (re-enabled afterwards if still in the page). */
  busy?: HTMLButtonElement | null;
  /** Do not show a failure in the message area: the caller shows the result itself. */
  quiet?: boolean;
}

/** Services every part of the window receives. */
export interface UiContext {
  /**
   * Invokes an action channel. Resolves to the {@link ActionResult}; a failure (an `ok: false`
   * result, or the bridge itself rejecting) is shown in the message area and resolves `ok: false`.
   * Never rejects.
   */
  run<C extends ActionChannel>(
    channel: C,
    request: InvokeRequest<C>,
    opts?: RunOptions,
  ): Promise<ActionResult>;
  /** Asks for confirmation in the in-page dialog. */
  confirm(opts: ConfirmOptions): Promise<boolean>;
  /** Switches section; `focus: 'token'` also focuses the token field. */
  navigate(target: NavigateTarget, focus?: 'token'): void;
  /** Current epoch ms. */
  now(): number;
  /** Locale and time zone for clock times (tests pin them; the app uses the user's). */
  clockOptions: ClockFormatOptions;
}
