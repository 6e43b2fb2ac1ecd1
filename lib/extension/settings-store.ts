import { storage } from 'wxt/utils/storage';
import { DEFAULT_SETTINGS, parseSettings, type Settings } from '../settings/schema';
import { SETTINGS_KEY } from './settings-reader';

/**
 * The reader's settings in `storage.sync` (so they follow the reader between machines),
 * read through the schema so a corrupted field falls back alone.
 */
export const settingsItem = storage.defineItem<Record<string, unknown>>(`sync:${SETTINGS_KEY}`, {
  fallback: { ...DEFAULT_SETTINGS },
  version: 1,
});

export async function loadSettings(): Promise<Settings> {
  try {
    return parseSettings(await settingsItem.getValue()).settings;
  } catch {
    return parseSettings(undefined).settings;
  }
}

export type SaveResult = { ok: true } | { ok: false; error: string };

/** Saves; a full quota or an unavailable storage area is reported, never swallowed. */
export async function saveSettings(settings: Settings): Promise<SaveResult> {
  try {
    await settingsItem.setValue({ ...settings });
    return { ok: true };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}

export function watchSettings(onChange: (settings: Settings) => void): () => void {
  return settingsItem.watch((value) => onChange(parseSettings(value).settings));
}
