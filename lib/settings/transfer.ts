import { type ParsedSettings, parseSettings, type Settings } from './schema';

const FORMAT = 'takedown-lens-settings';

/** The reader's settings as a JSON file they can keep or move to another browser. */
export function exportSettings(settings: Settings): string {
  return `${JSON.stringify({ format: FORMAT, version: 1, settings }, null, 2)}\n`;
}

export type ImportResult = ({ ok: true } & ParsedSettings) | { ok: false; error: string };

/**
 * Reads an exported file. Anything that is not such a file is refused as a whole, with a
 * reason; inside one, a bad field falls back to its default and is named in `rejected`.
 */
export function importSettings(text: string): ImportResult {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { ok: false, error: 'not-json' };
  }
  if (!data || typeof data !== 'object' || (data as { format?: unknown }).format !== FORMAT) {
    return { ok: false, error: 'not-settings' };
  }
  return { ok: true, ...parseSettings((data as { settings?: unknown }).settings) };
}
