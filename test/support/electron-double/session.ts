/**
 * `protocol` and `session` (one default session). Requests to a registered scheme reach its
 * handler through {@link callProtocol}, as Chromium would hand them over.
 */
import { onReset, recorder, type ElectronPick, type OnlyElectron } from './recorder.ts';

type ProtocolHandler = (request: Request) => Response | Promise<Response>;

class ProtocolDouble implements Pick<
  Electron.Protocol,
  'registerSchemesAsPrivileged' | 'handle' | 'unhandle' | 'isProtocolHandled'
> {
  /** Test helper: scheme → handler. */
  readonly handlers = new Map<string, ProtocolHandler>();
  /** Test helper: every scheme registered as privileged. */
  readonly privileged: Electron.CustomScheme[] = [];
  registerSchemesAsPrivileged(schemes: Electron.CustomScheme[]): void {
    recorder.record('protocol.registerSchemesAsPrivileged', schemes);
    this.privileged.push(...schemes);
  }
  handle(scheme: string, handler: ProtocolHandler): void {
    recorder.record('protocol.handle', scheme);
    this.handlers.set(scheme, handler);
  }
  unhandle(scheme: string): void {
    this.handlers.delete(scheme);
  }
  isProtocolHandled(scheme: string): boolean {
    return this.handlers.has(scheme);
  }
}

const _protocolOnlyElectron: OnlyElectron<ProtocolDouble, Electron.Protocol, 'handlers' | 'privileged'> =
  true;

export const protocol = new ProtocolDouble();

/** Calls the handler registered with `protocol.handle` for the URL's scheme, as Chromium would. */
export async function callProtocol(url: string, init?: RequestInit): Promise<Response> {
  const scheme = new URL(url).protocol.replace(/:$/, '');
  const handler = protocol.handlers.get(scheme);
  if (!handler) throw new Error(`no protocol handler for ${scheme}:`);
  return handler(new Request(url, init));
}

type PermissionRequestHandler = NonNullable<Parameters<Electron.Session['setPermissionRequestHandler']>[0]>;
type PermissionCheckHandler = NonNullable<Parameters<Electron.Session['setPermissionCheckHandler']>[0]>;
type HeadersListener = (details: unknown, callback: (response: unknown) => void) => void;

class SessionDouble implements Pick<
  Electron.Session,
  | 'setPermissionRequestHandler'
  | 'setPermissionCheckHandler'
  | 'resolveProxy'
  | 'setPreloads'
  | 'getPreloads'
  | 'registerPreloadScript'
> {
  readonly protocol = protocol;
  /** Test helper: the handler the app set. */
  permissionRequestHandler: PermissionRequestHandler | null = null;
  /** Test helper: the handler the app set. */
  permissionCheckHandler: PermissionCheckHandler | null = null;
  /** Test helper: the listener given to `webRequest.onHeadersReceived`. */
  headersReceivedListener: HeadersListener | null = null;
  readonly webRequest = {
    onHeadersReceived: (filterOrListener: unknown, maybeListener?: unknown): void => {
      recorder.record('session.webRequest.onHeadersReceived');
      this.headersReceivedListener = (
        typeof filterOrListener === 'function' ? filterOrListener : (maybeListener ?? null)
      ) as HeadersListener | null;
    },
  } satisfies Pick<Electron.WebRequest, 'onHeadersReceived'>;
  setPermissionRequestHandler(handler: PermissionRequestHandler | null): void {
    recorder.record('session.setPermissionRequestHandler');
    this.permissionRequestHandler = handler;
  }
  setPermissionCheckHandler(handler: PermissionCheckHandler | null): void {
    recorder.record('session.setPermissionCheckHandler');
    this.permissionCheckHandler = handler;
  }
  resolveProxy(_url: string): Promise<string> {
    return Promise.resolve('DIRECT');
  }
  setPreloads(_p: string[]): void {}
  getPreloads(): string[] {
    return [];
  }
  registerPreloadScript(_s: Electron.PreloadScriptRegistration): string {
    return 'preload';
  }
  /** Test helper. */
  reset(): void {
    this.permissionRequestHandler = null;
    this.permissionCheckHandler = null;
    this.headersReceivedListener = null;
  }
}

const _sessionOnlyElectron: OnlyElectron<
  SessionDouble,
  Electron.Session,
  'permissionRequestHandler' | 'permissionCheckHandler' | 'headersReceivedListener' | 'reset'
> = true;

/** The one session (`session.defaultSession`). */
export const defaultSession = new SessionDouble();
/** `session`: `defaultSession` is the double's session (checked above). */
export const session = {
  defaultSession,
  fromPartition: (_partition: string) => defaultSession,
} satisfies ElectronPick<typeof Electron.Session, 'fromPartition', 'fromPartition'> & {
  defaultSession: SessionDouble;
};

onReset(() => {
  protocol.handlers.clear();
  protocol.privileged.length = 0;
  defaultSession.reset();
});
