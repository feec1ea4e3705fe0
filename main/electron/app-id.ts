/**
 * The application id, shared by electron-builder.yml (`appId`) and the main process. Pure: no
 * `electron` import, so tests and the packaging checks can read it.
 *
 * It is the macOS `CFBundleIdentifier` and the Windows AppUserModelID: the NSIS installer stamps it
 * on the Start-menu shortcut, and Windows shows toasts only for an app whose AUMID matches that
 * shortcut, so main calls `app.setAppUserModelId(APP_ID)` before anything else. The NSIS install
 * GUID is derived from it too: never change it after a release.
 */
export const APP_ID = 'net.minimaxtray.app';
