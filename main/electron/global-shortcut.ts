/**
 * The global shortcut that shows or hides the job window: Electron's `globalShortcut`, behind the
 * {@link ShortcutPort} the controller uses. main/app/accelerator.ts checks accelerators before
 * they get here; main/app/shortcut.ts says what Settings shows.
 *
 * Registration can fail: another app holds the keys, or the desktop allows no global key grabs
 * (Wayland; Electron's `register` then returns false). A new shortcut is therefore registered
 * BEFORE the old one is released, so a refusal leaves the old one working (electron-menubar's
 * `setGlobalShortcut` releases first and would leave none). Electron also refuses keys this app
 * already holds, so when the new accelerator is the old one spelled differently, the old one is
 * released and the new one tried once more; if that fails too, the old one is registered again.
 *
 * {@link GlobalShortcut.dispose} releases it when the app quits.
 */
import { globalShortcut } from 'electron';
import type { ShortcutPort } from '../app/ports.ts';
import { silentLogger, type Logger } from '../core/types.ts';

/** Options of {@link GlobalShortcut}. */
export interface GlobalShortcutOptions {
  /** What a press does (main.ts: show or hide the job window). */
  onPress(): void;
  logger?: Logger;
}

/** The app's one global shortcut. See the module docs. */
export class GlobalShortcut implements ShortcutPort {
  private readonly opts: GlobalShortcutOptions;
  private readonly logger: Logger;
  private current: string | null = null;

  constructor(opts: GlobalShortcutOptions) {
    this.opts = opts;
    this.logger = opts.logger ?? silentLogger;
  }

  set(accelerator: string | null): boolean {
    if (accelerator === this.current) return true;
    const previous = this.current;
    if (accelerator === null) {
      this.release();
      return true;
    }
    if (this.register(accelerator)) {
      if (previous !== null) globalShortcut.unregister(previous);
      this.current = accelerator;
      this.logger.info(`global shortcut: ${accelerator}`);
      return true;
    }
    if (previous !== null) {
      // Perhaps the same keys spelled differently, which Electron refuses while we hold them.
      globalShortcut.unregister(previous);
      this.current = null;
      if (this.register(accelerator)) {
        this.current = accelerator;
        this.logger.info(`global shortcut: ${accelerator}`);
        return true;
      }
      if (this.register(previous)) this.current = previous;
      else this.logger.error(`global shortcut: ${previous} could not be registered again`);
    }
    return false;
  }

  active(): string | null {
    return this.current;
  }

  /** Releases the shortcut (app quit). */
  dispose(): void {
    this.release();
  }

  private release(): void {
    if (this.current === null) return;
    globalShortcut.unregister(this.current);
    this.logger.info(`global shortcut: ${this.current} released`);
    this.current = null;
  }

  /** `globalShortcut.register`, which throws for accelerators Electron cannot read. */
  private register(accelerator: string): boolean {
    try {
      return globalShortcut.register(accelerator, () => this.opts.onPress());
    } catch (e) {
      this.logger.warn(`global shortcut: Electron refused ${accelerator}: ${(e as Error).message}`);
      return false;
    }
  }
}
