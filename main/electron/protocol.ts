/**
 * How the window's page is loaded: a custom `app://` scheme served from `dist/renderer` by
 * `protocol.handle`, instead of `file://`.
 *
 * Why: the page gets a real, fixed origin (`app://renderer`) that the IPC sender check and the
 * navigation guard compare against exactly; no other local file can be reached (paths are
 * confined to the renderer folder); and every response carries the Content-Security-Policy
 * header ({@link RENDERER_CSP}), not only the page's `<meta>` tag (Electron security checklist
 * items 7 and 18).
 *
 * The renderer URL is {@link RENDERER_URL}; end-to-end tests wait for a window with that URL.
 */
import { protocol } from 'electron';
import { readFile } from 'node:fs/promises';
import path from 'node:path';

/** The custom scheme. */
export const APP_SCHEME = 'app';
/** Host part of every renderer URL. */
export const RENDERER_HOST = 'renderer';
/** The page the job window loads. */
export const RENDERER_URL = `${APP_SCHEME}://${RENDERER_HOST}/index.html`;

/**
 * CSP sent with every renderer response: scripts and styles only from the app, images also from
 * https (result covers), no network access from the page, no plugins, no framing.
 */
export const RENDERER_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' https: data:",
  "font-src 'self'",
  "connect-src 'none'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const MIME: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
};

/**
 * Declares `app:` as a standard, secure scheme. Must run before the app is ready (Electron
 * requirement), so app.ts calls it at start-up.
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      privileges: { standard: true, secure: true, supportFetchAPI: false, corsEnabled: false },
    },
  ]);
}

function textResponse(status: number, text: string): Response {
  return new Response(text, {
    status,
    headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Security-Policy': RENDERER_CSP },
  });
}

/**
 * Answers one `app://` request from `root` (the dist/renderer folder): GET/HEAD only, host
 * `renderer` only, paths confined to `root`; 404 for anything missing. Exported for tests.
 */
export async function handleAppRequest(request: Request, root: string): Promise<Response> {
  let url: URL;
  try {
    url = new URL(request.url);
  } catch {
    return textResponse(400, 'Bad request');
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== RENDERER_HOST) return textResponse(404, 'Not found');
  if (request.method !== 'GET' && request.method !== 'HEAD') return textResponse(405, 'Method not allowed');
  let rel: string;
  try {
    rel = decodeURIComponent(url.pathname);
  } catch {
    return textResponse(400, 'Bad request');
  }
  if (rel === '/' || rel === '') rel = '/index.html';
  const base = path.resolve(root);
  const file = path.resolve(base, `.${rel}`);
  const inside = path.relative(base, file);
  if (inside === '' || inside.startsWith('..') || path.isAbsolute(inside) || rel.includes('\0')) {
    return textResponse(404, 'Not found');
  }
  const type = MIME[path.extname(file).toLowerCase()];
  if (!type) return textResponse(404, 'Not found');
  let body: Buffer;
  try {
    body = await readFile(file);
  } catch {
    return textResponse(404, 'Not found');
  }
  return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), {
    status: 200,
    headers: {
      'Content-Type': type,
      'Content-Security-Policy': RENDERER_CSP,
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'no-cache',
    },
  });
}

/** Serves `root` on `app://renderer/` (after the app is ready). */
export function serveRenderer(root: string): void {
  protocol.handle(APP_SCHEME, (request) => handleAppRequest(request, root));
}
