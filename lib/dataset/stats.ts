import type { Agency, Case } from './schema';

export interface DatasetStats {
  agencies: number;
  cases: number;
  countries: string[];
  agenciesByKind: Record<string, number>;
  casesByKind: Record<string, number>;
  casesByDecade: Record<string, number>;
  casesByCountry: Record<string, number>;
  sources: number;
  primarySources: number;
  /** Entries that cite no primary source: the first to re-check against DOJ, Europol or a court. */
  secondaryOnly: string[];
}

function bump(counts: Record<string, number>, key: string): void {
  counts[key] = (counts[key] ?? 0) + 1;
}

export function datasetStats(agencies: Agency[], cases: Case[]): DatasetStats {
  const agenciesByKind: Record<string, number> = {};
  const casesByKind: Record<string, number> = {};
  const casesByDecade: Record<string, number> = {};
  const casesByCountry: Record<string, number> = {};
  const countries = new Set<string>();
  let sources = 0;
  let primarySources = 0;
  const secondaryOnly: string[] = [];

  for (const a of agencies) bump(agenciesByKind, a.kind);
  for (const c of cases) {
    bump(casesByKind, c.kind);
    const firstYear = Math.min(...c.timeline.map((e) => Number(e.date.slice(0, 4))));
    bump(casesByDecade, `${Math.floor(firstYear / 10) * 10}s`);
    for (const country of c.countries) {
      bump(casesByCountry, country);
      countries.add(country);
    }
  }
  for (const e of [...agencies, ...cases]) {
    sources += e.sources.length;
    const primary = e.sources.filter((s) => s.primary).length;
    primarySources += primary;
    if (primary === 0) secondaryOnly.push(e.id);
  }
  return {
    agencies: agencies.length,
    cases: cases.length,
    countries: [...countries].sort(),
    agenciesByKind,
    casesByKind,
    casesByDecade,
    casesByCountry,
    sources,
    primarySources,
    secondaryOnly,
  };
}
