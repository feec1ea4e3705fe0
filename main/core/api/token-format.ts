/**
 * The useapi.net API token's format, checked locally before the token is sent anywhere: by the
 * tray app when a token is saved and by the `minimax-jobs` CLI before its first request. Pure.
 */

/**
 * Token format check (useapi.net: `user:<number>-<alphanumeric>`), lenient on the tail since the
 * docs only show placeholders. Never echoes the token.
 * @returns an error message for the user, or null when it looks right.
 */
export function checkTokenFormat(token: string): string | null {
  const t = token.trim();
  if (t === '') return 'Enter your useapi.net API token.';
  if (/\s/.test(t)) return 'The token must not contain spaces or line breaks.';
  if (!/^user:\d+-[A-Za-z0-9_-]+$/.test(t)) {
    return 'That does not look like a useapi.net token: it starts with "user:", a number and a dash, e.g. user:1234-abc…';
  }
  if (t.length > 512) return 'The token is too long.';
  return null;
}
