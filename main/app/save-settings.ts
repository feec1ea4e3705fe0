/**
 * The "Save results to a folder" settings (off by default): on/off, the folder, and "videos only"
 * or "videos and images". Pure data and functions, stored as one object under `saveResults` in
 * the settings file (settings.ts). The folder is only ever set by main, from the folder chooser
 * (a port over Electron's dialog): the window can turn saving on or off and pick the kinds, but
 * never name a folder.
 */
import type { SaveKinds, SaverConfig } from '../core/results/save-types.ts';

/** What is stored under `saveResults`. */
export interface SaveResultsSettings {
  enabled: boolean;
  /** Absolute path chosen in the folder chooser, or null before one was chosen. */
  folder: string | null;
  kinds: SaveKinds;
}

/** Off, no folder, videos only. */
export const DEFAULT_SAVE_RESULTS: Readonly<SaveResultsSettings> = Object.freeze({
  enabled: false,
  folder: null,
  kinds: 'videos',
});

/** JSON Schema of the stored object (electron-store). */
export const SAVE_RESULTS_JSON_SCHEMA = {
  type: 'object',
  properties: {
    enabled: { type: 'boolean' },
    folder: { type: ['string', 'null'], maxLength: 4096 },
    kinds: { type: 'string', enum: ['videos', 'all'] },
  },
} as const;

/**
 * The stored value brought to a valid one; each invalid field falls back to its default with a
 * line in `problems`. A missing object (settings from before this feature) is the default.
 */
export function normalizeSaveResults(raw: unknown, problems: string[]): SaveResultsSettings {
  const out: SaveResultsSettings = { ...DEFAULT_SAVE_RESULTS };
  if (raw === undefined) return out;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    problems.push('setting "saveResults" was invalid; using the default');
    return out;
  }
  const r = raw as Record<string, unknown>;
  if (typeof r.enabled === 'boolean') out.enabled = r.enabled;
  else if (r.enabled !== undefined)
    problems.push('setting "saveResults.enabled" was invalid; using the default');
  if (r.folder === null || (typeof r.folder === 'string' && r.folder.length > 0 && r.folder.length <= 4096)) {
    out.folder = r.folder;
  } else if (r.folder !== undefined)
    problems.push('setting "saveResults.folder" was invalid; using the default');
  if (r.kinds === 'videos' || r.kinds === 'all') out.kinds = r.kinds;
  else if (r.kinds !== undefined) problems.push('setting "saveResults.kinds" was invalid; using the default');
  // On without a folder cannot work: off until a folder is chosen.
  if (out.folder === null) out.enabled = false;
  return out;
}

/** What the window may change (never the folder). */
export interface SaveResultsPatch {
  enabled?: boolean;
  kinds?: SaveKinds;
}

/**
 * Applies a change from the window.
 * @returns the new value, or a message when saving is turned on before a folder was chosen.
 */
export function applySaveResultsPatch(
  current: SaveResultsSettings,
  patch: SaveResultsPatch,
): { ok: true; value: SaveResultsSettings } | { ok: false; message: string } {
  const value = { ...current, ...patch };
  if (value.enabled && value.folder === null) {
    return { ok: false, message: 'Choose a folder to save results to first.' };
  }
  return { ok: true, value };
}

/** The saver's configuration for these settings: null while off. */
export function saverConfig(s: SaveResultsSettings): SaverConfig | null {
  return s.enabled && s.folder !== null ? { folder: s.folder, kinds: s.kinds } : null;
}
