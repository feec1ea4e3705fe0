/**
 * URL checks shared by the controller, notifications, the Electron security layer and the CLI
 * (NDJSON `resultUrl`/`coverUrl`). Pure.
 *
 * Only `https:` URLs may leave the app (shell.openExternal, notification clicks, result links in
 * the window): anything else could launch an arbitrary protocol handler on the user's machine.
 */

/** Longest URL the app hands to the OS browser. */
export const MAX_EXTERNAL_URL_LENGTH = 4096;

/**
 * The URL, normalised by the WHATWG parser, when it is an absolute `https:` URL without
 * credentials and at most {@link MAX_EXTERNAL_URL_LENGTH} characters; otherwise null. Never throws.
 */
export function safeHttpsUrl(url: unknown): string | null {
  const parsed = parseCleanUrl(url);
  return parsed !== null && parsed.protocol === 'https:' ? parsed.href : null;
}

/**
 * `url` parsed by the WHATWG parser when it is a string of 1 to {@link MAX_EXTERNAL_URL_LENGTH}
 * characters, an absolute URL with a host and without credentials; otherwise null. Any scheme:
 * the caller checks it. Never throws.
 */
export function parseCleanUrl(url: unknown): URL | null {
  if (typeof url !== 'string' || url.length === 0 || url.length > MAX_EXTERNAL_URL_LENGTH) return null;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.username !== '' || parsed.password !== '' || parsed.hostname === '') return null;
  return parsed;
}
