/**
 * The window's link and clipboard actions: Open result (https only, in the default browser) and
 * Copy link / Copy id, with the message the user sees when they cannot be done.
 */
import { safeHttpsUrl } from '../core/urls.ts';
import type { ActionResult } from '../ipc.ts';
import type { SystemPort } from './ports.ts';

/** Longest text `link:copy` accepts. */
export const MAX_COPY_CHARS = 4096;

/** Opens `url` in the browser when it is a safe https URL (core/urls.ts `safeHttpsUrl`). */
export async function openHttpsLink(system: SystemPort | undefined, url: string): Promise<ActionResult> {
  const safe = safeHttpsUrl(url);
  if (!safe) return { ok: false, message: 'Only https:// links can be opened.' };
  if (!system) return { ok: false, message: 'Links cannot be opened right now.' };
  await system.openExternal(safe);
  return { ok: true };
}

/** Copies `text` (1 to {@link MAX_COPY_CHARS} characters) to the clipboard. */
export async function copyToClipboard(system: SystemPort | undefined, text: string): Promise<ActionResult> {
  if (text.length === 0 || text.length > MAX_COPY_CHARS) return { ok: false, message: 'Nothing to copy.' };
  if (!system) return { ok: false, message: 'The clipboard is not available.' };
  await system.copyText(text);
  return { ok: true };
}
