// Reading a two-column table of the README (the doc tests check its numbers against the code).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';

const README = readFileSync(path.resolve(import.meta.dirname, '../../../README.md'), 'utf8');

/** The rows of the first table (header starting `| situation`) after `heading`, as [left, right]. */
export function tableRows(heading: string): Array<[string, string]> {
  const at = README.indexOf(heading);
  assert.ok(at >= 0, `README has "${heading}"`);
  const lines = README.slice(at).split('\n');
  const start = lines.findIndex((l) => l.startsWith('| situation'));
  assert.ok(start >= 0, `a table follows "${heading}"`);
  const rows: Array<[string, string]> = [];
  for (const line of lines.slice(start + 2)) {
    if (!line.startsWith('|')) break;
    const [, left, right] = line.split('|').map((c) => c.trim());
    rows.push([left ?? '', right ?? '']);
  }
  return rows;
}

/** The row of `rows` whose left cell matches `re`, the match, and its right cell. */
export function tableRow(rows: Array<[string, string]>, re: RegExp): { m: RegExpExecArray; next: string } {
  for (const [left, right] of rows) {
    const m = re.exec(left);
    if (m) return { m, next: right };
  }
  throw new Error(`no README row matches ${re}`);
}

/** A README duration ("60 s", "1 min", "5 min", "an hour", "hour", "1 h") in ms. */
export function durationMs(text: string): number {
  const m = /^(?:(\d+(?:\.\d+)?|an?)\s*)?(s|min|hour|h)$/.exec(text.trim());
  assert.ok(m, `a duration: "${text}"`);
  const n = m[1] === undefined || m[1] === 'a' || m[1] === 'an' ? 1 : Number(m[1]);
  return n * ({ s: 1_000, min: 60_000, h: 3_600_000, hour: 3_600_000 } as const)[m[2] as 's'];
}
