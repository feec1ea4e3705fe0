/**
 * The website side of the tracker's state: the jobs seen running only in the per-account lists
 * (source `website`), and per account and kind the list baseline (what the lists already cover).
 * Pure state, no I/O; {@link import('./tracker.ts').JobTracker} owns one and decides what the
 * items mean (list-decisions.ts).
 */
import { pruneBaselines, type ListBaseline, type WebsiteJobRecord } from '../ledger/ledger.ts';
import type { JobKind } from '../types.ts';

/** One account's list of one kind. */
export interface ListTarget {
  account: string;
  kind: JobKind;
}

/**
 * Most website jobs tracked at once (100): MiniMax runs at most 10 jobs per account, so more is a
 * server listing garbage; the rest are left out of the running list until there is room.
 */
export const WEBSITE_JOBS_MAX = 100;

function key(account: string, kind: JobKind): string {
  return `${account}\u0000${kind}`;
}

/** Website jobs and list baselines (see the module docs). */
export class WebsiteJobs {
  private readonly records = new Map<string, WebsiteJobRecord>();
  private readonly baselines = new Map<string, ListBaseline>();

  constructor(records: readonly WebsiteJobRecord[], baselines: readonly ListBaseline[]) {
    for (const r of records) this.records.set(r.job.id, { ...r, job: { ...r.job } });
    for (const b of baselines) this.baselines.set(key(b.account, b.kind), { ...b });
  }

  /** Number of website jobs running. */
  get size(): number {
    return this.records.size;
  }

  /** The record of a running website job, or undefined. */
  get(id: string): WebsiteJobRecord | undefined {
    return this.records.get(id);
  }

  /** Track a website job; false when {@link WEBSITE_JOBS_MAX} are tracked already. */
  add(rec: WebsiteJobRecord): boolean {
    if (this.records.size >= WEBSITE_JOBS_MAX) return false;
    this.records.set(rec.job.id, rec);
    return true;
  }

  /** Stop tracking `id` (it finished, or the scheduler listed it). Returns the record, if any. */
  take(id: string): WebsiteJobRecord | undefined {
    const rec = this.records.get(id);
    this.records.delete(id);
    return rec;
  }

  /** The running website jobs, in the order they were found. */
  values(): WebsiteJobRecord[] {
    return [...this.records.values()];
  }

  /** The accounts' lists holding a running website job, each once, in the order found. */
  targets(): ListTarget[] {
    const out = new Map<string, ListTarget>();
    for (const r of this.records.values())
      out.set(key(r.job.account, r.job.kind), { account: r.job.account, kind: r.job.kind });
    return [...out.values()];
  }

  /** Mark every website job not announced yet as announced; returns their jobs (in order found). */
  confirmAll(): WebsiteJobRecord['job'][] {
    const out: WebsiteJobRecord['job'][] = [];
    for (const r of this.records.values()) {
      if (r.confirmed) continue;
      r.confirmed = true;
      out.push(r.job);
    }
    return out;
  }

  /** Website jobs of `target` last seen before `beforeMs`. */
  unseenSince(target: ListTarget, beforeMs: number): WebsiteJobRecord[] {
    return this.values().filter(
      (r) => r.job.account === target.account && r.job.kind === target.kind && r.lastSeenMs < beforeMs,
    );
  }

  /** The baseline of `target`, or null when its list was never reconciled (a copy). */
  baseline(target: ListTarget): ListBaseline | null {
    const b = this.baselines.get(key(target.account, target.kind));
    return b === undefined ? null : { ...b };
  }

  /** Store a baseline (replacing the one of its account and kind), pruned by age and count. */
  setBaseline(b: ListBaseline): void {
    this.baselines.set(key(b.account, b.kind), { ...b });
    if (this.baselines.size > 1) {
      const kept = pruneBaselines([...this.baselines.values()], b.updatedMs);
      if (kept.length !== this.baselines.size) {
        this.baselines.clear();
        for (const k of kept) this.baselines.set(key(k.account, k.kind), k);
      }
    }
  }

  /** Forget every website job and baseline (website jobs turned off). False when there was nothing. */
  clear(): boolean {
    const had = this.records.size > 0 || this.baselines.size > 0;
    this.records.clear();
    this.baselines.clear();
    return had;
  }

  /** The part of the ledger this holds (copies). */
  toState(): { website: WebsiteJobRecord[]; baselines: ListBaseline[] } {
    return {
      website: this.values().map((r) => ({ ...r })),
      baselines: [...this.baselines.values()].map((b) => ({ ...b })),
    };
  }
}
