import type { AnnotatorSettings } from '../../lib/page/annotator';
import { DEFAULT_SETTINGS } from '../../lib/settings/schema';

/** What the annotator gets from a reader who kept the default settings, with some changed. */
export function annotatorSettings(changes: Partial<AnnotatorSettings> = {}): AnnotatorSettings {
  const { markAgencies, markCases, style, mentions, scope } = DEFAULT_SETTINGS;
  return { markAgencies, markCases, style, mentions, scope, ...changes };
}
