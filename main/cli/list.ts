/**
 * `minimax-jobs list`: the jobs running now, then exit. GET /scheduler/ gives the API's jobs; unless
 * `--no-website-jobs`, GET /accounts and each account's first page of GET /videos/ and GET /images/
 * give the jobs started on the hailuoai website (running items the scheduler does not list),
 * decided by the same tracker the monitor uses. With `--account`, only those accounts' jobs are
 * printed and only their lists are read (an id GET /accounts does not list gets a warning on
 * stderr), as in `watch`. The requests go one after another and the first failure ends the run,
 * so no request ever follows a Retry-After: the jobs found so far are printed, then the error
 * (`list` never retries; `retryAt` is null).
 */
import { AccountScope } from '../core/accounts/account-scope.ts';
import { isApiError, type ApiError } from '../core/api/errors.ts';
import { JobTracker } from '../core/jobs/tracker.ts';
import { listsOf } from '../core/scheduler/reconcile-plan.ts';
import { DEFAULT_RECONCILE } from '../core/scheduler/reconcile-policy.ts';
import type { Logger } from '../core/types.ts';
import type { CliArgs } from './args.ts';
import { EXIT, exitCodeFor, type CliIO, type Connection } from './context.ts';
import { formatJobsTable } from './human.ts';
import { toCliJob, type CliEvent } from './output.ts';
import type { Terminal } from './terminal.ts';
import { hintFor, stoppingMessage } from './watch-human.ts';

/** How `list` reports a failure that ends it (main.ts prints it the same way as a missing token). */
export type PrintFailure = (failure: ApiError, hint: string) => void;

/** What `list` runs with. */
export interface ListRun {
  args: CliArgs;
  io: CliIO;
  terminal: Terminal;
  conn: Connection;
  /** The CLI's logger: the unknown-account warning goes there (stderr). */
  logger: Logger;
  printFailure: PrintFailure;
}

/**
 * Runs `list`: one table or one `jobs` event, then the error if a request failed.
 * @returns the exit code: 0, or the code of the failure's reason.
 */
export async function runList({ args, io, terminal, conn, logger, printFailure }: ListRun): Promise<number> {
  void io.stopSignal.then(() => terminal.line(stoppingMessage(true), 'err'));
  const api = conn.client;
  const tracker = new JobTracker();
  const scope = new AccountScope(args.accounts);
  let failure: ApiError | null = null;
  try {
    const scheduler = await api.listScheduler();
    tracker.applySnapshot(
      scheduler.filter((job) => scope.includes(job.account)),
      Date.now(),
    );
  } catch (e) {
    if (!isApiError(e)) throw e;
    printFailure(e, hintFor(e, conn.apiBase));
    return exitCodeFor(e.reason);
  }
  if (args.websiteJobs) {
    try {
      const listed = await api.listAccounts();
      const unknown = scope.unknownAccountsWarning(listed.map((a) => a.account));
      if (unknown !== null) logger.warn(unknown);
      const usable = listed.filter((a) => a.error === null).map((a) => a.account);
      for (const target of listsOf(scope.pick(usable))) {
        const page = { account: target.account, limit: DEFAULT_RECONCILE.pageLimit, lastId: null };
        const items = await (target.kind === 'video' ? api.listVideos(page) : api.listImages(page));
        tracker.applyListPage(items, null, Date.now());
      }
    } catch (e) {
      if (!isApiError(e)) throw e;
      failure = e;
    }
  }
  const now = Date.now();
  const event: CliEvent = {
    type: 'jobs',
    at: new Date(now).toISOString(),
    jobs: tracker.running().map((j) => toCliJob(j, now)),
  };
  terminal.line(
    args.json ? JSON.stringify(event) : formatJobsTable(event.jobs, now, args.websiteJobs, args.accounts),
    'out',
  );
  if (failure === null) return EXIT.ok;
  printFailure(failure, '; jobs started on the website may be missing above');
  return exitCodeFor(failure.reason);
}
