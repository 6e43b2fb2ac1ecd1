import type { Candidate } from './matcher';

export interface PageContext {
  /** The page is about piracy enforcement. */
  relevant: boolean;
  /** Entities named unambiguously somewhere on the page. */
  named: ReadonlySet<number>;
}

/** Entities that some candidate names without needing context. */
export function unambiguouslyNamed(candidates: Iterable<Candidate>, into: Set<number> = new Set()): Set<number> {
  for (const c of candidates) {
    for (const ref of c.refs) if (!ref.ambiguous) into.add(ref.entity);
  }
  return into;
}

/**
 * Decides which entity a candidate names, or that it names none: "Sparks" is the Sparks
 * Group only on a page that names the Sparks Group; "ICE" is the agency only on a page about
 * enforcement or one that names the agency in full. A word two entities share goes to the
 * one the page names; if the page names neither or both, it is left unmarked.
 */
export function resolveCandidate(candidate: Candidate, context: PageContext): number | undefined {
  const certain = candidate.refs.find((r) => !r.ambiguous);
  if (certain) return certain.entity;
  const eligible = new Set<number>();
  for (const ref of candidate.refs) {
    if (context.named.has(ref.entity) || (ref.ambiguous === 'page' && context.relevant)) eligible.add(ref.entity);
  }
  if (eligible.size === 1) return eligible.values().next().value;
  const named = [...eligible].filter((e) => context.named.has(e));
  return named.length === 1 ? named[0] : undefined;
}
