/**
 * Telling the user what finished: the monitor's events, planned by notification-planner.ts (per
 * outcome, muted, hidden or muted accounts, summaries) and shown through the notifier port. A
 * notification the OS refuses is logged; the rest are still shown.
 */
import type { MonitorSnapshot } from '../core/monitor/job-monitor.ts';
import type { Logger, MonitorEvent } from '../core/types.ts';
import { quietAccounts } from './account-modes.ts';
import { planNotifications } from './notification-planner.ts';
import type { NotifierPort } from './ports.ts';
import type { AppSettings } from './settings.ts';

/**
 * Shows the notifications `events` call for.
 * @param snapshot the monitor's snapshot after the events (account names).
 * @param nowMs epoch ms (whether a mute is still on).
 */
export function announce(
  events: readonly MonitorEvent[],
  ctx: {
    settings: AppSettings;
    snapshot: MonitorSnapshot;
    nowMs: number;
    notifier: NotifierPort | undefined;
    logger: Logger;
  },
): void {
  const { settings } = ctx;
  const planned = planNotifications(events, {
    notifyOn: settings.notifyOn,
    hidePrompts: settings.hidePrompts,
    mutedUntilMs: settings.mutedUntilMs,
    nowMs: ctx.nowMs,
    accountNames: new Map(Object.entries(ctx.snapshot.accounts.names)),
    quietAccounts: quietAccounts(settings.accountModes),
  });
  for (const n of planned) {
    try {
      ctx.notifier?.show(n);
    } catch (e) {
      ctx.logger.warn(`controller: notification failed: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
}
