import type { Matcher } from './matcher';
import { countSignals, type Relevance, scoreRelevance } from './relevance';
import { resolveCandidate, unambiguouslyNamed } from './resolve';

export interface Mention {
  start: number;
  end: number;
  text: string;
  entity: string;
  kind: 'agency' | 'case';
}

export interface Analysis {
  relevance: Relevance;
  mentions: Mention[];
}

/**
 * Finds the mentions in one text as the content script would on a page holding only that
 * text. With `everywhere`, mentions are reported even when the text is not about piracy
 * enforcement (ambiguous names still need their context).
 */
export function analyseText(matcher: Matcher, text: string, options: { everywhere?: boolean } = {}): Analysis {
  const { candidates, signals } = matcher.scan(text);
  const named = unambiguouslyNamed(candidates);
  const relevance = scoreRelevance(matcher, countSignals(signals), named);
  if (!relevance.relevant && !options.everywhere) return { relevance, mentions: [] };
  const mentions: Mention[] = [];
  for (const candidate of candidates) {
    const e = resolveCandidate(candidate, { relevant: relevance.relevant, named });
    const entity = e === undefined ? undefined : matcher.entities[e];
    if (!entity) continue;
    mentions.push({
      start: candidate.start,
      end: candidate.end,
      text: text.slice(candidate.start, candidate.end),
      entity: entity.id,
      kind: entity.type,
    });
  }
  return { relevance, mentions };
}
