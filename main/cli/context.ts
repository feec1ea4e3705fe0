/**
 * What every `minimax-jobs` command shares: the exit codes of the contract, the process's streams
 * and signals, and the connection to the API.
 */
import type { UseapiClient } from '../core/api/client.ts';
import type { DemoSimulator } from '../core/simulator/demo.ts';
import type { ErrorReason } from '../core/types.ts';
import type { SecretStore } from '../secrets/keychain.ts';
import type { OutStream } from './terminal.ts';

/** Exit codes of the CLI contract (README "Exit codes"). */
export const EXIT = {
  ok: 0,
  usage: 2,
  unauthorized: 3,
  network: 4,
  badResponse: 5,
  apiError: 6,
  /** The state directory or ledger cannot be used: locked, newer ledger, not writable, save failed. */
  localState: 7,
} as const;

/** Exit code for an API failure reason. */
export function exitCodeFor(reason: ErrorReason): number {
  if (reason === 'unauthorized') return EXIT.unauthorized;
  if (reason === 'network' || reason === 'timeout') return EXIT.network;
  if (reason === 'bad-response') return EXIT.badResponse;
  return EXIT.apiError;
}

/** Where the CLI writes and what it reads; injectable for tests. */
export interface CliIO {
  stdout: OutStream;
  stderr: OutStream;
  env: NodeJS.ProcessEnv;
  /** Resolves when the process is asked to stop (SIGINT/SIGTERM/SIGHUP). */
  stopSignal: Promise<void>;
  /** The keychain; tests pass a fake. */
  keychain?: () => SecretStore;
}

/** A connected API: the client, the simulator behind it (demo), and where `watch` keeps state. */
export interface Connection {
  client: UseapiClient;
  /** The API base the client talks to (the simulator's for the demo). */
  apiBase: string;
  /** The demo's simulator, or null against a real API. */
  demo: DemoSimulator | null;
  /** The watch ledger's folder: `--state-dir`, or its `demo` subfolder for the simulator. */
  stateDir: string;
}
