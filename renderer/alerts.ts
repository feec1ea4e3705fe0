/**
 * What the alerts above the job lists say, as a pure function of the ViewModel: no DOM, so it is
 * unit-tested under Node (test/unit/renderer/alerts.test.ts). alerts-panel.ts draws the result.
 *
 * Order: the token or error alert (at most one; without a token nothing else about polling is
 * said), or a stale-list warning when the list is old without a current error; then "paused" and
 * "muted" (compact, one line each). No alert carries its own "Check now": the header has the one.
 */
import type { ViewModel } from '../main/ipc.ts';
import type { ClockFormatOptions } from './format.ts';
import { formatClockTime } from './format.ts';
import type { IconName } from './icons.ts';
import {
  accountOnHoldBody,
  accountOnHoldTitle,
  httpSuffix,
  mutedUntil,
  staleOffline,
  staleOther,
  strings,
} from './strings.ts';

/** What an alert button does; alerts-panel.ts maps each to a navigation or an action channel. */
export type AlertActionId =
  'add-token' | 'token-help' | 'replace-token' | 'resume' | 'unmute' | 'retry-saving' | 'choose-save-folder';

/** A button on an alert. */
export interface AlertAction {
  id: AlertActionId;
  label: string;
  /** The main way out of the alert (styled as the primary button). */
  primary?: boolean;
}

/** One alert. */
export interface Alert {
  tone: 'info' | 'warning' | 'error';
  iconName: IconName;
  /** First line, bold; always set. */
  title: string;
  /** What it means or what to do; '' for a one-line (compact) alert. */
  body: string;
  /** Extra detail from the API or the stale time, shown muted; null when there is none. */
  detail: string | null;
  actions: AlertAction[];
}

/**
 * The alerts for `view` at `nowMs` (see the module docs for the order).
 * @param clock locale and time zone for the clock times in stale and muted alerts
 */
export function alertsFor(view: ViewModel, nowMs: number, clock: ClockFormatOptions = {}): Alert[] {
  const out: Alert[] = [];
  const { status, token } = view;
  const err = status.error;
  const staleTime = status.staleSinceMs !== null ? formatClockTime(status.staleSinceMs, nowMs, clock) : null;
  const offline = status.state === 'offline' || err?.reason === 'network' || err?.reason === 'timeout';
  const staleLine = staleTime === null ? null : offline ? staleOffline(staleTime) : staleOther(staleTime);

  if (!token.stored) {
    out.push({
      tone: 'info',
      iconName: 'key',
      title: strings.banner.noTokenTitle,
      body: strings.banner.noTokenBody,
      detail: null,
      actions: [
        { id: 'add-token', label: strings.banner.openSettings, primary: true },
        { id: 'token-help', label: strings.banner.howToGetToken },
      ],
    });
  } else if (err) {
    const detail = err.message ? `${err.message}${httpSuffix(err.status)}` : null;
    switch (err.reason) {
      case 'unauthorized':
        out.push({
          tone: 'error',
          iconName: 'key',
          title: strings.banner.unauthorizedTitle,
          body: strings.banner.unauthorizedBody,
          detail: staleLine,
          actions: [{ id: 'replace-token', label: strings.banner.replaceToken, primary: true }],
        });
        break;
      case 'network':
      case 'timeout':
        out.push({
          tone: 'warning',
          iconName: 'offline',
          title: staleLine ?? strings.banner.offlineTitle,
          body: strings.banner.offlineBody,
          detail,
          actions: [],
        });
        break;
      case 'account-on-hold':
        out.push({
          tone: 'warning',
          iconName: 'warning',
          title: accountOnHoldTitle(err.account ?? '?'),
          body: accountOnHoldBody,
          detail: staleLine,
          actions: [],
        });
        break;
      case 'rate-limited':
        out.push({
          tone: 'warning',
          iconName: 'warning',
          title: strings.banner.rateLimitedTitle,
          body: strings.banner.rateLimitedBody,
          detail: staleLine,
          actions: [],
        });
        break;
      case 'server-busy':
        out.push({
          tone: 'warning',
          iconName: 'warning',
          title: strings.banner.busyTitle,
          body: strings.banner.busyBody,
          detail: staleLine ?? detail,
          actions: [],
        });
        break;
      default:
        out.push({
          tone: 'warning',
          iconName: 'warning',
          title: strings.banner.genericTitle,
          body: strings.banner.genericBody,
          detail: staleLine ? `${staleLine}. ${detail ?? ''}`.trim() : detail,
          actions: [],
        });
    }
  } else if (staleLine !== null) {
    out.push({
      tone: 'warning',
      iconName: offline ? 'offline' : 'warning',
      title: staleLine,
      body: offline ? strings.banner.offlineBody : strings.banner.genericBody,
      detail: null,
      actions: [],
    });
  }

  if (status.savingPaused) {
    out.push({
      tone: 'warning',
      iconName: status.savingPaused.reason === 'disk-full' ? 'warning' : 'folder',
      title: strings.saving.pausedTitle,
      body: status.savingPaused.message,
      detail: null,
      actions: [
        { id: 'retry-saving', label: strings.saving.retry, primary: true },
        { id: 'choose-save-folder', label: strings.saving.chooseOther },
      ],
    });
  }
  if (status.paused) {
    out.push({
      tone: 'info',
      iconName: 'pause',
      title: strings.banner.pausedText,
      body: '',
      detail: null,
      actions: [{ id: 'resume', label: strings.banner.resume }],
    });
  }
  if (status.mutedUntilMs !== null && status.mutedUntilMs > nowMs) {
    out.push({
      tone: 'info',
      iconName: 'mute',
      title: mutedUntil(formatClockTime(status.mutedUntilMs, nowMs, clock)),
      body: '',
      detail: null,
      actions: [{ id: 'unmute', label: strings.banner.unmute }],
    });
  }
  return out;
}

/**
 * What the current problem is, for announcing it once rather than on every failed poll: the error
 * reason (and the account on hold), 'no-token', or '' when there is none.
 */
export function problemKey(view: ViewModel): string {
  const err = view.status.error;
  if (err) return `${err.reason}|${err.account ?? ''}`;
  return view.token.stored ? '' : 'no-token';
}
