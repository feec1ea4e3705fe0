/**
 * Which result URLs may be downloaded. Pure.
 *
 * Only `https:`, as for every link that leaves the app (urls.ts); plain `http:` only to this
 * machine (loopback hosts, as for the API base in api/base-url.ts), so tests and the demo can serve
 * files from the simulator. Never a URL with credentials in it.
 */
import { isLoopbackHost } from '../api/base-url.ts';
import { parseCleanUrl } from '../urls.ts';

/**
 * The URL, normalised, when a result may be downloaded from it (see the module docs); else null.
 * Never throws.
 */
export function downloadableUrl(url: unknown): string | null {
  const parsed = parseCleanUrl(url);
  if (parsed === null) return null;
  if (parsed.protocol === 'https:') return parsed.href;
  if (parsed.protocol === 'http:' && isLoopbackHost(parsed.hostname)) return parsed.href;
  return null;
}
