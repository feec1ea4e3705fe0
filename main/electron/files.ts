/**
 * The folder chooser and "Show in folder" for saved results ({@link FilesPort}), over Electron's
 * `dialog.showOpenDialog` and `shell.showItemInFolder`.
 *
 * The dialog has no parent window on purpose: the job window is a popup that hides when it loses
 * the focus (electron-menubar), and a sheet on a hidden window would be lost; the controller shows
 * the window again once the dialog is closed.
 */
import { dialog, shell } from 'electron';
import type { FilesPort } from '../app/ports.ts';
import { silentLogger, type Logger } from '../core/types.ts';

/** The port over Electron. Failures of the dialog are logged and count as "cancelled". */
export function electronFiles(logger: Logger = silentLogger): FilesPort {
  return {
    async chooseFolder(defaultPath) {
      try {
        const result = await dialog.showOpenDialog({
          title: 'Save results to this folder',
          buttonLabel: 'Choose folder',
          properties: ['openDirectory', 'createDirectory', 'dontAddToRecent'],
          ...(defaultPath ? { defaultPath } : {}),
        });
        return result.canceled ? null : (result.filePaths[0] ?? null);
      } catch (e) {
        logger.warn(`files: the folder chooser failed: ${e instanceof Error ? e.message : String(e)}`);
        return null;
      }
    },
    showItemInFolder(file) {
      shell.showItemInFolder(file);
    },
  };
}
