/**
 * The command table behind IPC: one entry per invoke channel of main/ipc.ts, each calling one
 * action of the app. The IPC layer (main/electron/ipc-handlers.ts) has already checked the
 * sender and validated the payload. An action that throws becomes `{ok: false, message}` here,
 * so the window always gets an answer: an API error's own message, else a pointer to the log.
 */
import { isApiError } from '../core/api/errors.ts';
import { silentLogger, type Logger } from '../core/types.ts';
import type {
  AccountMode,
  ActionResult,
  CommandChannel,
  InvokeRequest,
  InvokeResponse,
  SettingsPatch,
  ViewModel,
} from '../ipc.ts';

/** What the window can ask the app to do (the AppController implements it). */
export interface AppActions {
  view(): ViewModel;
  checkNow(): ActionResult;
  stopTracking(id: string): Promise<ActionResult>;
  cancelVideo(id: string): Promise<ActionResult>;
  clearHistory(): Promise<ActionResult>;
  openLink(url: string): Promise<ActionResult>;
  copyText(text: string): Promise<ActionResult>;
  saveToken(token: string): Promise<ActionResult>;
  removeToken(): Promise<ActionResult>;
  updateSettings(patch: SettingsPatch): Promise<ActionResult>;
  setPaused(paused: boolean): ActionResult;
  /** Mute for `minutes`, or unmute with null. */
  mute(minutes: number | null): ActionResult;
  /** Per-account control (Settings' account list). */
  setAccountMode(account: string, mode: AccountMode): ActionResult;
  /** The folder chooser for saved results. */
  chooseSaveFolder(): Promise<ActionResult>;
  /** Shows job `id`'s saved result in the file manager. */
  showSavedResult(id: string): Promise<ActionResult>;
  /** Ends a pause of saving and tries again now. */
  retrySaving(): ActionResult;
}

type Handlers = { [C in CommandChannel]: (request: InvokeRequest<C>) => Promise<InvokeResponse<C>> };

/** Runs one command per channel (what ipc-handlers.ts calls; the window's own channels go to window.ts). */
export interface CommandTable {
  handle<C extends CommandChannel>(channel: C, request: InvokeRequest<C>): Promise<InvokeResponse<C>>;
}

/** The table for `actions`. A missing channel is a compile error (`Handlers` is exhaustive). */
export function commandTable(actions: AppActions, logger: Logger = silentLogger): CommandTable {
  const guard = async (fn: () => ActionResult | Promise<ActionResult>): Promise<ActionResult> => {
    try {
      return await fn();
    } catch (e) {
      logger.error(`command failed: ${e instanceof Error ? e.message : String(e)}`);
      return {
        ok: false,
        message: isApiError(e) ? e.message : 'Something went wrong; see the log for details.',
      };
    }
  };
  const handlers: Handlers = {
    'app:get-view': async () => actions.view(),
    'jobs:check-now': () => guard(() => actions.checkNow()),
    'jobs:stop-tracking': (r) => guard(() => actions.stopTracking(r.id)),
    'jobs:cancel-video': (r) => guard(() => actions.cancelVideo(r.id)),
    'history:clear': () => guard(() => actions.clearHistory()),
    'link:open': (r) => guard(() => actions.openLink(r.url)),
    'link:copy': (r) => guard(() => actions.copyText(r.text)),
    'token:save': (r) => guard(() => actions.saveToken(r.token)),
    'token:remove': () => guard(() => actions.removeToken()),
    'settings:update': (r) => guard(() => actions.updateSettings(r)),
    'polling:set-paused': (r) => guard(() => actions.setPaused(r.paused)),
    'notifications:mute': (r) => guard(() => actions.mute(r.minutes)),
    'accounts:set-mode': (r) => guard(() => actions.setAccountMode(r.account, r.mode)),
    'saving:choose-folder': () => guard(() => actions.chooseSaveFolder()),
    'saving:show-in-folder': (r) => guard(() => actions.showSavedResult(r.id)),
    'saving:retry': () => guard(() => actions.retrySaving()),
  };
  return {
    handle<C extends CommandChannel>(channel: C, request: InvokeRequest<C>): Promise<InvokeResponse<C>> {
      const handler = handlers[channel] as (r: InvokeRequest<C>) => Promise<InvokeResponse<C>>;
      return handler(request);
    },
  };
}
