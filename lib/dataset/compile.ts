import type { MatchIndex } from '../match/matcher';
import type { Agency, Case, Entry } from './schema';

/** The part of the dataset every page needs: ids, display names and aliases, nothing else. */
export function buildMatchIndex(entries: readonly Entry[]): MatchIndex {
  const index: MatchIndex = { entities: [], aliases: [] };
  for (const entry of entries) {
    const entity = index.entities.length;
    const signal = entry.type === 'case' || entry.kind === 'industry';
    index.entities.push({
      id: entry.id,
      type: entry.type,
      name: entry.name,
      ...(signal ? { signal: true as const } : {}),
    });
    for (const alias of entry.aliases) {
      index.aliases.push({
        text: alias.text,
        entity,
        ...(alias.caseSensitive ? { caseSensitive: true } : {}),
        ...(alias.ambiguous ? { ambiguous: alias.ambiguous } : {}),
      });
    }
  }
  return index;
}

/** What a card shows, looked up by id when a card opens. */
export interface Details {
  entries: Record<string, Entry>;
  /** Agency id → ids of the cases it took part in, derived from the cases' agency lists. */
  casesByAgency: Record<string, string[]>;
}

export function buildDetails(agencies: readonly Agency[], cases: readonly Case[]): Details {
  const entries: Record<string, Entry> = {};
  const casesByAgency: Record<string, string[]> = {};
  for (const a of agencies) entries[a.id] = a;
  const byFirstDate = [...cases].sort((x, y) => firstDate(y).localeCompare(firstDate(x)));
  for (const c of byFirstDate) {
    entries[c.id] = c;
    for (const link of c.agencies) {
      const list = casesByAgency[link.id] ?? [];
      if (!list.includes(c.id)) list.push(c.id);
      casesByAgency[link.id] = list;
    }
  }
  return { entries, casesByAgency };
}

function firstDate(c: Case): string {
  return c.timeline.map((e) => e.date).sort()[0] ?? '';
}

/** Years a case spans, from its timeline: "2016–2021" or "2020". */
export function caseYears(c: Case): string {
  const years = c.timeline.map((e) => Number(e.date.slice(0, 4)));
  const from = Math.min(...years);
  const to = Math.max(...years);
  return from === to ? String(from) : `${from}–${to}`;
}
