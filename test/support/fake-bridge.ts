/**
 * A stand-in for the preload's `window.minimaxTray` (the TrayBridge in main/ipc.ts), for running
 * the renderer in a plain browser page: the preview script and the end-to-end suite pass
 * {@link installFakeBridge} to Playwright's `page.addInitScript(installFakeBridge, options)`.
 *
 * The function runs in the page, so it must stay self-contained (no imports used at runtime, no
 * closures over module scope). It records every invoke in `window.__fakeBridge.calls` and lets
 * the test push views, navigate and script responses through `window.__fakeBridge`.
 */
import type { InvokeChannel, NavigateTarget, ViewModel } from '../../main/ipc.ts';

/** What the fake bridge starts with. */
export interface FakeBridgeOptions {
  /** Answer to 'app:get-view'. */
  view: ViewModel;
  /** `bridgeId` the page sees; default 'fake-bridge'. */
  bridgeId?: string;
  /** Answers per channel (default `{ ok: true }`); an answer `{ reject: string }` makes invoke reject. */
  responses?: Partial<Record<InvokeChannel, unknown>>;
  /** Delay before each answer, in ms (default 0: answered on the next microtask). */
  delayMs?: number;
}

/** One recorded invoke. */
export interface FakeBridgeCall {
  channel: InvokeChannel;
  request: unknown;
}

/** What tests reach through `window.__fakeBridge`. */
export interface FakeBridgeControl {
  calls: FakeBridgeCall[];
  /** Pushes a view to every onView listener (and answers later 'app:get-view' with it). */
  push(view: ViewModel): void;
  /** Sends an 'app:navigate' push. */
  navigate(target: NavigateTarget): void;
  /** Changes the answer of one channel. */
  setResponse(channel: InvokeChannel, response: unknown): void;
}

/** Defines `window.minimaxTray` and `window.__fakeBridge`. Runs in the page (see file docs). */
export function installFakeBridge(options: FakeBridgeOptions): void {
  const calls: FakeBridgeCall[] = [];
  const viewListeners = new Set<(view: ViewModel) => void>();
  const navListeners = new Set<(target: NavigateTarget) => void>();
  const responses: Record<string, unknown> = { ...(options.responses ?? {}) };
  let current = options.view;
  const delayMs = options.delayMs ?? 0;

  const answer = (value: unknown): Promise<unknown> => {
    const rejectWith =
      typeof value === 'object' && value !== null && 'reject' in value
        ? String((value as { reject: unknown }).reject)
        : null;
    const settle = (resolve: (v: unknown) => void, reject: (e: Error) => void): void => {
      if (rejectWith !== null) reject(new Error(rejectWith));
      else resolve(value);
    };
    return new Promise((resolve, reject) => {
      if (delayMs > 0) setTimeout(() => settle(resolve, reject), delayMs);
      else queueMicrotask(() => settle(resolve, reject));
    });
  };

  const bridge = {
    bridgeId: options.bridgeId ?? 'fake-bridge',
    invoke(channel: InvokeChannel, request: unknown): Promise<unknown> {
      calls.push({ channel, request: request === undefined ? null : JSON.parse(JSON.stringify(request)) });
      if (channel === 'app:get-view' && !(channel in responses)) return answer(current);
      return answer(channel in responses ? responses[channel] : { ok: true });
    },
    onView(listener: (view: ViewModel) => void): () => void {
      viewListeners.add(listener);
      return () => viewListeners.delete(listener);
    },
    onNavigate(listener: (target: NavigateTarget) => void): () => void {
      navListeners.add(listener);
      return () => navListeners.delete(listener);
    },
  };

  const control: FakeBridgeControl = {
    calls,
    push(view) {
      current = view;
      for (const l of viewListeners) l(view);
    },
    navigate(target) {
      for (const l of navListeners) l(target);
    },
    setResponse(channel, response) {
      responses[channel] = response;
    },
  };

  Object.defineProperty(window, 'minimaxTray', {
    value: Object.freeze(bridge),
    configurable: false,
    writable: false,
  });
  Object.defineProperty(window, '__fakeBridge', { value: control, configurable: false, writable: false });
}
