/**
 * Hardening of every web contents and of the default session (Electron security checklist):
 * - navigation (`will-navigate`, `will-redirect`, `will-frame-navigate`) is blocked unless it
 *   targets the renderer page itself;
 * - new windows are denied; an https link a page tries to open goes to the OS browser instead;
 * - `<webview>` is refused;
 * - every permission request (camera, notifications, geolocation…) and check is denied;
 * - the renderer's Content-Security-Policy is added to every response header set of the session
 *   (the app:// handler in protocol.ts sends it too);
 * - `shell.openExternal` is only ever called with https URLs ({@link openExternalSafely}).
 */
import { app, shell, type Session, type WebContents } from 'electron';
import { safeHttpsUrl } from '../core/urls.ts';
import { APP_SCHEME, RENDERER_CSP, RENDERER_HOST } from './protocol.ts';

/**
 * True when `url` is exactly the renderer page (`app://renderer/index.html`, any hash). Used by
 * the IPC sender check and the navigation guard. Never throws.
 */
export function isRendererUrl(url: unknown): boolean {
  if (typeof url !== 'string') return false;
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  return (
    u.protocol === `${APP_SCHEME}:` &&
    u.host === RENDERER_HOST &&
    u.pathname === '/index.html' &&
    u.search === '' &&
    u.username === '' &&
    u.password === ''
  );
}

/**
 * Opens `url` in the default browser when it is https.
 * @returns false (and opens nothing) for any other URL.
 */
export async function openExternalSafely(url: string): Promise<boolean> {
  const safe = safeHttpsUrl(url);
  if (!safe) return false;
  await shell.openExternal(safe);
  return true;
}

/** Applies the navigation, window-open and webview guards to one web contents. */
export function hardenWebContents(contents: WebContents): void {
  const guard = (event: { preventDefault(): void }, url: string): void => {
    if (!isRendererUrl(url)) event.preventDefault();
  };
  contents.on('will-navigate', (event) => guard(event, event.url));
  contents.on('will-redirect', (event) => guard(event, event.url));
  contents.on('will-frame-navigate', (event) => guard(event, event.url));
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    void openExternalSafely(url);
    return { action: 'deny' };
  });
}

/** Denies every permission and adds the CSP header to every response of `session`. */
export function hardenSession(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.webRequest.onHeadersReceived((details, callback) => {
    const headers = { ...details.responseHeaders };
    for (const key of Object.keys(headers)) {
      if (key.toLowerCase() === 'content-security-policy') delete headers[key];
    }
    headers['Content-Security-Policy'] = [RENDERER_CSP];
    callback({ responseHeaders: headers });
  });
}

/** Hardens every web contents the app will ever create. Call once, before any window exists. */
export function installSecurityGuards(): void {
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));
}
