/**
 * The action runner: every button that asks main for something goes through
 * {@link ActionRunner.run}, which marks the button busy while it runs, turns a rejected call or a
 * malformed answer into a failure message, and shows failures (and optional success messages) in
 * the message area. It never rejects, so a click can never crash the window.
 */
import type { ActionResult, InvokeRequest, TrayBridge } from '../main/ipc.ts';
import type { ActionChannel, RunOptions } from './context.ts';
import { setBusy } from './dom.ts';
import type { Notice } from './notice.ts';
import { strings } from './strings.ts';

/** Runs action channels over the bridge (see the module docs). */
export class ActionRunner {
  private readonly bridge: TrayBridge;
  private readonly notice: Notice;

  /**
   * @param bridge the preload API
   * @param notice where failures and success messages are shown
   */
  constructor(bridge: TrayBridge, notice: Notice) {
    this.bridge = bridge;
    this.notice = notice;
  }

  /** See `UiContext.run` in context.ts. */
  async run<C extends ActionChannel>(
    channel: C,
    request: InvokeRequest<C>,
    opts: RunOptions = {},
  ): Promise<ActionResult> {
    const busy = opts.busy ?? null;
    if (busy) setBusy(busy, true);
    let result: ActionResult;
    try {
      const raw = (await this.bridge.invoke(channel, request)) as unknown;
      result = isActionResult(raw) ? raw : { ok: false, message: strings.actionFailed };
    } catch {
      result = { ok: false, message: strings.actionFailed };
    } finally {
      if (busy) setBusy(busy, false);
    }
    if (!result.ok) {
      if (!result.message) result = { ok: false, message: strings.actionFailed };
      if (!opts.quiet) this.notice.show(result.message, 'error');
    } else if (opts.success) {
      this.notice.show(opts.success, 'info');
    }
    return result;
  }
}

function isActionResult(v: unknown): v is ActionResult {
  if (typeof v !== 'object' || v === null) return false;
  const r = v as { ok?: unknown; message?: unknown };
  return r.ok === true || (r.ok === false && typeof r.message === 'string');
}
