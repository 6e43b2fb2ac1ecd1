import { describe, expect, it } from 'vitest';
import { buildBundles } from '../../lib/dataset/bundles';
import { entityDetails } from '../../lib/dataset/lookup';
import { type RawFile, validateDataset } from '../../lib/dataset/validate';
import { unpackEntities } from '../../lib/match/entity-pack';
import { createMatcher } from '../../lib/match/matcher';
import { countSignals, RELEVANCE_THRESHOLD, scoreRelevance } from '../../lib/match/relevance';
import { loadDataset } from '../support/dataset';

const data = loadDataset();

/** A minimal valid agency the rule tests break one field at a time. */
function agency(overrides: Record<string, unknown> = {}): RawFile {
  const content = {
    id: 'test-agency',
    type: 'agency',
    name: 'Test Agency',
    fullName: 'The Test Agency',
    aliases: [{ text: 'Test Agency' }],
    kind: 'police',
    jurisdiction: 'Testland',
    countries: ['TL'],
    identitySources: ['s1'],
    about: { text: 'A test agency.', sources: ['s1'] },
    role: { text: 'It tests.', sources: ['s1'] },
    sources: [{ id: 's1', url: 'https://example.org/a', publisher: 'Example', title: 'About', primary: true }],
    ...overrides,
  };
  return { path: `agencies/${content.id}.json`, content };
}

function testCase(overrides: Record<string, unknown> = {}): RawFile {
  const content = {
    id: 'test-case',
    type: 'case',
    name: 'Test Case',
    aliases: [{ text: 'Test Case' }],
    kind: 'criminal',
    countries: ['US'],
    summary: { text: 'A case.', sources: ['s1'] },
    timeline: [{ date: '2020-08-26', text: 'Charged.', sources: ['s1'] }],
    agencies: [{ id: 'test-agency', role: 'prosecuted', sources: ['s1'] }],
    sources: [{ id: 's1', url: 'https://example.org/c', publisher: 'Example', title: 'Case', primary: false }],
    ...overrides,
  };
  return { path: `cases/${content.id}.json`, content };
}

function problemsOf(...files: RawFile[]): string[] {
  return validateDataset(files).problems.map((p) => `${p.path}: ${p.message}`);
}

describe('the bundled dataset', () => {
  it('finds every alias with the page bundle, whose names are read back from its pattern', () => {
    const { pageMatcher } = buildBundles(data.agencies, data.cases);
    const entities = unpackEntities(pageMatcher.entities);
    expect(entities).toEqual(data.index.entities.map(({ name: _name, ...e }) => e));
    const matcher = createMatcher(pageMatcher.pattern, entities, pageMatcher.signals);
    const missed: string[] = [];
    for (const alias of data.index.aliases) {
      const found = matcher.scan(alias.text).candidates.some((c) => c.refs.some((r) => r.entity === alias.entity));
      if (!found) missed.push(`${entities[alias.entity]?.id}: ${alias.text}`);
    }
    expect(missed).toEqual([]);
    expect(JSON.stringify(pageMatcher)).not.toContain('"name"');
    const seed =
      'Europol and Eurojust supported the takedown of the Sparks Group, a piracy release group. Prosecutors charged its leaders with conspiracy to commit copyright infringement after servers were seized.';
    const score = (m: typeof matcher) => {
      const { candidates, signals } = m.scan(seed);
      const named = candidates.flatMap((c) => c.refs.filter((r) => !r.ambiguous).map((r) => r.entity));
      return scoreRelevance(m, countSignals(signals), named).score;
    };
    expect(score(matcher)).toBe(score(data.matcher));
    expect(score(matcher)).toBeGreaterThanOrEqual(RELEVANCE_THRESHOLD);
  });

  it('passes every schema and cross-reference rule', () => {
    expect([...data.unreadable, ...data.problems]).toEqual([]);
  });

  it('covers the agencies and the case of the reference article', () => {
    const ids = new Set([...data.agencies, ...data.cases].map((e) => e.id));
    for (const id of ['sparks-group', 'europol', 'eurojust', 'hsi', 'usao-sdny', 'doj', 'interpol', 'uspis']) {
      expect(ids).toContain(id);
    }
  });

  it('cites only https sources', () => {
    for (const e of [...data.agencies, ...data.cases]) {
      for (const s of e.sources) expect(s.url.startsWith('https://'), `${e.id}: ${s.url}`).toBe(true);
    }
  });

  it('derives each agency’s cases from the cases, never from a hand-kept list', () => {
    const europolCases = data.details.casesByAgency.europol ?? [];
    expect(europolCases).toContain('sparks-group');
    for (const [agencyId, caseIds] of Object.entries(data.details.casesByAgency)) {
      for (const caseId of caseIds) {
        const c = data.cases.find((x) => x.id === caseId);
        expect(c?.agencies.some((a) => a.id === agencyId)).toBe(true);
      }
    }
  });

  it('keeps the match index free of card details', () => {
    const json = JSON.stringify(data.index);
    expect(json).not.toContain('https://');
    expect(json).not.toContain('"timeline"');
    expect(json.length).toBeLessThan(JSON.stringify(data.details).length / 10);
  });

  it('gives a card the names of every entity it links to', () => {
    const details = entityDetails(data.details, 'sparks-group');
    expect(details?.entry.name).toMatch(/Sparks Group/);
    expect(details?.names.europol?.name).toBe('Europol');
    expect(entityDetails(data.details, 'no-such-entity')).toBeNull();
    expect(entityDetails(data.details, '__proto__')).toBeNull();
  });
});

describe('dataset rules', () => {
  it('accepts a minimal valid pair', () => {
    expect(problemsOf(agency(), testCase())).toEqual([]);
  });

  it('rejects http sources, impossible dates and empty text', () => {
    const bad = testCase({
      timeline: [{ date: '2021-02-30', text: '', sources: ['s1'] }],
      sources: [{ id: 's1', url: 'http://example.org', publisher: 'E', title: 'T', primary: false }],
    });
    const problems = problemsOf(agency(), bad).join('\n');
    expect(problems).toMatch(/https/);
    expect(problems).toMatch(/calendar date/);
    expect(problems).toMatch(/must not be empty/);
  });

  it('rejects a cited source that is not listed and a listed source never cited', () => {
    const bad = testCase({
      summary: { text: 'A case.', sources: ['s2'] },
      timeline: [{ date: '2020', text: 'x', sources: ['s2'] }],
      agencies: [],
    });
    const problems = problemsOf(agency(), bad).join('\n');
    expect(problems).toMatch(/"s2" is cited but not listed/);
    expect(problems).toMatch(/"s1" is listed but never cited/);
  });

  it('rejects links to agencies and cases that do not exist', () => {
    const problems = problemsOf(testCase({ related: ['ghost'] })).join('\n');
    expect(problems).toMatch(/"test-agency" is not an agency/);
    expect(problems).toMatch(/"ghost" is not a case/);
  });

  it('rejects duplicate ids and files whose name does not match the id', () => {
    const moved = { ...agency(), path: 'agencies/other-name.json' };
    expect(problemsOf(agency(), moved).join('\n')).toMatch(/also used by|belongs in/);
  });

  it('requires acronyms to be case-sensitive and common words to say what context they need', () => {
    const problems = problemsOf(agency({ aliases: [{ text: 'TLA' }, { text: 'Fact', caseSensitive: true }] })).join(
      '\n',
    );
    expect(problems).toMatch(/"TLA" looks like an acronym/);
    expect(problems).toMatch(/"Fact" is a common word/);
  });

  it('rejects an alias two entities share unless both mark it ambiguous', () => {
    const other = agency({ id: 'other-agency', aliases: [{ text: 'Test Agency' }] });
    expect(problemsOf(agency(), other).join('\n')).toMatch(/shared with/);
    const a = agency({ aliases: [{ text: 'Test Agency', ambiguous: 'page' }] });
    const b = agency({ id: 'other-agency', aliases: [{ text: 'Test Agency', ambiguous: 'page' }] });
    expect(problemsOf(a, b)).toEqual([]);
  });

  it('treats aliases as shared when the matcher would read them alike (U.S./US, hyphens, apostrophes)', () => {
    const a = agency({ aliases: [{ text: "U.S. Test-Agency's Office" }] });
    const b = agency({ id: 'other-agency', aliases: [{ text: 'US Test Agencys Office' }] });
    expect(problemsOf(a, b).join('\n')).toMatch(/shared with/);
  });

  it('reports malformed entries without throwing, and keeps the valid ones', () => {
    const result = validateDataset([{ path: 'cases/x.json', content: 'not an object' }, agency()]);
    expect(result.problems.length).toBeGreaterThan(0);
    expect(result.agencies.map((a) => a.id)).toEqual(['test-agency']);
  });
});
