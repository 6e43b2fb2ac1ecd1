import pageMatcher from 'virtual:takedown-lens/match-index';
import { unpackEntities } from '../../lib/match/entity-pack';
import { createMatcher, type Matcher } from '../../lib/match/matcher';
import { createPageSession, type PageSession, type SessionOptions } from './session';

export type PageModuleOptions = Omit<SessionOptions, 'matcher'>;

/**
 * The page module (see lib/build/page-module.ts): everything that reads and marks a page,
 * loaded by the content script only once the page has text to read.
 */
export function startPage(options: PageModuleOptions): PageSession {
  let matcher: Matcher | undefined;
  return createPageSession({
    ...options,
    matcher: () => {
      matcher ??= createMatcher(pageMatcher.pattern, unpackEntities(pageMatcher.entities), pageMatcher.signals);
      return matcher;
    },
  });
}
