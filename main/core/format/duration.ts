/**
 * The one duration format of the product, in the window, the notifications and the CLI's human
 * output: at most two units, "45 s", "3 min 5 s", "1 h 2 min", "2 d 4 h". Pure, no DOM.
 */

const SECOND_MS = 1000;

/**
 * Word form of a duration in milliseconds. Sub-second durations round to "0 s".
 * @returns null for null, negative or non-finite input (callers show their own placeholder).
 */
export function formatDuration(durationMs: number | null): string | null {
  if (durationMs === null || !Number.isFinite(durationMs) || durationMs < 0) return null;
  const totalS = Math.round(durationMs / SECOND_MS);
  if (totalS < 60) return `${totalS} s`;
  const totalM = Math.floor(totalS / 60);
  if (totalM < 60) {
    const s = totalS % 60;
    return s === 0 ? `${totalM} min` : `${totalM} min ${s} s`;
  }
  const totalH = Math.floor(totalM / 60);
  if (totalH < 24) {
    const m = totalM % 60;
    return m === 0 ? `${totalH} h` : `${totalH} h ${m} min`;
  }
  const d = Math.floor(totalH / 24);
  const h = totalH % 24;
  return h === 0 ? `${d} d` : `${d} d ${h} h`;
}
