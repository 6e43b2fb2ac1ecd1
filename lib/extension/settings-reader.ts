import { browser } from 'wxt/browser';
import { parseSettings, type Settings } from '../settings/schema';

/** The `storage.sync` key the settings live under (settings-store.ts writes it). */
export const SETTINGS_KEY = 'settings';

/**
 * Reading the settings straight from `storage.sync`, for the content script: it never writes
 * them, and WXT's storage layer (with its locks and migrations) would cost every page 3 kB.
 * Read through the same schema, so a corrupted field falls back alone.
 */
export async function readSettings(): Promise<Settings> {
  try {
    const stored = await browser.storage.sync.get(SETTINGS_KEY);
    return parseSettings(stored[SETTINGS_KEY]).settings;
  } catch {
    return parseSettings(undefined).settings;
  }
}

export function onSettingsChanged(onChange: (settings: Settings) => void): () => void {
  const listener = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    if (area === 'sync' && SETTINGS_KEY in changes) onChange(parseSettings(changes[SETTINGS_KEY]?.newValue).settings);
  };
  browser.storage.onChanged.addListener(listener);
  return () => browser.storage.onChanged.removeListener(listener);
}
