import { foldKey } from '../match/fold';
import type { Details } from './compile';
import type { Entry } from './schema';

export interface DatasetQuery {
  /** Words to find in names, aliases and local names, any case or accent. */
  text?: string;
  type?: 'agency' | 'case';
  /** An agency kind or a case kind. */
  kind?: string;
  /** ISO country code. */
  country?: string;
  /** A case is kept when its timeline spans this year; an agency when it was founded by then. */
  year?: number;
}

function searchableText(e: Entry): string {
  const names = [e.name, ...e.aliases.map((a) => a.text)];
  if (e.type === 'agency') names.push(e.fullName, ...(e.localNames ?? []).map((l) => l.name));
  return foldKey(names.join(' | '));
}

function years(e: Entry): [number, number] | undefined {
  if (e.type === 'agency') return e.founded ? [e.founded.year, Number.POSITIVE_INFINITY] : undefined;
  const ys = e.timeline.map((t) => Number(t.date.slice(0, 4)));
  return [Math.min(...ys), Math.max(...ys)];
}

/** Every entry that matches all the given filters, agencies and cases alike, by name. */
export function searchDataset(details: Details, query: DatasetQuery): Entry[] {
  const words = query.text ? foldKey(query.text).split(' ').filter(Boolean) : [];
  return Object.values(details.entries)
    .filter((e) => {
      if (query.type && e.type !== query.type) return false;
      if (query.kind && e.kind !== query.kind) return false;
      if (query.country && !e.countries.includes(query.country)) return false;
      if (query.year !== undefined) {
        const span = years(e);
        if (!span || query.year < span[0] || query.year > span[1]) return false;
      }
      if (words.length > 0) {
        const text = searchableText(e);
        if (!words.every((w) => text.includes(w))) return false;
      }
      return true;
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** The values the filters can take, from the data itself. */
export function filterValues(details: Details): {
  countries: string[];
  years: number[];
  kinds: Record<'agency' | 'case', string[]>;
} {
  const countries = new Set<string>();
  const ys = new Set<number>();
  const kinds = { agency: new Set<string>(), case: new Set<string>() };
  for (const e of Object.values(details.entries)) {
    for (const c of e.countries) countries.add(c);
    kinds[e.type].add(e.kind);
    if (e.type === 'case') for (const t of e.timeline) ys.add(Number(t.date.slice(0, 4)));
  }
  return {
    countries: [...countries].sort(),
    years: [...ys].sort((a, b) => a - b),
    kinds: { agency: [...kinds.agency].sort(), case: [...kinds.case].sort() },
  };
}
