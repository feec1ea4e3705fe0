/**
 * Settings' "Accounts" section: every MiniMax account main knows (named from GET /accounts, or
 * by id), each with a choice of Notify / Muted (listed, no notifications) / Hidden (not listed,
 * not counted in the tray). A change goes to main as 'accounts:set-mode'; the list follows the
 * pushed {@link AccountRow}s, keeping each row's element (and keyboard focus) across pushes.
 */
import type { AccountMode, AccountRow, ViewModel } from '../main/ipc.ts';
import type { UiContext } from './context.ts';
import { el, setShown, uid } from './dom.ts';
import { KeyedList, type KeyedRecord, type RowSpec } from './keyed-list.ts';
import { accountLabel, strings } from './strings.ts';

const MODES: readonly AccountMode[] = ['notify', 'muted', 'hidden'];

interface AccountRecord extends KeyedRecord<AccountRow> {
  readonly select: HTMLSelectElement;
}

/** The section's content; create once, call {@link AccountSettings.update} on every view. */
export class AccountSettings {
  /** The nodes to put in the section, in order. */
  readonly nodes: readonly HTMLElement[];
  private readonly ctx: UiContext;
  private readonly list: KeyedList<AccountRow, AccountRecord>;
  private readonly empty: HTMLParagraphElement;
  private readonly spec: RowSpec<AccountRow, AccountRecord>;

  constructor(ctx: UiContext) {
    this.ctx = ctx;
    this.list = new KeyedList<AccountRow, AccountRecord>({
      className: 'account-list',
      label: strings.accounts.listLabel,
      // An account set back to Notify that is not seen now leaves the list: focus the next one.
      onFocusLost: () => this.list.element.querySelector('select')?.focus(),
      onAction: () => {},
    });
    this.list.element.addEventListener('change', (ev) => {
      const select = ev.target;
      if (!(select instanceof HTMLSelectElement) || !select.dataset.account) return;
      void this.setMode(select, select.dataset.account, select.value as AccountMode);
    });
    this.empty = el('p', { className: 'field-help', text: strings.accounts.empty });
    this.spec = {
      key: (row) => row.account,
      signature: (row) => JSON.stringify([row.name, row.seen]),
      build: (row, signature) => this.build(row, signature),
      keep: (rec) => {
        rec.select.value = rec.row.mode;
      },
    };
    this.nodes = [
      el('p', { className: 'field-help', text: strings.accounts.help }),
      this.list.element,
      this.empty,
    ];
  }

  /** Shows the accounts of `view`. */
  update(view: ViewModel): void {
    const rows = view.accounts;
    this.list.update(rows, this.spec);
    setShown(this.list.element, rows.length > 0);
    setShown(this.empty, rows.length === 0);
  }

  private build(row: AccountRow, signature: string): AccountRecord {
    const selectId = uid('account-mode');
    const select = el('select', {
      className: 'input account-mode',
      attrs: { id: selectId, 'data-account': row.account },
      children: MODES.map((m) => el('option', { text: strings.accounts.modes[m], attrs: { value: m } })),
    });
    select.value = row.mode;
    const details = [row.name !== null ? row.account : null, row.seen ? null : strings.accounts.notSeen]
      .filter((d): d is string => d !== null)
      .join(' · ');
    const li = el('li', {
      // Not `account`: that is the account name in a job row's meta line.
      className: 'account-row',
      children: [
        el('div', {
          className: 'account-main',
          children: [
            el('label', {
              className: 'account-name',
              text: accountLabel(row.name, row.account),
              attrs: { for: selectId, dir: 'auto' },
            }),
            details ? el('span', { className: 'account-id mono', text: details }) : null,
          ],
        }),
        select,
      ],
    });
    return { row, signature, li, select };
  }

  private async setMode(select: HTMLSelectElement, account: string, mode: AccountMode): Promise<void> {
    select.setAttribute('aria-busy', 'true');
    const result = await this.ctx.run('accounts:set-mode', { account, mode });
    select.removeAttribute('aria-busy');
    // Refused: show the stored mode again (the message is already shown).
    if (!result.ok) {
      const rec = this.list.rows.find((r) => r.row.account === account);
      if (rec) rec.select.value = rec.row.mode;
    }
  }
}
