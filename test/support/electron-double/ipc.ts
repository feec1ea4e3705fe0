/**
 * `ipcMain`, and the renderer-side `ipcRenderer` and `contextBridge`. In real Electron the
 * renderer-only modules are undefined in the main process, and libraries rely on it
 * (electron-log's bundled preload initialises itself when `ipcRenderer` exists), so they are live
 * bindings, undefined until a test calls {@link enterRendererProcess}.
 */
import { EventEmitter } from 'node:events';
import { onReset, recorder, type OnlyElectron } from './recorder.ts';
import type { WebContents } from './browser-window.ts';

type IpcHandler = (event: Electron.IpcMainInvokeEvent, ...args: unknown[]) => unknown;

class IpcMainDouble
  extends EventEmitter
  implements Pick<Electron.IpcMain, 'handle' | 'handleOnce' | 'removeHandler'>
{
  /** Test helper: channel → handler. */
  readonly handlers = new Map<string, IpcHandler>();
  handle(channel: string, handler: IpcHandler): void {
    recorder.record('ipcMain.handle', channel);
    if (this.handlers.has(channel)) {
      throw new Error(`Attempted to register a second handler for '${channel}'`);
    }
    this.handlers.set(channel, handler);
  }
  handleOnce(channel: string, handler: IpcHandler): void {
    this.handle(channel, (event, ...args) => {
      this.handlers.delete(channel);
      return handler(event, ...args);
    });
  }
  removeHandler(channel: string): void {
    recorder.record('ipcMain.removeHandler', channel);
    this.handlers.delete(channel);
  }
}

const _ipcMainOnlyElectron: OnlyElectron<IpcMainDouble, Electron.IpcMain, 'handlers'> = true;

export const ipcMain = new IpcMainDouble();

/** URL the fake sender frame of {@link ipcRenderer.invoke} reports (set it to the app's renderer URL). */
export const ipcSender = { url: 'app://renderer/index.html', webContents: null as WebContents | null };

/**
 * Invokes the `ipcMain.handle` handler for `channel` the way a renderer would, with a fake event
 * whose `senderFrame.url` is `senderUrl` (null simulates a frame that was already destroyed).
 * Resolves with the handler's value; rejects when no handler exists or it throws.
 */
export async function invokeIpc(
  channel: string,
  payload: unknown,
  opts: { senderUrl: string | null; sender?: WebContents | null } = { senderUrl: ipcSender.url },
): Promise<unknown> {
  const handler = ipcMain.handlers.get(channel);
  if (!handler) throw new Error(`No handler registered for '${channel}'`);
  const sender = opts.sender ?? ipcSender.webContents ?? null;
  const event = {
    sender,
    processId: 1,
    frameId: 1,
    senderFrame: opts.senderUrl === null ? null : { url: opts.senderUrl, origin: safeOrigin(opts.senderUrl) },
  };
  return handler(
    event as unknown as Electron.IpcMainInvokeEvent,
    ...(payload === undefined ? [] : [payload]),
  );
}

function safeOrigin(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return 'null';
  }
}

class IpcRendererDouble
  extends EventEmitter
  implements Pick<Electron.IpcRenderer, 'invoke' | 'send' | 'sendSync'>
{
  invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    recorder.record('ipcRenderer.invoke', channel, ...args);
    return invokeIpc(channel, args[0], { senderUrl: ipcSender.url });
  }
  send(channel: string, ...args: unknown[]): void {
    recorder.record('ipcRenderer.send', channel, ...args);
    ipcMain.emit(channel, { senderFrame: { url: ipcSender.url } }, ...args);
  }
  sendSync(channel: string, ..._args: unknown[]): unknown {
    recorder.record('ipcRenderer.sendSync', channel);
    return undefined;
  }
}

const _ipcRendererOnlyElectron: OnlyElectron<IpcRendererDouble, Electron.IpcRenderer> = true;

/** The renderer-side IPC object (webContents.send delivers to it). */
export const ipcRendererDouble = new IpcRendererDouble();
const contextBridgeDouble = {
  exposeInMainWorld(key: string, api: unknown): void {
    recorder.record('contextBridge.exposeInMainWorld', key);
    if (key in recorder.exposed) throw new Error(`Cannot bind an API on top of an existing property: ${key}`);
    recorder.exposed[key] = api;
  },
} satisfies Pick<Electron.ContextBridge, 'exposeInMainWorld'>;

/** Renderer-side IPC; defined only after {@link enterRendererProcess}. */
export let ipcRenderer: IpcRendererDouble | undefined = undefined;
/** Renderer-side context bridge; defined only after {@link enterRendererProcess}. */
export let contextBridge: typeof contextBridgeDouble | undefined = undefined;

/** Makes `ipcRenderer` and `contextBridge` available, as in a preload script. */
export function enterRendererProcess(): {
  ipcRenderer: IpcRendererDouble;
  contextBridge: typeof contextBridgeDouble;
} {
  ipcRenderer = ipcRendererDouble;
  contextBridge = contextBridgeDouble;
  return { ipcRenderer: ipcRendererDouble, contextBridge: contextBridgeDouble };
}

onReset(() => {
  ipcMain.handlers.clear();
  ipcMain.removeAllListeners();
  ipcRendererDouble.removeAllListeners();
  ipcRenderer = undefined;
  contextBridge = undefined;
  ipcSender.url = 'app://renderer/index.html';
  ipcSender.webContents = null;
});
