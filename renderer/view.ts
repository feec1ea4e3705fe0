/**
 * The job window: header with section tabs and "Check now", the Jobs section (alerts, running
 * jobs with capacity, recently finished), the Settings section, and a status bar with the last
 * and next check. One {@link App} per page; {@link App.render} takes every pushed ViewModel.
 *
 * Timers: one 1 s interval, running only while the page is visible AND something on screen
 * counts (a running job's elapsed time or the next-check countdown). Hidden → no timers at all.
 */
import type { ActionResult, InvokeRequest, NavigateTarget, TrayBridge, ViewModel } from '../main/ipc.ts';
import type { ActionChannel, RunOptions, UiContext } from './context.ts';
import { ConfirmDialog } from './dialog.ts';
import { button, el, replaceChildren, setBusy, setButtonText, setShown, setText, uid } from './dom.ts';
import type { ClockFormatOptions } from './format.ts';
import { formatClockTime, formatUntil } from './format.ts';
import { HistoryList } from './history.ts';
import { icon, type IconName } from './icons.ts';
import { RunningList } from './jobs.ts';
import { SettingsPanel, TOKEN_HELP_URL } from './settings.ts';
import {
  accountOnHoldBody,
  accountOnHoldTitle,
  announceFinished,
  capacityUse,
  countBadge,
  httpSuffix,
  lastCheck,
  mutedUntil,
  nextCheckIn,
  staleOffline,
  staleOther,
  strings,
} from './strings.ts';

/** Tick period of the elapsed-time and countdown updates. */
export const TICK_MS = 1000;
/** How long a message stays in the message area. */
const NOTICE_MS = 6000;

/** Options for {@link App}. */
export interface AppOptions {
  /** Clock source (epoch ms); default Date.now. */
  now?: () => number;
  /** Locale/time zone for clock times; default the user's. */
  clockOptions?: ClockFormatOptions;
}

interface Alert {
  tone: 'info' | 'warning' | 'error';
  iconName: IconName;
  title: string;
  body: string;
  detail?: string;
  actions?: HTMLButtonElement[];
}

/** The whole window. */
export class App {
  private readonly bridge: TrayBridge;
  private readonly ctx: UiContext;
  private readonly dialog: ConfirmDialog;
  private view: ViewModel | null = null;
  private visible: boolean;
  private timer: ReturnType<typeof setInterval> | null = null;
  private noticeTimer: ReturnType<typeof setTimeout> | null = null;
  private seenHistory: Set<string> | null = null;
  private lastErrorKey = '';
  private alertsKey = '';
  private tab: NavigateTarget = 'jobs';

  // Header
  private readonly tabs: Record<NavigateTarget, HTMLButtonElement>;
  private readonly jobsCount: HTMLSpanElement;
  private readonly jobsCountText: Text;
  private readonly checkBtn: HTMLButtonElement;
  // Jobs section
  private readonly jobsPanel: HTMLElement;
  private readonly alerts: HTMLElement;
  private readonly runningSection: HTMLElement;
  private readonly runningHeading: HTMLHeadingElement;
  private readonly runningCount: HTMLSpanElement;
  private readonly capacity: HTMLElement;
  private readonly runningEmpty: HTMLElement;
  private readonly runningNote: HTMLParagraphElement;
  private readonly running: RunningList;
  private readonly historySection: HTMLElement;
  private readonly historyHeading: HTMLHeadingElement;
  private readonly historyEmpty: HTMLElement;
  private readonly historyNote: HTMLElement;
  private readonly clearBtn: HTMLButtonElement;
  private readonly history: HistoryList;
  private readonly hints: HTMLElement;
  // Settings section
  private readonly settingsPanel: HTMLElement;
  private readonly settings: SettingsPanel;
  // Status bar
  private readonly statusLast: Text;
  private readonly statusNext: Text;
  private readonly statusError: HTMLSpanElement;
  private readonly statusNextEl: HTMLSpanElement;
  private readonly notice: HTMLElement;
  private readonly announcer: HTMLElement;

  /**
   * Builds the window into `root` (its children are replaced).
   * @param root container element (the page's #app)
   * @param bridge the preload API (`window.minimaxTray`)
   */
  constructor(root: HTMLElement, bridge: TrayBridge, opts: AppOptions = {}) {
    this.bridge = bridge;
    this.visible = document.visibilityState === 'visible';
    const now = opts.now ?? (() => Date.now());
    this.dialog = new ConfirmDialog();
    this.ctx = {
      run: (channel, request, runOpts) => this.run(channel, request, runOpts),
      confirm: (o) => this.dialog.ask(o),
      notify: (m, tone) => this.showNotice(m, tone ?? 'info'),
      navigate: (target, focus) => this.navigate(target, focus),
      now,
      clockOptions: opts.clockOptions ?? {},
    };

    // --- Header ------------------------------------------------------------------------------
    const jobsTabId = uid('tab-jobs');
    const settingsTabId = uid('tab-settings');
    const jobsPanelId = uid('panel-jobs');
    const settingsPanelId = uid('panel-settings');
    this.jobsCountText = document.createTextNode('');
    this.jobsCount = el('span', {
      className: 'tab-count',
      children: [
        this.jobsCountText,
        el('span', { className: 'visually-hidden', text: ` ${strings.tabs.runningSuffix}` }),
      ],
    });
    const jobsTab = el('button', {
      className: 'tab',
      attrs: { type: 'button', role: 'tab', id: jobsTabId, 'aria-controls': jobsPanelId },
      children: [el('span', { text: strings.tabs.jobs }), this.jobsCount],
    });
    const settingsTab = el('button', {
      className: 'tab',
      text: strings.tabs.settings,
      attrs: { type: 'button', role: 'tab', id: settingsTabId, 'aria-controls': settingsPanelId },
    });
    this.tabs = { jobs: jobsTab, settings: settingsTab };
    jobsTab.addEventListener('click', () => this.navigate('jobs'));
    settingsTab.addEventListener('click', () => this.navigate('settings'));
    const tablist = el('div', {
      className: 'tabs',
      attrs: { role: 'tablist', 'aria-label': strings.tabs.label },
      children: [jobsTab, settingsTab],
    });
    tablist.addEventListener('keydown', (ev) => this.onTabKey(ev));
    this.checkBtn = button(strings.checkNow, {
      className: 'btn btn-small btn-check',
      icon: icon('refresh'),
      onClick: () => void this.checkNow(this.checkBtn),
    });
    const header = el('header', {
      className: 'app-header',
      children: [el('h1', { className: 'visually-hidden', text: strings.appName }), tablist, this.checkBtn],
    });

    // --- Jobs section -------------------------------------------------------------------------
    this.alerts = el('div', { className: 'alerts' });

    const runningHeadingId = uid('h-running');
    this.runningCount = el('span', { className: 'count' });
    this.runningHeading = el('h2', {
      className: 'section-title',
      attrs: { id: runningHeadingId, tabindex: '-1' },
      children: [strings.running.heading, ' ', this.runningCount],
    });
    this.capacity = el('div', { className: 'capacity' });
    this.runningNote = el('p', { className: 'empty-inline' });
    this.runningEmpty = el('div', {
      className: 'empty',
      children: [
        el('p', { className: 'empty-title', text: strings.running.emptyTitle }),
        el('p', { className: 'empty-body', text: strings.running.empty }),
      ],
    });
    this.running = new RunningList(this.ctx, () => this.runningHeading.focus());
    this.runningSection = el('section', {
      className: 'section',
      attrs: { 'aria-labelledby': runningHeadingId },
      children: [
        el('div', { className: 'section-head', children: [this.runningHeading] }),
        this.capacity,
        this.running.element,
        this.runningNote,
        this.runningEmpty,
      ],
    });

    const historyHeadingId = uid('h-history');
    this.historyHeading = el('h2', {
      className: 'section-title',
      text: strings.history.heading,
      attrs: { id: historyHeadingId, tabindex: '-1' },
    });
    this.clearBtn = button(strings.history.clear, {
      className: 'btn btn-small btn-quiet',
      onClick: () => void this.clearHistory(),
    });
    this.historyNote = el('p', { className: 'note', text: strings.history.linksExpire });
    this.historyEmpty = el('p', { className: 'empty-inline', text: strings.history.empty });
    this.history = new HistoryList(this.ctx, () => this.historyHeading.focus());
    this.historySection = el('section', {
      className: 'section',
      attrs: { 'aria-labelledby': historyHeadingId },
      children: [
        el('div', { className: 'section-head', children: [this.historyHeading, this.clearBtn] }),
        this.historyNote,
        this.history.element,
        this.historyEmpty,
      ],
    });
    this.hints = el('div', { className: 'hints' });

    this.jobsPanel = el('div', {
      className: 'panel',
      attrs: { id: jobsPanelId, role: 'tabpanel', 'aria-labelledby': jobsTabId, tabindex: '-1' },
      children: [this.alerts, this.runningSection, this.historySection, this.hints],
    });

    // --- Settings section ---------------------------------------------------------------------
    this.settings = new SettingsPanel(this.ctx);
    this.settingsPanel = el('div', {
      className: 'panel',
      attrs: { id: settingsPanelId, role: 'tabpanel', 'aria-labelledby': settingsTabId, tabindex: '-1' },
      children: [this.settings.element],
    });

    // --- Status bar -------------------------------------------------------------------------
    this.statusLast = document.createTextNode('');
    this.statusNext = document.createTextNode('');
    this.statusError = el('span', { className: 'status-error' });
    this.statusNextEl = el('span', { className: 'status-next', children: [this.statusNext] });
    this.notice = el('div', { className: 'notice', attrs: { role: 'status', 'aria-live': 'polite' } });
    this.announcer = el('div', {
      className: 'visually-hidden',
      attrs: { 'aria-live': 'polite', 'aria-atomic': 'true' },
    });
    const footer = el('footer', {
      className: 'status-bar',
      attrs: { 'aria-label': strings.status.label },
      children: [
        el('p', {
          className: 'status-line',
          children: [el('span', { children: [this.statusLast] }), this.statusError, this.statusNextEl],
        }),
      ],
    });

    const content = el('main', { className: 'content', children: [this.jobsPanel, this.settingsPanel] });
    replaceChildren(root, [header, content, this.notice, footer, this.announcer]);
    this.showTab('jobs', false);
  }

  /** The shared services, for tests and the bootstrap. */
  get context(): UiContext {
    return this.ctx;
  }

  /** True while the 1 s tick is scheduled (benchmarks and tests check this). */
  get ticking(): boolean {
    return this.timer !== null;
  }

  /** Renders a pushed ViewModel. */
  render(view: ViewModel): void {
    const nowMs = this.ctx.now();
    const first = this.view === null;
    this.view = view;

    const running = Array.isArray(view.running) ? view.running : [];
    const history = Array.isArray(view.history) ? view.history : [];

    setText(this.jobsCountText, running.length > 0 ? countBadge(running.length) : '');
    setShown(this.jobsCount, running.length > 0);

    this.renderAlerts(view, nowMs, first);

    // Running.
    const noToken = !view.token.stored;
    setShown(this.checkBtn, !noToken);
    setShown(this.runningSection, !noToken || running.length > 0);
    setText(this.runningCount, running.length > 0 ? `(${running.length})` : '');
    this.running.update(running, nowMs);
    setShown(this.running.element, running.length > 0);
    // With nothing running, say what is known: still checking, nothing at the last good check
    // (stale or failing), or the full "nothing running" explanation.
    const { status } = view;
    const uncertain =
      status.staleSinceMs !== null || (status.error !== null && status.error.reason !== 'account-on-hold');
    let emptyNote = '';
    if (running.length === 0 && !noToken) {
      if (status.lastPollMs === null && status.error === null) emptyNote = strings.running.checking;
      else if (uncertain) emptyNote = strings.running.noneAtLastCheck;
    }
    setText(this.runningNote, emptyNote);
    setShown(this.runningNote, emptyNote !== '');
    setShown(this.runningEmpty, running.length === 0 && !noToken && emptyNote === '');
    this.renderCapacity(view);

    // History.
    setShown(this.historySection, true);
    this.history.update(history, view.settings.hidePrompts, nowMs);
    setShown(this.history.element, history.length > 0);
    setShown(this.historyEmpty, history.length === 0);
    setShown(this.clearBtn, history.length > 0);
    setShown(this.historyNote, history.length > 0);
    this.announceFinished(view, first);

    this.renderHints(view);
    this.settings.update(view);
    this.renderStatus(nowMs);
    this.syncTicker();
    document.body.dataset.ready = 'true';
  }

  /** Page visibility changed: start or stop the tick; hidden also clears transient messages. */
  setVisible(visible: boolean): void {
    this.visible = visible;
    if (!visible) this.clearNotice();
    else this.tick();
    this.syncTicker();
  }

  /** Opens a section (the tray menu's "Settings…" arrives here through 'app:navigate'). */
  navigate(target: NavigateTarget, focus?: 'token'): void {
    this.showTab(target, false);
    if (target === 'settings' && focus === 'token') this.settings.focusToken();
  }

  /** True when Esc should close something inside the page rather than hide the window. */
  get hasOpenDialog(): boolean {
    return this.dialog.isOpen;
  }

  /** Shows a message saying the page could not get going (no bridge, load failure). */
  static fatal(root: HTMLElement, message: string): void {
    replaceChildren(root, [
      el('div', {
        className: 'fatal',
        attrs: { role: 'alert' },
        children: [icon('warning'), el('p', { text: message })],
      }),
    ]);
    document.body.dataset.ready = 'true';
  }

  /** Shows that the first view could not be loaded; the next view push replaces the message. */
  showLoadError(message: string): void {
    this.alertsKey = '';
    replaceChildren(this.alerts, [
      el('div', {
        className: 'alert alert-error',
        attrs: { role: 'alert' },
        children: [
          el('span', { className: 'alert-icon', children: [icon('warning')] }),
          el('div', {
            className: 'alert-main',
            children: [el('p', { className: 'alert-title', text: message })],
          }),
        ],
      }),
    ]);
    setShown(this.alerts, true);
    setShown(this.runningSection, false);
    setShown(this.historySection, false);
    document.body.dataset.ready = 'true';
  }

  /** Once-a-second update: elapsed times and the next-check countdown. Cheap by design. */
  tick(): void {
    if (!this.view) return;
    const nowMs = this.ctx.now();
    this.running.tick(nowMs);
    this.renderNextCheck(nowMs);
  }

  // --- Internals ---------------------------------------------------------------------------

  private syncTicker(): void {
    const status = this.view?.status;
    const wanted =
      this.visible &&
      status !== undefined &&
      (this.running.size > 0 || (status.nextPollMs !== null && !status.paused));
    if (wanted && this.timer === null) {
      this.timer = setInterval(() => this.tick(), TICK_MS);
    } else if (!wanted && this.timer !== null) {
      clearInterval(this.timer);
      this.timer = null;
    }
  }

  private async run<C extends ActionChannel>(
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
      if (!opts.quiet) this.showNotice(result.message, 'error');
    } else if (opts.success) {
      this.showNotice(opts.success, 'info');
    }
    return result;
  }

  private showNotice(message: string, tone: 'info' | 'error'): void {
    this.notice.textContent = message;
    this.notice.classList.toggle('notice-error', tone === 'error');
    this.notice.classList.add('shown');
    if (this.noticeTimer !== null) clearTimeout(this.noticeTimer);
    this.noticeTimer = setTimeout(() => this.clearNotice(), NOTICE_MS);
  }

  private clearNotice(): void {
    if (this.noticeTimer !== null) clearTimeout(this.noticeTimer);
    this.noticeTimer = null;
    this.notice.classList.remove('shown');
    this.notice.textContent = '';
  }

  private showTab(target: NavigateTarget, focusTab: boolean): void {
    this.tab = target;
    for (const key of ['jobs', 'settings'] as const) {
      const selected = key === target;
      this.tabs[key].setAttribute('aria-selected', String(selected));
      this.tabs[key].tabIndex = selected ? 0 : -1;
    }
    setShown(this.jobsPanel, target === 'jobs');
    setShown(this.settingsPanel, target === 'settings');
    if (focusTab) this.tabs[target].focus();
  }

  private onTabKey(ev: KeyboardEvent): void {
    const order: NavigateTarget[] = ['jobs', 'settings'];
    const i = order.indexOf(this.tab);
    let next: NavigateTarget | null = null;
    if (ev.key === 'ArrowRight') next = order[(i + 1) % order.length] ?? null;
    else if (ev.key === 'ArrowLeft') next = order[(i + order.length - 1) % order.length] ?? null;
    else if (ev.key === 'Home') next = 'jobs';
    else if (ev.key === 'End') next = 'settings';
    if (next === null) return;
    ev.preventDefault();
    this.showTab(next, true);
  }

  private async checkNow(btn: HTMLButtonElement): Promise<void> {
    const label = btn.querySelector('.btn-text')?.textContent ?? strings.checkNow;
    setButtonText(btn, strings.checking);
    await this.run('jobs:check-now', undefined, { busy: btn });
    setButtonText(btn, label);
  }

  private async clearHistory(): Promise<void> {
    const ok = await this.ctx.confirm({
      title: strings.confirm.clearTitle,
      body: strings.confirm.clearBody,
      confirmLabel: strings.confirm.clearConfirm,
      cancelLabel: strings.confirm.clearKeep,
      danger: true,
    });
    if (ok) await this.run('history:clear', undefined, { busy: this.clearBtn });
  }

  private alertList(view: ViewModel, nowMs: number): Alert[] {
    const out: Alert[] = [];
    const { status, token } = view;
    const err = status.error;
    const staleTime =
      status.staleSinceMs !== null
        ? formatClockTime(status.staleSinceMs, nowMs, this.ctx.clockOptions)
        : null;
    const offline = status.state === 'offline' || err?.reason === 'network' || err?.reason === 'timeout';
    const staleLine =
      staleTime === null ? undefined : offline ? staleOffline(staleTime) : staleOther(staleTime);

    if (!token.stored) {
      out.push({
        tone: 'info',
        iconName: 'key',
        title: strings.banner.noTokenTitle,
        body: strings.banner.noTokenBody,
        actions: [
          button(strings.banner.openSettings, {
            className: 'btn btn-primary btn-small',
            onClick: () => this.navigate('settings', 'token'),
          }),
          button(strings.banner.howToGetToken, {
            className: 'btn btn-small',
            icon: icon('external'),
            onClick: () => void this.run('link:open', { url: TOKEN_HELP_URL }),
          }),
        ],
      });
    } else if (err) {
      const detail = err.message ? `${err.message}${httpSuffix(err.status)}` : undefined;
      const checkNow = (): HTMLButtonElement =>
        button(strings.checkNow, {
          className: 'btn btn-small',
          icon: icon('refresh'),
          onClick: (ev) => void this.checkNow(ev.currentTarget as HTMLButtonElement),
        });
      switch (err.reason) {
        case 'unauthorized':
          out.push({
            tone: 'error',
            iconName: 'key',
            title: strings.banner.unauthorizedTitle,
            body: strings.banner.unauthorizedBody,
            detail: staleLine,
            actions: [
              button(strings.banner.replaceToken, {
                className: 'btn btn-primary btn-small',
                onClick: () => this.navigate('settings', 'token'),
              }),
            ],
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
            actions: [checkNow()],
          });
          break;
        case 'account-on-hold':
          out.push({
            tone: 'warning',
            iconName: 'warning',
            title: accountOnHoldTitle(err.account ?? '?'),
            body: accountOnHoldBody,
            detail: staleLine,
            actions: [checkNow()],
          });
          break;
        case 'rate-limited':
          out.push({
            tone: 'warning',
            iconName: 'warning',
            title: strings.banner.rateLimitedTitle,
            body: strings.banner.rateLimitedBody,
            detail: staleLine,
          });
          break;
        case 'server-busy':
          out.push({
            tone: 'warning',
            iconName: 'warning',
            title: strings.banner.busyTitle,
            body: strings.banner.busyBody,
            detail: staleLine ?? detail,
            actions: [checkNow()],
          });
          break;
        default:
          out.push({
            tone: 'warning',
            iconName: 'warning',
            title: strings.banner.genericTitle,
            body: strings.banner.genericBody,
            detail: staleLine ? `${staleLine}. ${detail ?? ''}`.trim() : detail,
            actions: [checkNow()],
          });
      }
    } else if (staleLine !== undefined) {
      out.push({
        tone: 'warning',
        iconName: offline ? 'offline' : 'warning',
        title: staleLine,
        body: offline ? strings.banner.offlineBody : strings.banner.genericBody,
      });
    }

    if (status.paused) {
      out.push({
        tone: 'info',
        iconName: 'pause',
        title: strings.banner.pausedText,
        body: '',
        actions: [
          button(strings.banner.resume, {
            className: 'btn btn-small',
            onClick: (ev) =>
              void this.run(
                'polling:set-paused',
                { paused: false },
                { busy: ev.currentTarget as HTMLButtonElement },
              ),
          }),
        ],
      });
    }
    if (status.mutedUntilMs !== null && status.mutedUntilMs > nowMs) {
      out.push({
        tone: 'info',
        iconName: 'mute',
        title: mutedUntil(formatClockTime(status.mutedUntilMs, nowMs, this.ctx.clockOptions)),
        body: '',
        actions: [
          button(strings.banner.unmute, {
            className: 'btn btn-small',
            onClick: (ev) =>
              void this.run(
                'notifications:mute',
                { minutes: null },
                { busy: ev.currentTarget as HTMLButtonElement },
              ),
          }),
        ],
      });
    }
    return out;
  }

  private renderAlerts(view: ViewModel, nowMs: number, first: boolean): void {
    const alerts = this.alertList(view, nowMs);
    const key = alerts.map((a) => [a.tone, a.title, a.body, a.detail ?? ''].join('\u0000')).join('\u0001');
    if (key !== this.alertsKey) {
      // Rebuild only when what they say changed, so focus on an alert button survives pushes.
      const hadFocus = this.alerts.contains(document.activeElement);
      this.alertsKey = key;
      replaceChildren(
        this.alerts,
        alerts.map((a) =>
          el('div', {
            className: `alert alert-${a.tone}${a.body || a.detail ? '' : ' alert-compact'}`,
            children: [
              el('span', { className: 'alert-icon', children: [icon(a.iconName)] }),
              el('div', {
                className: 'alert-main',
                children: [
                  el('p', { className: 'alert-title', text: a.title, attrs: { dir: 'auto' } }),
                  a.body ? el('p', { className: 'alert-body', text: a.body }) : null,
                  a.detail
                    ? el('p', { className: 'alert-detail', text: a.detail, attrs: { dir: 'auto' } })
                    : null,
                  a.actions && a.actions.length > 0
                    ? el('div', { className: 'alert-actions', children: a.actions })
                    : null,
                ],
              }),
            ],
          }),
        ),
      );
      if (hadFocus) this.jobsPanel.focus();
    }
    setShown(this.alerts, alerts.length > 0);

    // Announce a new error once (not the same one on every failed poll).
    const err = view.status.error;
    const errorKey = err ? `${err.reason}|${err.account ?? ''}` : !view.token.stored ? 'no-token' : '';
    if (errorKey !== this.lastErrorKey) {
      const firstAlert = alerts[0];
      if (!first && errorKey !== '' && firstAlert) this.announce(firstAlert.title);
      this.lastErrorKey = errorKey;
    }
  }

  private renderCapacity(view: ViewModel): void {
    const caps = Array.isArray(view.capacity) ? view.capacity : [];
    const names = new Map<string, string>();
    for (const c of caps) if (c.accountName) names.set(c.account, c.accountName);
    for (const r of view.running) if (r.accountName) names.set(r.account, r.accountName);
    const key = caps
      .map((c) => `${c.account}|${names.get(c.account) ?? ''}|${c.executing}|${c.maxJobs}`)
      .join(';');
    if (this.capacity.dataset.key === key) return;
    this.capacity.dataset.key = key;
    if (caps.length === 0) {
      this.capacity.replaceChildren();
      setShown(this.capacity, false);
      return;
    }
    const list = el('ul', { className: 'capacity-list', attrs: { 'aria-label': strings.capacity.heading } });
    for (const c of caps) {
      const max = Number.isFinite(c.maxJobs) && c.maxJobs > 0 ? c.maxJobs : 0;
      const used = Number.isFinite(c.executing) ? Math.max(0, c.executing) : 0;
      const fill = el('span', { className: 'cap-fill' });
      fill.style.width = `${max === 0 ? 0 : Math.min(100, (used / max) * 100)}%`;
      if (max > 0 && used >= max) fill.classList.add('full');
      const name = names.get(c.account) ?? c.account;
      list.appendChild(
        el('li', {
          className: 'cap',
          children: [
            el('span', { className: 'cap-name', text: name, attrs: { dir: 'auto', title: c.account } }),
            el('span', { className: 'cap-bar', attrs: { 'aria-hidden': 'true' }, children: [fill] }),
            el('span', { className: 'cap-text', text: capacityUse(used, max) }),
          ],
        }),
      );
    }
    replaceChildren(this.capacity, [list, el('p', { className: 'note', text: strings.capacity.note })]);
    setShown(this.capacity, true);
  }

  private renderHints(view: ViewModel): void {
    const key = `${view.status.notificationsUnavailable}|${view.status.trayUnavailable}|${view.status.ledgerProblem}`;
    if (this.hints.dataset.key === key) return;
    this.hints.dataset.key = key;
    const items: HTMLElement[] = [];
    if (view.status.notificationsUnavailable) {
      items.push(
        el('p', {
          className: 'hint',
          children: [icon('info'), el('span', { text: strings.banner.notificationsUnavailable })],
        }),
      );
    }
    if (view.status.ledgerProblem !== null) {
      items.push(
        el('p', {
          className: 'hint',
          children: [icon('info'), el('span', { text: view.status.ledgerProblem, attrs: { dir: 'auto' } })],
        }),
      );
    }
    if (view.status.trayUnavailable) {
      items.push(
        el('p', {
          className: 'hint',
          children: [icon('info'), el('span', { text: strings.banner.trayUnavailable })],
        }),
      );
    }
    replaceChildren(this.hints, items);
    setShown(this.hints, items.length > 0);
  }

  private renderStatus(nowMs: number): void {
    const status = this.view?.status;
    if (!status) return;
    const last =
      status.lastPollMs === null
        ? strings.status.notChecked
        : lastCheck(formatClockTime(status.lastPollMs, nowMs, { ...this.ctx.clockOptions, seconds: true }));
    if (this.statusLast.data !== last) this.statusLast.data = last;
    const err = status.error;
    setText(this.statusError, err ? strings.status.errors[err.reason] : '');
    setShown(this.statusError, err !== null);
    this.renderNextCheck(nowMs);
  }

  private renderNextCheck(nowMs: number): void {
    const status = this.view?.status;
    if (!status) return;
    let next = '';
    if (status.paused) next = strings.status.paused;
    else if (status.nextPollMs !== null) {
      const rel = formatUntil(status.nextPollMs, nowMs);
      next = rel === null ? strings.status.nextSoon : nextCheckIn(rel);
    }
    if (this.statusNext.data !== next) this.statusNext.data = next;
    const shown = next !== '';
    if (this.statusNextEl.hidden === shown) this.statusNextEl.hidden = !shown;
  }

  private announceFinished(view: ViewModel, first: boolean): void {
    const history = Array.isArray(view.history) ? view.history : [];
    const ids = new Set<string>();
    for (const row of history) ids.add(row.id);
    if (!first && this.seenHistory !== null) {
      const fresh = history.filter((row) => !this.seenHistory!.has(row.id));
      if (fresh.length > 0) {
        const parts = fresh.slice(0, 3).map((row) => announceFinished(row.kind, row.shortId, row.outcome));
        if (fresh.length > 3) parts.push(`+${fresh.length - 3}`);
        this.announce(parts.join('. '));
      }
    }
    this.seenHistory = ids;
  }

  private announce(message: string): void {
    // Same text twice in a row would not be re-read; clear first.
    this.announcer.textContent = '';
    this.announcer.textContent = message;
  }
}

function isActionResult(v: unknown): v is ActionResult {
  if (typeof v !== 'object' || v === null) return false;
  const r = v as { ok?: unknown; message?: unknown };
  return r.ok === true || (r.ok === false && typeof r.message === 'string');
}
