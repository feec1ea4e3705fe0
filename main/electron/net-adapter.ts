/**
 * An axios adapter over Electron's `net.fetch`, so API requests go through Chromium's network
 * stack and honour the system proxy, PAC/WPAD and proxy authentication (Node's `http`, axios's
 * default in the main process, does not).
 *
 * It is axios's own `fetch` adapter with `env.fetch` set to `net.fetch` (axios ≥ 1.12,
 * axios PR #7003): axios still does timeouts, `maxRedirects: 0` handling via `redirect: 'manual'`,
 * `responseType: 'text'` and abort signals, as the UseapiClient requires.
 *
 * Redirects: with `redirect: 'manual'` Electron's `net` cannot hand a 3xx answer back (it ends the
 * request with "Redirect was cancelled"), so through this adapter any redirect fails the call as
 * a network error instead of being followed by the client. That errs on the safe side: the token
 * is never sent to the redirect target. useapi.net does not redirect API calls.
 */
import axios, { type AxiosAdapter } from 'axios';
import { net } from 'electron';

/** A fetch function with the standard signature (net.fetch, or a test's stand-in). */
export type FetchLike = (input: string | Request, init?: RequestInit) => Promise<Response>;

/**
 * Builds the adapter.
 * @param fetchImpl defaults to Electron's `net.fetch` (call only after the app is ready).
 */
export function createNetAdapter(fetchImpl?: FetchLike): AxiosAdapter {
  const f: FetchLike = fetchImpl ?? ((input, init) => net.fetch(input, init));
  return axios.getAdapter('fetch', {
    env: {
      fetch: (input: URL | Request | string, init?: RequestInit) =>
        f(input instanceof URL ? input.href : input, init),
    },
  });
}
