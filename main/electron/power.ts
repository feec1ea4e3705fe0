/**
 * Sleep and wake: polling stops on `suspend`; on `resume` and `unlock-screen` (macOS, Windows) the
 * controller resumes and polls at once. Some Linux setups never deliver suspend/resume
 * (electron#42050); the core's scheduler also notices wall-clock jumps, so this is the fast path,
 * not the only one.
 */
import { powerMonitor } from 'electron';
import { silentLogger, type Logger } from '../core/types.ts';

/** What the power events drive (the AppController). */
export interface PowerTarget {
  suspend(): void;
  wake(): void;
}

/** The powerMonitor events used (tests pass the double's). */
export type PowerEvents = Pick<Electron.PowerMonitor, 'on' | 'removeListener'>;

/** Subscribes `target` to the power events; call after the app is ready. Returns unsubscribe. */
export function watchPower(
  target: PowerTarget,
  logger: Logger = silentLogger,
  pm: PowerEvents = powerMonitor,
): () => void {
  const onSuspend = (): void => {
    logger.info('power: suspend; polling paused');
    target.suspend();
  };
  const onResume = (): void => {
    logger.info('power: resume; polling now');
    target.wake();
  };
  const onUnlock = (): void => {
    logger.debug('power: screen unlocked; polling now');
    target.wake();
  };
  pm.on('suspend', onSuspend);
  pm.on('resume', onResume);
  pm.on('unlock-screen', onUnlock);
  return () => {
    pm.removeListener('suspend', onSuspend);
    pm.removeListener('resume', onResume);
    pm.removeListener('unlock-screen', onUnlock);
  };
}
