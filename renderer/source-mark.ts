/**
 * The small "website" marker shown after the id of a job started on the hailuoai website (a job
 * the API's scheduler never listed), in the running and the finished lists.
 */
import { el } from './dom.ts';
import { strings } from './strings.ts';

/** A new marker element (`.source-mark`), with a tooltip saying what it means. */
export function websiteMark(): HTMLElement {
  return el('span', {
    className: 'source-mark',
    text: strings.running.website,
    attrs: { title: strings.running.websiteTitle },
  });
}
