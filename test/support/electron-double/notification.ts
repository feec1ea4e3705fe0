/**
 * `Notification`. What the OS does with `show()` comes a turn later, never from inside `show()`
 * (as on macOS and Windows): see {@link doubleConfig.notificationAnswer}. `handleActivation` is
 * Windows-only in Electron 42+; tests switch it off with `doubleConfig.notificationHandleActivation`.
 */
import { EventEmitter } from 'node:events';
import { doubleConfig, makeEvent, onReset, recorder, type OnlyElectron } from './recorder.ts';

/** The error text the double's OS gives with `failed`. */
export const REFUSED_ERROR = 'Notifications need a code-signed app';

export class Notification
  extends EventEmitter
  implements Pick<Electron.Notification, 'show' | 'close' | 'title' | 'body'>
{
  /** Test helper: the constructor options. */
  readonly options: Electron.NotificationConstructorOptions;
  title: string;
  body: string;
  /** Test helper: the OS emitted `show`. */
  shown = false;
  /** Test helper: `close()` was called. */
  closed = false;
  /** Test helper: the callback given to `handleActivation`. */
  static activationHandler: ((details: Electron.ActivationArguments) => void) | null = null;

  constructor(options: Electron.NotificationConstructorOptions = {}) {
    super();
    recorder.record('Notification.new', options);
    this.options = options;
    this.title = options.title ?? '';
    this.body = options.body ?? '';
    recorder.notifications.push(this);
  }
  static isSupported(): boolean {
    return doubleConfig.notificationsSupported;
  }
  show(): void {
    recorder.record('Notification.show', this.title);
    const answer = doubleConfig.notificationAnswer;
    setImmediate(() => {
      if (answer === 'failed') this.emit('failed', makeEvent(), REFUSED_ERROR);
      else if (answer === 'show') {
        this.shown = true;
        this.emit('show', makeEvent());
      }
    });
  }
  close(): void {
    recorder.record('Notification.close', this.title);
    this.closed = true;
    this.emit('close', makeEvent());
  }
}

const _notificationOnlyElectron: OnlyElectron<
  Notification,
  Electron.Notification,
  'options' | 'shown' | 'closed'
> = true;

Object.defineProperty(Notification, 'handleActivation', {
  configurable: true,
  get: () =>
    doubleConfig.notificationHandleActivation
      ? (cb: (details: Electron.ActivationArguments) => void) => {
          recorder.record('Notification.handleActivation');
          Notification.activationHandler = cb;
        }
      : undefined,
});

/** The statics Electron's `Notification` has, as the double provides them. */
export type NotificationStatics = Pick<typeof Electron.Notification, 'isSupported'>;

onReset(() => {
  Notification.activationHandler = null;
});
