/**
 * Inline SVG icons, built with createElementNS from fixed path data (no markup parsing). Icons are
 * decorative (`aria-hidden`): the text next to them carries the meaning. They draw with
 * `currentColor`, so they follow the theme and forced-colors mode.
 *
 * Each icon is built once and cloned, so rendering 1,000 rows stays cheap.
 */

const SVG_NS = 'http://www.w3.org/2000/svg';

/** Names of the available icons. */
export type IconName =
  | 'video'
  | 'image'
  | 'succeeded'
  | 'failed'
  | 'moderated'
  | 'cancelled'
  | 'unknown'
  | 'refresh'
  | 'stop'
  | 'close'
  | 'link'
  | 'copy'
  | 'external'
  | 'warning'
  | 'offline'
  | 'pause'
  | 'mute'
  | 'info'
  | 'key'
  | 'pin'
  | 'folder'
  | 'download';

/** Path data on a 16×16 grid; `f:` prefix means filled, otherwise stroked. */
const PATHS: Record<IconName, readonly string[]> = {
  video: ['M1.75 3.75h8.5v8.5h-8.5z', 'M10.25 6.5l4-2.25v7.5l-4-2.25'],
  folder: ['M1.75 3.25h4.25l1.5 1.75h6.75v7.75H1.75z'],
  download: ['M8 1.75v8', 'M4.75 6.75L8 10l3.25-3.25', 'M2.25 11.25v2.5h11.5v-2.5'],
  image: [
    'M1.75 2.75h12.5v10.5H1.75z',
    'M2.5 12.25l3.75-4.5 3 3.5 2-2 2.5 3',
    'f:M10.5 4.25a1.25 1.25 0 1 1 0 2.5a1.25 1.25 0 1 1 0-2.5z',
  ],
  succeeded: ['M8 1.25a6.75 6.75 0 1 1 0 13.5a6.75 6.75 0 1 1 0-13.5z', 'M4.75 8.25l2.25 2.25 4.25-4.5'],
  failed: ['M8 1.25a6.75 6.75 0 1 1 0 13.5a6.75 6.75 0 1 1 0-13.5z', 'M5.5 5.5l5 5M10.5 5.5l-5 5'],
  moderated: [
    'M8 1.25l5.75 2.25v4c0 3.5-2.5 6-5.75 7.25C4.75 13.5 2.25 11 2.25 7.5v-4z',
    'M8 4.75v3.75',
    'f:M8 10.25a.9.9 0 1 1 0 1.8a.9.9 0 1 1 0-1.8z',
  ],
  cancelled: ['M8 1.25a6.75 6.75 0 1 1 0 13.5a6.75 6.75 0 1 1 0-13.5z', 'M3.25 12.75l9.5-9.5'],
  unknown: [
    'M8 1.25a6.75 6.75 0 1 1 0 13.5a6.75 6.75 0 1 1 0-13.5z',
    'M6 6.25a2 2 0 1 1 2.75 1.85c-.5.2-.75.6-.75 1.15v.5',
    'f:M8 10.75a.85.85 0 1 1 0 1.7a.85.85 0 1 1 0-1.7z',
  ],
  refresh: ['M13.25 8a5.25 5.25 0 1 1-1.55-3.7', 'M12.25 1.75v3h-3'],
  stop: ['M8 1.25a6.75 6.75 0 1 1 0 13.5a6.75 6.75 0 1 1 0-13.5z', 'M5.75 5.75h4.5v4.5h-4.5z'],
  close: ['M3.75 3.75l8.5 8.5M12.25 3.75l-8.5 8.5'],
  link: [
    'M6.75 9.25l2.5-2.5',
    'M7.5 4.5l1.25-1.25a2.5 2.5 0 0 1 3.5 3.5L11 8',
    'M8.5 11.5l-1.25 1.25a2.5 2.5 0 0 1-3.5-3.5L5 8',
  ],
  copy: ['M5.25 5.25h8v8.5h-8z', 'M10.75 5.25v-3h-8v8.5h2.5'],
  external: ['M9.25 2.25h4.5v4.5', 'M13.75 2.25l-6 6', 'M11.75 9.25v4.5h-9.5v-9.5h4.5'],
  warning: ['M8 1.75l6.5 11.75h-13z', 'M8 6v3.5', 'f:M8 10.9a.85.85 0 1 1 0 1.7a.85.85 0 1 1 0-1.7z'],
  offline: [
    'M1.5 5.5a9.5 9.5 0 0 1 13 0',
    'M3.75 8a6.25 6.25 0 0 1 8.5 0',
    'M6 10.5a3 3 0 0 1 4 0',
    'M2 2l12 12',
  ],
  pause: ['M5.25 3v10M10.75 3v10'],
  mute: ['M2 6h2.75L8 3v10L4.75 10H2z', 'M10.75 6l3.5 4M14.25 6l-3.5 4'],
  info: [
    'M8 1.25a6.75 6.75 0 1 1 0 13.5a6.75 6.75 0 1 1 0-13.5z',
    'M8 7v4.5',
    'f:M8 4.1a.85.85 0 1 1 0 1.7a.85.85 0 1 1 0-1.7z',
  ],
  key: [
    'M4.75 5.25a2.75 2.75 0 1 1 0 5.5a2.75 2.75 0 1 1 0-5.5z',
    'M7.5 8h6.75',
    'M12 8v2.25',
    'M14.25 8v1.75',
  ],
  pin: ['M4.75 1.75h6.5', 'M6.25 1.75v4l-2.5 3.5h8.5l-2.5-3.5v-4', 'M8 9.25v5'],
};

const templates = new Map<IconName, SVGSVGElement>();

function build(name: IconName): SVGSVGElement {
  const svg = document.createElementNS(SVG_NS, 'svg');
  svg.setAttribute('viewBox', '0 0 16 16');
  svg.setAttribute('width', '16');
  svg.setAttribute('height', '16');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  svg.setAttribute('class', `icon icon-${name}`);
  for (const d of PATHS[name]) {
    const path = document.createElementNS(SVG_NS, 'path');
    if (d.startsWith('f:')) {
      path.setAttribute('d', d.slice(2));
      path.setAttribute('fill', 'currentColor');
    } else {
      path.setAttribute('d', d);
      path.setAttribute('fill', 'none');
      path.setAttribute('stroke', 'currentColor');
      path.setAttribute('stroke-width', '1.5');
      path.setAttribute('stroke-linecap', 'round');
      path.setAttribute('stroke-linejoin', 'round');
    }
    svg.appendChild(path);
  }
  return svg;
}

/** A fresh, decorative copy of the named icon (16×16, currentColor). */
export function icon(name: IconName): SVGSVGElement {
  let t = templates.get(name);
  if (!t) {
    t = build(name);
    templates.set(name, t);
  }
  return t.cloneNode(true) as SVGSVGElement;
}
