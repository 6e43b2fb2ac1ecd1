import { type CompiledPattern, compilePattern, type MatchEntity } from '../match/matcher';
import { RELEVANCE_SIGNALS } from '../match/relevance';
import { buildDetails, buildMatchIndex, type Details } from './compile';
import type { Agency, Case } from './schema';

/** What every page carries: the entities' names and the finished pattern, not the aliases or any detail. */
export interface PageMatcherData {
  entities: MatchEntity[];
  pattern: CompiledPattern;
}

/** Splits the validated dataset into the small part the content script needs and the details cards load. */
export function buildBundles(
  agencies: readonly Agency[],
  cases: readonly Case[],
): { pageMatcher: PageMatcherData; details: Details } {
  const index = buildMatchIndex([...agencies, ...cases]);
  return {
    pageMatcher: { entities: index.entities, pattern: compilePattern(index, RELEVANCE_SIGNALS) },
    details: buildDetails(agencies, cases),
  };
}
