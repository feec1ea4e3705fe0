/**
 * Renderer entry point (bundled by esbuild to dist/renderer/renderer.js, loaded by index.html).
 *
 * The page has no Node access: it talks only to `window.minimaxTray` (the {@link TrayBridge} the
 * preload exposes). It subscribes to view pushes and navigation, asks for the first view, runs the
 * page's clock only while it is visible (main learns the window's visibility from the window's
 * own events, not from the page), and maps Esc to "close the dialog" or "hide the window".
 */
import type { TrayBridge, ViewModel } from '../main/ipc.ts';
import { strings } from './strings.ts';
import { JobWindow } from './job-window.ts';

declare global {
  interface Window {
    /** Defined by the preload with contextBridge (BRIDGE_KEY in main/ipc.ts). */
    minimaxTray?: TrayBridge;
  }
}

function isVisible(): boolean {
  return document.visibilityState === 'visible';
}

function start(): void {
  const root = document.getElementById('app');
  if (!root) return;
  const bridge = window.minimaxTray;
  if (!bridge || typeof bridge.invoke !== 'function' || typeof bridge.onView !== 'function') {
    JobWindow.fatal(root, strings.noBridge);
    return;
  }

  const app = new JobWindow(root, bridge);
  let gotView = false;
  const show = (view: ViewModel): void => {
    gotView = true;
    try {
      app.render(view);
    } catch (err) {
      // A malformed view must not leave a blank window.
      console.error('render failed', err);
    }
  };

  bridge.onView(show);
  if (typeof bridge.onNavigate === 'function') bridge.onNavigate((target) => app.navigate(target));

  bridge
    .invoke('app:get-view', undefined)
    .then((view) => {
      // A push that arrived meanwhile is at least as new as this answer.
      if (!gotView) show(view);
    })
    .catch(() => {
      if (!gotView) app.showLoadError(strings.loadFailed);
    });

  const followVisibility = (): void => app.setVisible(isVisible());
  document.addEventListener('visibilitychange', followVisibility);
  followVisibility();

  document.addEventListener('keydown', (ev) => {
    if (ev.key !== 'Escape' || ev.defaultPrevented) return;
    // An open <dialog> handles Esc itself (closing it counts as "no").
    if (app.hasOpenDialog) return;
    ev.preventDefault();
    bridge.invoke('window:hide', undefined).catch(() => {
      /* nothing useful to do */
    });
  });
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start, { once: true });
else start();
