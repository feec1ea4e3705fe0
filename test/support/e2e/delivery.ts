/**
 * Judging what the OS did with the app's notifications (the `os` answers the test hooks record,
 * main/electron/test-hooks.ts), per platform, for the end-to-end scenarios:
 *
 * - Linux (the real-Electron suite runs a notification daemon in its D-Bus session) and the
 *   browser suite's double: every notification must be `shown`;
 * - macOS: an unsigned build is refused (`failed`); that is said in the output, not failed,
 *   and the app must then have marked notifications unavailable (the window says so);
 * - Windows: a toast for an AppUserModelID without a Start-menu shortcut (an unpackaged run) may
 *   be refused or get no answer; that is said in the output. A `show` is reported too, since
 *   Windows can accept a toast it does not display.
 * Pure: no Electron, no Playwright.
 */

/** What the OS did with one notification (main/electron/test-hooks.ts `OsAnswer`). */
export type OsAnswer = 'pending' | 'shown' | 'refused' | 'no-answer';

/** One notification as the judge needs it. */
export interface DeliveredNotification {
  title: string;
  os: OsAnswer;
  /** The error `failed` gave, if any. */
  error?: string | null;
}

/** The verdict: failures fail the test; notes go to the suite's output. */
export interface DeliveryVerdict {
  failures: string[];
  notes: string[];
}

/**
 * Judges `notifications` shown on `platform` ('browser' for the double). Call once none is
 * `pending` (a pending one is a failure here).
 */
export function judgeDelivery(
  platform: string,
  notifications: readonly DeliveredNotification[],
): DeliveryVerdict {
  const failures: string[] = [];
  const notes: string[] = [];
  const notShown = notifications.filter((n) => n.os !== 'shown');
  for (const n of notifications.filter((x) => x.os === 'pending')) {
    failures.push(`"${n.title}": the OS had not answered yet`);
  }
  const unanswered = notShown.filter((n) => n.os !== 'pending');
  const describe = (n: DeliveredNotification): string =>
    `"${n.title}" ${n.os === 'refused' ? `refused (${n.error ?? 'no reason given'})` : 'got no answer within 5 s'}`;
  if (platform === 'darwin') {
    if (unanswered.length > 0)
      notes.push(
        `macOS did not show ${unanswered.length} of ${notifications.length} notification(s): ${unanswered.map(describe).join('; ')}. An unsigned build is refused; a signed, notarised one shows them.`,
      );
  } else if (platform === 'win32') {
    if (unanswered.length > 0)
      notes.push(
        `Windows did not show ${unanswered.length} of ${notifications.length} toast(s): ${unanswered.map(describe).join('; ')}. Toasts need a Start-menu shortcut carrying the AppUserModelID (the Electron executable's path in an unpackaged run).`,
      );
    const shown = notifications.length - notShown.length;
    if (shown > 0)
      notes.push(
        `Windows accepted ${shown} toast(s) ('show'); whether they were displayed depends on a Start-menu shortcut for the AppUserModelID.`,
      );
  } else {
    for (const n of unanswered) failures.push(`${describe(n)}: the notification daemon did not show it`);
  }
  return { failures, notes };
}
