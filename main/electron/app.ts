/**
 * Electron entry point (package.json "main": dist/main/electron/app.js).
 *
 * The AppUserModelID is set before anything else (see app-id.ts): Windows shows toasts only for
 * an app whose AUMID matches a Start-menu shortcut. That is why this file statically imports
 * nothing but `electron` and app-id.ts (libraries such as electron-log touch the app on import),
 * and loads the rest with a top-level-awaited dynamic import, which ESM in Electron still runs
 * before `ready`.
 *
 * Any start-up failure, also one loading main.ts itself, is written to main.log through
 * electron-log and shown in a native error box before the app exits with 1
 * (startup-failure.ts).
 */
import { app } from 'electron';
import { appUserModelId } from './app-id.ts';

app.setAppUserModelId(appUserModelId(app.isPackaged, process.execPath));

const fail = (e: unknown): void => {
  import('./startup-failure.ts').then(
    ({ reportStartupFailure }) => reportStartupFailure(e),
    (importError: unknown) => {
      console.error('MiniMax Tray could not start:', e, importError);
      app.exit(1);
    },
  );
};

try {
  const { startApp } = await import('./main.ts');
  // Deliberately not awaited: Electron emits `ready` only once this entry module has finished
  // evaluating, and startApp waits for `ready`, so awaiting it here would hang (electron#41369).
  // Everything startApp must do before `ready` runs synchronously, before its first await.
  startApp().catch(fail);
} catch (e) {
  fail(e);
}
