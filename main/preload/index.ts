/**
 * The preload script of the job window, bundled by esbuild (scripts/build.mjs) into ONE CommonJS
 * file, dist/preload/preload.cjs: a sandboxed preload cannot load ES modules or its own files,
 * only `require('electron')` (electron-platform.md §1.3).
 *
 * It exposes exactly the {@link TrayBridge} on `window.minimaxTray` with contextBridge:
 * - `invoke(channel, request)` — only for channels in {@link INVOKE_CHANNELS}; anything else is
 *   rejected here, before IPC (main checks the sender and the payload again);
 * - `onView(listener)` / `onNavigate(listener)` — subscriptions that return an unsubscribe
 *   function; listeners get the payload only, never the IPC event (which would leak `sender`);
 * - `bridgeId` — {@link BRIDGE_ID}, so end-to-end tests can check the bridge came from this bundle.
 * `ipcRenderer` itself is never exposed.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import {
  BRIDGE_KEY,
  INVOKE_CHANNELS,
  NAVIGATE_CHANNEL,
  VIEW_CHANNEL,
  type InvokeChannel,
  type NavigateTarget,
  type TrayBridge,
  type ViewModel,
} from '../ipc.ts';

/** Identifies this preload bundle (checked by the end-to-end tests). */
export const BRIDGE_ID = 'minimax-tray-preload/1';

const ALLOWED: ReadonlySet<string> = new Set<string>(INVOKE_CHANNELS);
const TARGETS: ReadonlySet<string> = new Set<NavigateTarget>(['jobs', 'settings']);

/** The subset of ipcRenderer the bridge uses. */
export type BridgeIpc = Pick<Electron.IpcRenderer, 'invoke' | 'on' | 'removeListener'>;

/** Builds the bridge over `ipc` (exported for tests). The result is frozen. */
export function createBridge(ipc: BridgeIpc): TrayBridge {
  const bridge: TrayBridge = {
    invoke(channel, request) {
      if (typeof channel !== 'string' || !ALLOWED.has(channel)) {
        return Promise.reject(new Error(`Unknown channel: ${String(channel).slice(0, 64)}`));
      }
      return ipc.invoke(channel as InvokeChannel, request);
    },
    onView(listener) {
      if (typeof listener !== 'function') throw new TypeError('onView needs a function');
      const wrapped = (_event: IpcRendererEvent, view: ViewModel): void => listener(view);
      ipc.on(VIEW_CHANNEL, wrapped);
      return () => {
        ipc.removeListener(VIEW_CHANNEL, wrapped);
      };
    },
    onNavigate(listener) {
      if (typeof listener !== 'function') throw new TypeError('onNavigate needs a function');
      const wrapped = (_event: IpcRendererEvent, target: unknown): void => {
        if (typeof target === 'string' && TARGETS.has(target)) listener(target as NavigateTarget);
      };
      ipc.on(NAVIGATE_CHANNEL, wrapped);
      return () => {
        ipc.removeListener(NAVIGATE_CHANNEL, wrapped);
      };
    },
    bridgeId: BRIDGE_ID,
  };
  return Object.freeze(bridge);
}

contextBridge.exposeInMainWorld(BRIDGE_KEY, createBridge(ipcRenderer));
