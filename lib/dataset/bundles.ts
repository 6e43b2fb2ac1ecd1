import { packEntities } from '../match/entity-pack';
import { type CompiledPattern, compilePattern, type SignalWeight } from '../match/matcher';
import { RELEVANCE_SIGNALS } from '../match/relevance-signals';
import { buildDetails, buildMatchIndex, type Details } from './compile';
import type { Agency, Case } from './schema';

/** Display name by entity id: what the popup lists a page's findings by. */
export type EntityNames = Record<string, string>;

/** What every page carries: the entities' ids and the finished pattern, not their names, the aliases or any detail. */
export interface PageMatcherData {
  /** See entity-pack.ts. */
  entities: string;
  pattern: CompiledPattern;
  /** Each signal's weight, by the index the pattern reports it by. */
  signals: SignalWeight[];
}

/** Splits the validated dataset into the small part the content script needs and the details cards load. */
export function buildBundles(
  agencies: readonly Agency[],
  cases: readonly Case[],
): { pageMatcher: PageMatcherData; details: Details; names: EntityNames } {
  const index = buildMatchIndex([...agencies, ...cases]);
  return {
    pageMatcher: {
      entities: packEntities(index.entities),
      pattern: compilePattern(index, RELEVANCE_SIGNALS),
      signals: RELEVANCE_SIGNALS.map(({ weight }) => ({ weight })),
    },
    names: Object.fromEntries(index.entities.map((e) => [e.id, e.name as string])),
    details: buildDetails(agencies, cases),
  };
}
