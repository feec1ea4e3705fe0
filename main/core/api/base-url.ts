/**
 * The API base address: the default, and validation of a user-supplied one.
 * The token is only ever sent to this origin (see client.ts), so the address must be trustworthy:
 * https only, except plain http to the local machine (the simulator, tests).
 */

/** The useapi.net MiniMax v1 API root (docs: https://useapi.net/docs/api-minimax-v1/). */
export const DEFAULT_API_BASE = 'https://api.useapi.net/v1/minimax';

/**
 * True for hosts that are this machine: `localhost`, IPv4 127.0.0.0/8 and IPv6 `[::1]`.
 * @param hostname a `URL.hostname` (already normalised by the WHATWG URL parser, so `127.1`
 *   arrives as `127.0.0.1` and IPv6 keeps its brackets).
 */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase();
  if (host === 'localhost' || host === '[::1]') return true;
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/**
 * Checks and normalises an API base address.
 *
 * Accepts `https://host[:port][/path]` with or without a trailing slash, and `http://` only when
 * the host is loopback (127.0.0.0/8, `localhost`, `[::1]`).
 * @returns the address without trailing slashes, e.g. `https://api.useapi.net/v1/minimax`.
 * @throws Error (plain, not ApiError) with a message for the user when the address is empty, not a
 *   URL, not http(s), plain http to a non-local host, or carries credentials, a query or a fragment.
 */
export function validateApiBase(url: string): string {
  const text = typeof url === 'string' ? url.trim() : '';
  if (text === '') throw new Error('The API address is empty.');
  let parsed: URL;
  try {
    parsed = new URL(text);
  } catch {
    throw new Error(
      `The API address "${clip(text)}" is not a valid URL (expected e.g. ${DEFAULT_API_BASE}).`,
    );
  }
  if (parsed.username !== '' || parsed.password !== '') {
    // Do not echo the address: it holds credentials.
    throw new Error('The API address must not contain a user name or password.');
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    throw new Error(`The API address must start with https:// (got ${clip(parsed.protocol)}).`);
  }
  if (parsed.protocol === 'http:' && !isLoopbackHost(parsed.hostname)) {
    throw new Error(
      `The API address must use https:// (plain http:// is only allowed for localhost); got ${clip(text)}.`,
    );
  }
  if (parsed.search !== '' || parsed.hash !== '') {
    throw new Error('The API address must not contain a query (?…) or a fragment (#…).');
  }
  const path = parsed.pathname.replace(/\/+$/, '');
  return `${parsed.origin}${path}`;
}

function clip(s: string): string {
  return s.length > 120 ? `${s.slice(0, 117)}...` : s;
}
