/**
 * The application id, shared by electron-builder.yml (`appId`) and the main process. Pure: no
 * `electron` import, so tests and the packaging checks can read it.
 *
 * It is the macOS `CFBundleIdentifier` and, in packaged builds, the Windows AppUserModelID: the
 * NSIS installer stamps it on the Start-menu shortcut, and Windows shows toasts only for an app
 * whose AUMID matches a shortcut's, so main calls `app.setAppUserModelId` before anything else.
 * The NSIS install GUID is derived from it too: never change it after a release.
 */
export const APP_ID = 'net.minimaxtray.app';

/**
 * The AppUserModelID to set: {@link APP_ID} in a packaged build (its installer made the shortcut);
 * in an unpackaged run (`npm start`, the demo, the tests) the Electron executable's path, as
 * Electron's notification tutorial does for development, so toasts show once a Start-menu
 * shortcut to that executable exists.
 * @param isPackaged `app.isPackaged`
 * @param execPath `process.execPath` (the Electron binary)
 */
export function appUserModelId(isPackaged: boolean, execPath: string): string {
  return isPackaged ? APP_ID : execPath;
}
