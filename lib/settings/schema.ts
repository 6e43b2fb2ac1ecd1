import * as v from 'valibot';
import { siteKey } from './sites';

export const MARK_STYLES = ['underline', 'highlight', 'hover'] as const;
export type MarkStyle = (typeof MARK_STYLES)[number];

export interface Settings {
  enabled: boolean;
  /** Hostnames (without "www.") where the reader switched Takedown Lens off. */
  disabledSites: string[];
  markAgencies: boolean;
  markCases: boolean;
  /** underline or highlight every mark; "hover" shows nothing until the pointer is over a name. */
  style: MarkStyle;
  /** Mark only the first mention of each entity (calmer) or every mention. */
  mentions: 'first' | 'all';
  /** Annotate only pages about piracy enforcement, or every page. */
  scope: 'relevant' | 'everywhere';
}

export const DEFAULT_SETTINGS: Readonly<Settings> = Object.freeze({
  enabled: true,
  disabledSites: [],
  markAgencies: true,
  markCases: true,
  style: 'underline',
  mentions: 'first',
  scope: 'relevant',
});

const Hostname = v.pipe(v.string(), v.maxLength(253), v.regex(/^[a-z0-9-]+(\.[a-z0-9-]+)*$/));

const FIELDS = {
  enabled: v.boolean(),
  disabledSites: v.pipe(v.array(Hostname), v.maxLength(5000)),
  markAgencies: v.boolean(),
  markCases: v.boolean(),
  style: v.picklist(MARK_STYLES),
  mentions: v.picklist(['first', 'all']),
  scope: v.picklist(['relevant', 'everywhere']),
} satisfies { [K in keyof Settings]: v.GenericSchema<unknown, Settings[K]> };

export interface ParsedSettings {
  settings: Settings;
  /** Fields that held a value that could not be used, and fell back to their default. */
  rejected: (keyof Settings)[];
}

/**
 * Reads stored settings field by field: a corrupted or unknown value falls back to its
 * default and the rest of the reader's choices are kept.
 */
export function parseSettings(raw: unknown): ParsedSettings {
  const source = raw && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {};
  const settings = { ...DEFAULT_SETTINGS, disabledSites: [...DEFAULT_SETTINGS.disabledSites] } as Settings;
  const rejected: (keyof Settings)[] = [];
  for (const key of Object.keys(FIELDS) as (keyof Settings)[]) {
    if (!(key in source)) continue;
    const value = key === 'disabledSites' ? cleanSites(source[key]) : source[key];
    const result = v.safeParse(FIELDS[key], value);
    if (result.success) (settings as unknown as Record<string, unknown>)[key] = result.output;
    else rejected.push(key);
  }
  return { settings, rejected };
}

function cleanSites(value: unknown): unknown {
  if (!Array.isArray(value)) return value;
  const sites = value.map((s) => (typeof s === 'string' ? siteKey(s) : s));
  return [...new Set(sites)];
}
