/**
 * Electron entry point (package.json "main": dist/main/electron/app.js).
 *
 * The AppUserModelID is set before anything else: Windows shows toasts only for an app whose
 * AUMID matches its Start-menu shortcut, which the NSIS installer stamps with the same APP_ID.
 * That is why this file statically imports nothing but `electron` and app-id.ts (libraries such
 * as electron-log touch the app on import), and loads the rest with a top-level-awaited dynamic
 * import, which ESM in Electron still runs before `ready`.
 */
import { app } from 'electron';
import { APP_ID } from './app-id.ts';

app.setAppUserModelId(APP_ID);

const { startApp } = await import('./main.ts');
// Deliberately not awaited: Electron emits `ready` only once this entry module has finished
// evaluating, and startApp waits for `ready`, so awaiting it here would hang (electron#41369).
// Everything startApp must do before `ready` runs synchronously, before its first await.
startApp().catch((e: unknown) => {
  // Last resort: log what we can and leave; a half-started tray app is worse than none.
  console.error('MiniMax Tray failed to start:', e instanceof Error ? e.message : e);
  app.exit(1);
});
