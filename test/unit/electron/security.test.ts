import { beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  handleAppRequest,
  registerAppScheme,
  RENDERER_CSP,
  RENDERER_URL,
  serveRenderer,
} from '../../../main/electron/protocol.ts';
import {
  hardenSession,
  installSecurityGuards,
  isRendererUrl,
  openExternalSafely,
} from '../../../main/electron/security.ts';
import { BrowserWindow, callProtocol, protocol, recorder, session } from '../../support/electron-double.ts';
import { freshDouble, until } from './helpers.ts';

let appDir = '';
beforeEach(() => {
  appDir = freshDouble();
});

describe('renderer URL check', () => {
  test('only the exact renderer page passes', () => {
    assert.equal(isRendererUrl(RENDERER_URL), true);
    assert.equal(isRendererUrl(`${RENDERER_URL}#settings`), true);
    for (const url of [
      'app://renderer/',
      'app://renderer/index.html?debug',
      'app://renderer/../index.html/x',
      'app://other/index.html',
      'https://renderer/index.html',
      'file:///index.html',
      '',
      undefined,
      42,
    ]) {
      assert.equal(isRendererUrl(url), false, String(url));
    }
  });
});

describe('web contents guards', () => {
  test('navigation away from the renderer is blocked; reloading it is not', () => {
    installSecurityGuards();
    const win = new BrowserWindow({});
    const wc = win.webContents;
    for (const event of ['will-navigate', 'will-redirect', 'will-frame-navigate'] as const) {
      assert.equal(wc.simulateNavigation(event, 'https://evil.example/'), true, event);
      assert.equal(wc.simulateNavigation(event, 'file:///etc/passwd'), true, event);
      assert.equal(wc.simulateNavigation(event, RENDERER_URL), false, event);
    }
  });

  test('new windows are always denied; https links go to the browser, others nowhere', async () => {
    installSecurityGuards();
    const wc = new BrowserWindow({}).webContents;
    const open = wc.windowOpenHandler;
    assert.ok(open);
    const details = (url: string): Electron.HandlerDetails => ({
      url,
      frameName: '',
      features: '',
      disposition: 'foreground-tab',
      referrer: { url: '', policy: 'default' },
    });
    assert.deepEqual(open(details('https://useapi.net/')), { action: 'deny' });
    assert.deepEqual(open(details('http://useapi.net/')), { action: 'deny' });
    assert.deepEqual(open(details('smb://server/share')), { action: 'deny' });
    await until(() => recorder.find('shell.openExternal').length >= 1, 'openExternal');
    await new Promise((r) => setImmediate(r));
    assert.deepEqual(
      recorder.find('shell.openExternal').map((c) => c.args[0]),
      ['https://useapi.net/'],
    );
  });

  test('<webview> cannot be attached', () => {
    installSecurityGuards();
    const wc = new BrowserWindow({}).webContents;
    let prevented = false;
    wc.emit('will-attach-webview', { preventDefault: () => (prevented = true) }, {}, {});
    assert.equal(prevented, true);
  });

  test('openExternalSafely opens https only', async () => {
    assert.equal(await openExternalSafely('https://cdn.example/v.mp4'), true);
    assert.equal(await openExternalSafely('javascript:alert(1)'), false);
    assert.equal(await openExternalSafely('ms-settings:privacy'), false);
    assert.deepEqual(
      recorder.find('shell.openExternal').map((c) => c.args[0]),
      ['https://cdn.example/v.mp4'],
    );
  });
});

describe('session hardening', () => {
  test('every permission request and check is denied', () => {
    hardenSession(session.defaultSession as never);
    const s = session.defaultSession;
    const answers: boolean[] = [];
    for (const perm of ['notifications', 'media', 'geolocation', 'clipboard-read', 'openExternal']) {
      s.permissionRequestHandler?.(
        {} as never,
        perm as never,
        (ok: boolean) => answers.push(ok),
        {} as never,
      );
    }
    assert.deepEqual(answers, [false, false, false, false, false]);
    assert.equal(s.permissionCheckHandler?.(null, 'notifications', 'app://renderer', {} as never), false);
  });

  test('the CSP replaces whatever a response carried', () => {
    hardenSession(session.defaultSession as never);
    let out: { responseHeaders?: Record<string, string[]> } = {};
    session.defaultSession.headersReceivedListener?.(
      { responseHeaders: { 'content-security-policy': ['default-src *'], 'X-Other': ['1'] } },
      (r) => (out = r as typeof out),
    );
    assert.deepEqual(out.responseHeaders, { 'X-Other': ['1'], 'Content-Security-Policy': [RENDERER_CSP] });
  });
});

describe('app:// protocol', () => {
  test('the scheme is registered as standard and secure before ready', () => {
    registerAppScheme();
    assert.deepEqual(protocol.privileged, [
      {
        scheme: 'app',
        privileges: { standard: true, secure: true, supportFetchAPI: false, corsEnabled: false },
      },
    ]);
  });

  test('serves the renderer files with the CSP and the right types', async () => {
    serveRenderer(path.join(appDir, 'dist', 'renderer'));
    const page = await callProtocol(RENDERER_URL);
    assert.equal(page.status, 200);
    assert.equal(page.headers.get('content-type'), 'text/html; charset=utf-8');
    assert.equal(page.headers.get('content-security-policy'), RENDERER_CSP);
    assert.equal(page.headers.get('x-content-type-options'), 'nosniff');
    assert.match(await page.text(), /MiniMax Tray/);
    const js = await callProtocol('app://renderer/renderer.js');
    assert.equal(js.headers.get('content-type'), 'text/javascript; charset=utf-8');
    const root = await callProtocol('app://renderer/');
    assert.equal(root.status, 200);
  });

  test('nothing outside the renderer folder can be reached', async () => {
    const root = path.join(appDir, 'dist', 'renderer');
    writeFileSync(path.join(appDir, 'dist', 'secret.html'), '<p>outside</p>');
    for (const url of [
      'app://renderer/..%2fsecret.html',
      'app://renderer/%2e%2e/secret.html',
      'app://renderer/%2E%2E%5Csecret.html',
      'app://renderer/../preload/preload.cjs',
      'app://renderer/%2e%2e/preload/preload.cjs',
      'app://renderer/..%2fpreload%2fpreload.cjs',
      'app://renderer/%2e%2e%2f%2e%2e%2fassets/generated/tray/idle.png',
      'app://renderer/missing.html',
      'app://renderer/index.html%00.png',
      'app://other/index.html',
      'app://renderer/secret.txt',
    ]) {
      const r = await handleAppRequest(new Request(url), root);
      assert.ok(r.status >= 400, `${url} → ${r.status}`);
      assert.equal(r.headers.get('content-security-policy'), RENDERER_CSP);
    }
    const post = await handleAppRequest(new Request(RENDERER_URL, { method: 'POST', body: 'x' }), root);
    assert.equal(post.status, 405);
  });
});
