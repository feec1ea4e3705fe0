/**
 * The main side of the IPC contract in main/ipc.ts.
 *
 * - One `ipcMain.handle` per channel in {@link INVOKE_CHANNELS}. Each handler first checks that
 *   the sending frame is our renderer page (exact URL: `app://renderer/index.html`, see
 *   security.ts) and then validates the payload with the zod schema below; only then does it call
 *   the controller. A wrong sender or a bad payload rejects the invoke with an Error (and is
 *   logged); the controller never sees it. The window's own channels ({@link WINDOW_CHANNELS}) go to
 *   the window, every other channel to the controller.
 * - Views go to the renderer on {@link VIEW_CHANNEL} through {@link pushView}, which only sends to
 *   web contents showing the renderer page.
 */
import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { z } from 'zod';
import { MAX_ACCELERATOR_CHARS } from '../app/accelerator.ts';
import { MAX_ACCOUNT_ID_CHARS } from '../app/account-modes.ts';
import { OUTCOMES } from '../core/types.ts';
import { silentLogger, type Logger } from '../core/types.ts';
import {
  INVOKE_CHANNELS,
  VIEW_CHANNEL,
  WINDOW_CHANNELS,
  type ActionResult,
  type CommandChannel,
  type InvokeChannel,
  type InvokeRequest,
  type InvokeResponse,
  type ViewModel,
  type WindowChannel,
} from '../ipc.ts';
import { isRendererUrl } from './security.ts';

/** Longest string accepted in any payload field (ids, URLs, copied text, tokens). */
export const MAX_FIELD_CHARS = 4096;

const text = (max = MAX_FIELD_CHARS) => z.string().max(max);
const none = z.union([z.undefined(), z.null()]).transform(() => undefined);

/** The payload schema of every invoke channel (compile-time complete over {@link InvokeChannel}). */
export const REQUEST_SCHEMAS: { [C in InvokeChannel]: z.ZodType<InvokeRequest<C>, unknown> } = {
  'app:get-view': none,
  'jobs:check-now': none,
  'jobs:stop-tracking': z.object({ id: text(512).min(1) }).strict(),
  'jobs:cancel-video': z.object({ id: text(512).min(1) }).strict(),
  'history:clear': none,
  'link:open': z.object({ url: text().min(1) }).strict(),
  'link:copy': z.object({ text: text() }).strict(),
  'token:save': z.object({ token: text(1024) }).strict(),
  'token:remove': none,
  'settings:update': z
    .object({
      apiBaseUrl: text(2048).optional(),
      pollingMode: z.enum(['adaptive', 'fixed']).optional(),
      fixedIntervalMs: z.number().optional(),
      notifyOn: z
        .object(
          Object.fromEntries(OUTCOMES.map((k) => [k, z.boolean()])) as Record<
            (typeof OUTCOMES)[number],
            z.ZodBoolean
          >,
        )
        .strict()
        .optional(),
      hidePrompts: z.boolean().optional(),
      startAtLogin: z.boolean().optional(),
      // What the user recorded; main/app/accelerator.ts checks it and says what is wrong.
      globalShortcut: text(MAX_ACCELERATOR_CHARS * 2).optional(),
      globalShortcutEnabled: z.boolean().optional(),
      keepWindowOpen: z.boolean().optional(),
      // The folder is never taken from the window: only the chooser in main sets it.
      saveResults: z
        .object({ enabled: z.boolean().optional(), kinds: z.enum(['videos', 'all']).optional() })
        .strict()
        .optional(),
      websiteJobs: z.boolean().optional(),
    })
    .strict(),
  'polling:set-paused': z.object({ paused: z.boolean() }).strict(),
  'notifications:mute': z.object({ minutes: z.number().nullable() }).strict(),
  'window:hide': none,
  'accounts:set-mode': z
    .object({ account: text(MAX_ACCOUNT_ID_CHARS).min(1), mode: z.enum(['notify', 'muted', 'hidden']) })
    .strict(),
  'saving:choose-folder': none,
  'saving:show-in-folder': z.object({ id: text(512).min(1) }).strict(),
  'saving:retry': none,
};

/** What the command handlers call (the AppController). */
export interface CommandTarget {
  handle<C extends CommandChannel>(channel: C, request: InvokeRequest<C>): Promise<InvokeResponse<C>>;
}

/** What the window channels call (the JobWindow). */
export interface WindowCommands {
  handle(channel: WindowChannel): Promise<ActionResult>;
}

const WINDOW_CHANNEL_SET: ReadonlySet<InvokeChannel> = new Set<InvokeChannel>(WINDOW_CHANNELS);

function isWindowChannel(channel: InvokeChannel): channel is WindowChannel {
  return WINDOW_CHANNEL_SET.has(channel);
}

/** Options of {@link registerIpcHandlers}. */
export interface IpcOptions {
  target: CommandTarget;
  window: WindowCommands;
  /** Sender check; default {@link isRendererUrl} on `event.senderFrame.url`. */
  isAllowedSender?: (url: string | null) => boolean;
  logger?: Logger;
}

function senderUrl(event: IpcMainInvokeEvent): string | null {
  try {
    return event.senderFrame?.url ?? null;
  } catch {
    // senderFrame throws when the frame was destroyed/navigated meanwhile.
    return null;
  }
}

/** Shortens a URL for a log line (no query or hash). */
function describeUrl(url: string | null): string {
  if (url === null) return '(no frame)';
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}${u.pathname}`;
  } catch {
    return '(unparsable URL)';
  }
}

/**
 * Registers a handler for every channel. Returns a function that removes them again.
 * @throws Error when a handler for one of the channels is already registered.
 */
export function registerIpcHandlers(opts: IpcOptions): () => void {
  const logger = opts.logger ?? silentLogger;
  const allowed = opts.isAllowedSender ?? ((url: string | null) => isRendererUrl(url));
  for (const channel of INVOKE_CHANNELS) {
    ipcMain.handle(channel, async (event, payload: unknown) => {
      const url = senderUrl(event);
      if (!allowed(url)) {
        logger.warn(`ipc: refused ${channel} from ${describeUrl(url)}`);
        throw new Error(`Refused: ${channel} may only be called by the MiniMax Tray window.`);
      }
      const parsed = REQUEST_SCHEMAS[channel].safeParse(payload);
      if (!parsed.success) {
        logger.warn(`ipc: refused ${channel}: invalid payload (${parsed.error.issues.length} issue(s))`);
        throw new Error(`Invalid request for ${channel}.`);
      }
      if (isWindowChannel(channel)) return opts.window.handle(channel);
      return opts.target.handle(channel, parsed.data as InvokeRequest<typeof channel>);
    });
  }
  return () => {
    for (const channel of INVOKE_CHANNELS) ipcMain.removeHandler(channel);
  };
}

/** Sends a view on {@link VIEW_CHANNEL} to `contents` if it shows the renderer page. */
export function pushView(contents: WebContents | null | undefined, view: ViewModel): boolean {
  if (!contents || contents.isDestroyed() || !isRendererUrl(contents.getURL())) return false;
  contents.send(VIEW_CHANNEL, view);
  return true;
}
