/**
 * The settings on disk: electron-store 12 (`<userData>/settings.json`) with the JSON schema,
 * defaults and migrations from main/app/settings.ts. Main process only.
 *
 * A damaged file never crashes the app. A copy of it is kept as `settings.json.corrupt-<epoch ms>`
 * and a warning is logged; then invalid values are reset to their defaults (valid ones kept), and
 * a file that is not JSON at all is reset entirely (electron-store's `clearInvalidConfig`, which
 * also catches anything the schema refuses). If the store cannot be opened at all (unreadable
 * folder), the app runs on in-memory defaults for the session and says so in the log.
 */
import { app } from 'electron';
import Store from 'electron-store';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { SettingsPort } from '../app/ports.ts';
import {
  defaultSettings,
  normalizeSettings,
  runSettingsMigrations,
  SETTINGS_JSON_SCHEMA,
  SETTINGS_MIGRATIONS,
  type AppSettings,
} from '../app/settings.ts';
import { silentLogger, type Logger } from '../core/types.ts';

/** Base name of the settings file (electron-store adds `.json`). */
export const SETTINGS_FILE_NAME = 'settings';

/** Options of {@link openSettingsStore}. */
export interface SettingsStoreOptions {
  /** Folder of the file: `app.getPath('userData')` in the app, a temp dir in tests. */
  cwd: string;
  /** App version the migrations compare against; default `app.getVersion()` (electron-store's). */
  projectVersion?: string;
  logger?: Logger;
  /** Clock for the backup file name; default Date.now. */
  now?: () => number;
}

type Data = Record<string, unknown>;

/** What a migration step needs of the store (electron-store's `Conf` satisfies it). */
interface MigrationStore {
  readonly store: Data;
  set(key: string, value: unknown): void;
  delete(key: string): void;
}

/** electron-store migrations built from the pure steps: each step's result is written key by key. */
function electronStoreMigrations(logger: Logger): Record<string, (store: MigrationStore) => void> {
  return Object.fromEntries(
    SETTINGS_MIGRATIONS.map((m) => [
      m.version,
      (store: MigrationStore) => {
        const before: Data = {};
        for (const [k, v] of Object.entries(store.store)) if (k !== '__internal__') before[k] = v;
        const after = m.migrate(before);
        for (const k of Object.keys(before)) if (!(k in after)) store.delete(k);
        for (const [k, v] of Object.entries(after)) if (before[k] !== v) store.set(k, v);
        logger.info(`settings: migrated to ${m.version} (${m.description})`);
      },
    ]),
  );
}

/** The settings port on electron-store. */
class ElectronSettingsStore implements SettingsPort {
  private readonly store: Store<Data>;
  private readonly logger: Logger;
  constructor(store: Store<Data>, logger: Logger) {
    this.store = store;
    this.logger = logger;
  }
  load(): AppSettings {
    const { settings, problems } = normalizeSettings(this.store.store);
    for (const p of problems) this.logger.warn(`settings: ${p}`);
    return settings;
  }
  save(settings: AppSettings): void {
    this.store.set({ ...settings, notifyOn: { ...settings.notifyOn } });
  }
}

/** Defaults kept in memory when no file can be used. */
class MemorySettingsStore implements SettingsPort {
  private value: AppSettings = defaultSettings();
  load(): AppSettings {
    return { ...this.value, notifyOn: { ...this.value.notifyOn } };
  }
  save(settings: AppSettings): void {
    this.value = { ...settings, notifyOn: { ...settings.notifyOn } };
  }
}

/**
 * Opens the settings (see the module docs for damaged files). Never throws.
 * @returns the port and the file path (null when running on in-memory defaults).
 */
export function openSettingsStore(opts: SettingsStoreOptions): { store: SettingsPort; file: string | null } {
  const logger = opts.logger ?? silentLogger;
  const file = path.join(opts.cwd, `${SETTINGS_FILE_NAME}.json`);
  repairIfDamaged(file, opts.projectVersion ?? app.getVersion(), logger, opts.now ?? Date.now);
  try {
    const store = new Store<Data>({
      name: SETTINGS_FILE_NAME,
      cwd: opts.cwd,
      projectVersion: opts.projectVersion,
      schema: SETTINGS_JSON_SCHEMA as unknown as Record<string, never>,
      defaults: defaultSettings() as unknown as Data,
      migrations: electronStoreMigrations(logger),
      clearInvalidConfig: true,
    });
    return { store: new ElectronSettingsStore(store, logger), file: store.path };
  } catch (e) {
    logger.error(
      `settings: could not open the settings file; using defaults for this session: ${(e as Error).message}`,
    );
    return { store: new MemorySettingsStore(), file: null };
  }
}

/**
 * Before electron-store opens the file: a file that is not JSON (or not an object) is copied to
 * `<file>.corrupt-<ms>` and left for electron-store to reset to the defaults; a JSON file with
 * some invalid values is copied the same way and rewritten with those values at their defaults
 * (the valid ones are kept, the migrations up to `appVersion` applied). Logs a warning either way. Never throws.
 */
function repairIfDamaged(file: string, appVersion: string, logger: Logger, now: () => number): void {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return; // missing (first run) or unreadable: electron-store reports the latter
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  const backup = `${file}.corrupt-${now()}`;
  const keepCopy = (): void => {
    try {
      copyFileSync(file, backup);
    } catch {
      // The warning still tells the user what happened.
    }
  };
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    keepCopy();
    logger.warn(
      `settings: the settings file was damaged (not a JSON object); reset to defaults, old file kept as ${backup}`,
    );
    return;
  }
  const { __internal__: internal, ...data } = parsed as Data;
  const version = (internal as { migrations?: { version?: unknown } } | undefined)?.migrations?.version;
  const { settings, problems } = normalizeSettings(
    runSettingsMigrations(data, typeof version === 'string' ? version : null, appVersion),
  );
  if (problems.length === 0) return;
  keepCopy();
  try {
    const repaired = internal === undefined ? { ...settings } : { ...settings, __internal__: internal };
    writeFileSync(file, `${JSON.stringify(repaired, null, '\t')}\n`, { mode: 0o600 });
    logger.warn(`settings: ${problems.join('; ')}; old file kept as ${backup}`);
  } catch (e) {
    logger.warn(
      `settings: damaged values could not be repaired (${(e as Error).message}); electron-store resets the file`,
    );
  }
}
