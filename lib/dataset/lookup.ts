import type { EntityDetails, RelatedName } from '../extension/messages';
import { caseYears, type Details } from './compile';

/** Everything one card needs: the entry, its derived cases, and the names of what it links to. */
export function entityDetails(details: Details, id: string): EntityDetails | null {
  const entry = Object.hasOwn(details.entries, id) ? details.entries[id] : undefined;
  if (!entry) return null;
  const cases = entry.type === 'agency' ? (details.casesByAgency[id] ?? []) : [];
  const linked =
    entry.type === 'agency'
      ? [...cases, ...(entry.parent?.id ? [entry.parent.id] : [])]
      : [...entry.agencies.map((a) => a.id), ...(entry.related ?? [])];
  const names: Record<string, RelatedName> = {};
  for (const other of linked) {
    const e = details.entries[other];
    if (!e) continue;
    names[other] =
      e.type === 'case' ? { name: e.name, type: 'case', years: caseYears(e) } : { name: e.name, type: 'agency' };
  }
  return { entry, cases, names };
}
