/**
 * What the monitor has already told: the finished jobs it announced (history, newest first,
 * bounded) and the announced-id memory (bounded), which also holds the ids the user stopped
 * tracking and the finished items of a first list reconcile (history that is never announced).
 * Pure state, no I/O; the tracker owns one and the ledger stores it.
 */
import { pruneAnnounced, pruneHistory, type AnnouncedRecord } from '../ledger/ledger.ts';
import type { FinishedJob } from '../types.ts';

/** History and announced ids (see the module docs). */
export class JobMemory {
  private historyList: FinishedJob[];
  private readonly announced = new Map<string, number>();

  /** @param history newest first; @param announced any order (copied). */
  constructor(history: readonly FinishedJob[], announced: readonly AnnouncedRecord[]) {
    this.historyList = [...history];
    for (const a of announced) this.announced.set(a.id, Math.max(a.atMs, this.announced.get(a.id) ?? 0));
    for (const h of history) if (!this.announced.has(h.id)) this.announced.set(h.id, h.finishedAtMs);
  }

  /** True when `id` was announced (or silenced) and is still remembered. */
  isAnnounced(id: string): boolean {
    return this.announced.has(id);
  }

  /** A finished job was announced at `nowMs`: into history and the announced memory. */
  remember(job: FinishedJob, nowMs: number): void {
    this.historyList = pruneHistory([job, ...this.historyList], nowMs);
    this.silence(job.id, nowMs);
  }

  /** Remember `id` as announced without an announcement (stop tracking, first-reconcile history). */
  silence(id: string, nowMs: number): void {
    this.announced.set(id, nowMs);
    this.prune(nowMs);
  }

  /** Finished jobs, newest first (a copy). */
  history(): FinishedJob[] {
    return [...this.historyList];
  }

  /** When the newest history entry finished (epoch ms), or null. */
  get lastFinishedMs(): number | null {
    let last: number | null = null;
    for (const h of this.historyList) last = Math.max(last ?? h.finishedAtMs, h.finishedAtMs);
    return last;
  }

  /** Empty the history (announced ids stay). Returns false when it was empty already. */
  clearHistory(): boolean {
    if (this.historyList.length === 0) return false;
    this.historyList = [];
    return true;
  }

  /** The part of the ledger this holds (copies). */
  toState(): { history: FinishedJob[]; announced: AnnouncedRecord[] } {
    return {
      history: [...this.historyList],
      announced: [...this.announced].map(([id, atMs]) => ({ id, atMs })),
    };
  }

  private prune(nowMs: number): void {
    const records = [...this.announced].map(([id, atMs]) => ({ id, atMs }));
    const kept = pruneAnnounced(records, nowMs);
    if (kept.length === records.length) return;
    this.announced.clear();
    for (const r of kept) this.announced.set(r.id, r.atMs);
  }
}
