import type { Matcher, SignalHit } from './matcher';

/** A signal counts at most this often, so one long page cannot out-vote its subject. */
export const SIGNAL_CAP = 2;
/** All weak words together (weight 1: "pirates", "copyright") add at most this much: alone they never make a page relevant. */
export const WEAK_CAP = 3;
/** A case named unambiguously: pages name enforcement cases almost only when writing about them. */
export const CASE_WEIGHT = 4;
/** An anti-piracy body named unambiguously (BREIN, ACE, the MPA). */
export const ORGANISATION_WEIGHT = 3;
/** The score at which a page counts as being about piracy enforcement. */
export const RELEVANCE_THRESHOLD = 6;

export interface RelevanceSignal {
  text: string;
  lang: string;
  count: number;
  points: number;
}

/** What the page needs to decide: the score, and whether it reaches the threshold. */
export interface PageScore {
  score: number;
  relevant: boolean;
  threshold: number;
}

/** The score with what made it up, strongest first: for the command line and the evaluation. */
export interface Relevance extends PageScore {
  signals: RelevanceSignal[];
}

/** How often each signal term was found, by index into the matcher's signal list. */
export function countSignals(hits: readonly SignalHit[]): Map<number, number> {
  const counts = new Map<number, number>();
  for (const { signal } of hits) counts.set(signal, (counts.get(signal) ?? 0) + 1);
  return counts;
}

type Scored = Pick<Matcher, 'signals' | 'entities'>;

const signalPoints = (weight: number, count: number) => weight * Math.min(count, SIGNAL_CAP);
const entityPoints = (entity: Scored['entities'][number] | undefined) =>
  !entity?.signal ? 0 : entity.type === 'case' ? CASE_WEIGHT : ORGANISATION_WEIGHT;

/**
 * Scores a page from the signal words counted during the scan and the entities it names
 * unambiguously. Only cases and anti-piracy bodies count as entities: the FBI in a drug
 * story does not make it a piracy story. The page scores itself on every pass, so this
 * builds no explanation (scoreRelevance does).
 */
export function scorePage(
  matcher: Scored,
  signalCounts: ReadonlyMap<number, number>,
  namedEntities: Iterable<number>,
): PageScore {
  let strong = 0;
  let weak = 0;
  let entities = 0;
  for (const [i, count] of signalCounts) {
    const weight = matcher.signals[i]?.weight;
    if (weight === undefined) continue;
    if (weight > 1) strong += signalPoints(weight, count);
    else weak += signalPoints(weight, count);
  }
  for (const e of namedEntities) entities += entityPoints(matcher.entities[e]);
  const score = strong + Math.min(weak, WEAK_CAP) + entities;
  return { score, relevant: score >= RELEVANCE_THRESHOLD, threshold: RELEVANCE_THRESHOLD };
}

/** The page's score (scorePage) and every signal and entity that counted, with its points. */
export function scoreRelevance(
  matcher: Scored,
  signalCounts: ReadonlyMap<number, number>,
  namedEntities: Iterable<number>,
): Relevance {
  const found: RelevanceSignal[] = [];
  for (const [i, count] of signalCounts) {
    const term = matcher.signals[i];
    if (term)
      found.push({
        text: term.text ?? `signal ${i}`,
        lang: term.lang ?? '',
        count,
        points: signalPoints(term.weight, count),
      });
  }
  const named = [...namedEntities];
  for (const e of named) {
    const entity = matcher.entities[e];
    const points = entityPoints(entity);
    if (entity && points > 0) found.push({ text: entity.name ?? entity.id, lang: entity.type, count: 1, points });
  }
  // A plain comparison: the first localeCompare on a page builds ICU's collator, which costs more than the whole scan.
  found.sort((a, b) => b.points - a.points || (a.text < b.text ? -1 : a.text > b.text ? 1 : 0));
  return { ...scorePage(matcher, signalCounts, named), signals: found };
}
