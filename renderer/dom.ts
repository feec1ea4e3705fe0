/**
 * A tiny element helper. Text is always set with `textContent` (or a Text node), attributes with
 * `setAttribute`: API strings are hostile and must never be parsed as HTML, and nothing in the
 * renderer parses markup.
 */

/** Options for {@link el}. */
export interface ElOptions {
  /** Space-separated class names. */
  className?: string;
  /** Text content (set with textContent, never parsed). */
  text?: string;
  /** Attributes; null/undefined values are skipped. */
  attrs?: Record<string, string | null | undefined>;
  /** Children appended in order; strings become Text nodes; null/false are skipped. */
  children?: ReadonlyArray<Node | string | null | false | undefined>;
}

/** Creates an HTML element with classes, text, attributes and children. */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  opts: ElOptions = {},
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (opts.className) node.className = opts.className;
  if (opts.attrs) {
    for (const [name, value] of Object.entries(opts.attrs)) {
      if (value !== null && value !== undefined) node.setAttribute(name, value);
    }
  }
  if (opts.text !== undefined) node.textContent = opts.text;
  if (opts.children) append(node, opts.children);
  return node;
}

/** Appends children to a node; strings become Text nodes; null/false/undefined are skipped. */
export function append(
  parent: Node,
  children: ReadonlyArray<Node | string | null | false | undefined>,
): void {
  for (const c of children) {
    if (c === null || c === false || c === undefined) continue;
    parent.appendChild(typeof c === 'string' ? document.createTextNode(c) : c);
  }
}

/** Options for {@link button}. */
export interface ButtonOptions {
  className?: string;
  /** Accessible name when it differs from the visible text (e.g. icon buttons, per-row actions). */
  label?: string;
  /** Tooltip. */
  title?: string;
  /** Leading icon (decorative; hidden from assistive technology). */
  icon?: SVGSVGElement;
  onClick: (ev: MouseEvent) => void;
}

/** A `type="button"` button with visible text and an optional icon and accessible name. */
export function button(text: string, opts: ButtonOptions): HTMLButtonElement {
  const b = el('button', { className: opts.className ?? 'btn', attrs: { type: 'button' } });
  if (opts.icon) b.appendChild(opts.icon);
  if (text) b.appendChild(el('span', { className: 'btn-text', text }));
  if (opts.label) b.setAttribute('aria-label', opts.label);
  if (opts.title) b.title = opts.title;
  b.addEventListener('click', (ev) => {
    // Busy buttons use aria-disabled, not disabled, so keyboard focus stays on them.
    if (isBusy(b)) return;
    opts.onClick(ev);
  });
  return b;
}

/**
 * Marks a button busy (or not) while its action runs. Uses aria-disabled rather than `disabled`,
 * which would drop keyboard focus to the page.
 */
export function setBusy(btn: HTMLButtonElement, busy: boolean): void {
  if (busy) btn.setAttribute('aria-disabled', 'true');
  else btn.removeAttribute('aria-disabled');
}

/** True while {@link setBusy} has marked the button busy. */
export function isBusy(btn: HTMLButtonElement): boolean {
  return btn.getAttribute('aria-disabled') === 'true';
}

/** Changes the visible text of a button made by {@link button}, keeping its icon. */
export function setButtonText(btn: HTMLButtonElement, text: string): void {
  const span = btn.querySelector('.btn-text');
  setText(span ?? btn, text);
}

/** Replaces all children of `parent` (no HTML parsing). */
export function replaceChildren(
  parent: Element,
  children: ReadonlyArray<Node | string | null | false | undefined>,
): void {
  parent.replaceChildren();
  append(parent, children);
}

/** Sets `textContent` only when it changed (avoids needless layout and screen-reader churn). */
export function setText(node: Node, text: string): void {
  if (node.textContent !== text) node.textContent = text;
}

/** Shows or hides an element with the `hidden` attribute. */
export function setShown(node: HTMLElement, shown: boolean): void {
  if (node.hidden === shown) node.hidden = !shown;
}

let idSeq = 0;
/** A document-unique id for label/aria wiring. */
export function uid(prefix: string): string {
  idSeq += 1;
  return `${prefix}-${idSeq}`;
}
