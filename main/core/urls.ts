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
  if (typeof url !== 'string' || url.length === 0 || url.length > MAX_EXTERNAL_URL_LENGTH) return null;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'https:') return null;
  if (parsed.username !== '' || parsed.password !== '') return null;
  if (parsed.hostname === '') return null;
  return parsed.href;
}
