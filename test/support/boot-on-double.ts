// Boots the main process on the electron double the way Electron does: `startApp` runs up to
// its wait for `ready`, then the runtime emits `ready` (the double never emits it by itself).
import { startApp, type AppHandle, type StartOptions } from '../../main/electron/main.ts';
import { emitReady } from './electron-double.ts';

/** `startApp(options)`, then `ready`. Resolves with what startApp resolves with. */
export function bootOnDouble(options: StartOptions): Promise<AppHandle | null> {
  const started = startApp(options);
  emitReady();
  return started;
}
