import * as v from 'valibot';
import { canonicalKey } from '../match/matcher';
import { type Agency, type Case, Entry } from './schema';

export interface RawFile {
  /** Path relative to the data folder, e.g. `cases/sparks-group.json`. */
  path: string;
  content: unknown;
}

export interface Problem {
  path: string;
  message: string;
}

export interface ValidatedDataset {
  agencies: Agency[];
  cases: Case[];
  problems: Problem[];
}

/**
 * Words that are names only in context: an alias equal to one of these (in any case)
 * must say which context it needs, or readers get marks on "sea ice" and "ace".
 */
const COMMON_WORDS = new Set([
  'ace',
  'fact',
  'ice',
  'brein',
  'spark',
  'sparks',
  'mpa',
  'bsa',
  'esa',
  'ipo',
  'fast',
  'oink',
]);

function issuePath(issue: v.BaseIssue<unknown>): string {
  return (issue.path ?? []).map((p) => String(p.key)).join('.');
}

/**
 * Validates every file against the schema, then the rules that span entries: ids match
 * file names and are unique, every source and entity reference resolves, and no alias
 * is claimed by two entities unless both mark it ambiguous.
 */
export function validateDataset(files: RawFile[]): ValidatedDataset {
  const problems: Problem[] = [];
  const agencies: Agency[] = [];
  const cases: Case[] = [];
  const where = new Map<string, string>();

  for (const file of files) {
    const result = v.safeParse(Entry, file.content);
    if (!result.success) {
      for (const issue of result.issues) {
        const at = issuePath(issue);
        problems.push({ path: file.path, message: `${at ? `${at}: ` : ''}${issue.message}` });
      }
      continue;
    }
    const entry = result.output;
    const expectedFolder = entry.type === 'agency' ? 'agencies' : 'cases';
    const expectedPath = `${expectedFolder}/${entry.id}.json`;
    if (file.path !== expectedPath) {
      problems.push({ path: file.path, message: `a ${entry.type} with id "${entry.id}" belongs in ${expectedPath}` });
    }
    if (where.has(entry.id)) {
      problems.push({ path: file.path, message: `id "${entry.id}" is also used by ${where.get(entry.id)}` });
      continue;
    }
    where.set(entry.id, file.path);
    if (entry.type === 'agency') agencies.push(entry);
    else cases.push(entry);
  }

  const agencyIds = new Set(agencies.map((a) => a.id));
  const caseIds = new Set(cases.map((c) => c.id));

  for (const entry of [...agencies, ...cases]) {
    const path = where.get(entry.id) ?? entry.id;
    const report = (message: string) => problems.push({ path, message });
    checkSources(entry, report);
    checkAliases(entry, report);
    if (entry.type === 'agency') {
      if (entry.parent?.id && !agencyIds.has(entry.parent.id)) {
        report(`parent.id "${entry.parent.id}" is not an agency in the dataset`);
      }
    } else {
      const seen = new Set<string>();
      for (const link of entry.agencies) {
        if (!agencyIds.has(link.id)) report(`agencies: "${link.id}" is not an agency in the dataset`);
        const key = `${link.id}/${link.role}`;
        if (seen.has(key)) report(`agencies: "${link.id}" is listed twice as ${link.role}`);
        seen.add(key);
      }
      for (const id of entry.related ?? []) {
        if (!caseIds.has(id)) report(`related: "${id}" is not a case in the dataset`);
        if (id === entry.id) report('related: a case cannot be related to itself');
      }
    }
  }

  checkAliasOwnership([...agencies, ...cases], where, problems);
  return { agencies, cases, problems };
}

function collectSourceRefs(value: unknown, into: string[]): void {
  if (Array.isArray(value)) {
    for (const item of value) collectSourceRefs(item, into);
  } else if (value && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) {
      if (key === 'sources' && Array.isArray(inner) && inner.every((s) => typeof s === 'string')) {
        into.push(...(inner as string[]));
      } else if (key !== 'sources') {
        collectSourceRefs(inner, into);
      }
    }
  }
}

function checkSources(entry: Agency | Case, report: (m: string) => void): void {
  const ids = new Set<string>();
  const urls = new Set<string>();
  for (const source of entry.sources) {
    if (ids.has(source.id)) report(`sources: id "${source.id}" is used twice`);
    if (urls.has(source.url)) report(`sources: ${source.url} is listed twice`);
    ids.add(source.id);
    urls.add(source.url);
  }
  const refs: string[] = [];
  const { sources: _own, ...rest } = entry;
  collectSourceRefs(rest, refs);
  if (entry.type === 'agency') refs.push(...entry.identitySources);
  for (const ref of new Set(refs)) {
    if (!ids.has(ref)) report(`source "${ref}" is cited but not listed in sources`);
  }
  for (const id of ids) {
    if (!refs.includes(id)) report(`source "${id}" is listed but never cited`);
  }
}

function checkAliases(entry: Agency | Case, report: (m: string) => void): void {
  const seen = new Set<string>();
  for (const alias of entry.aliases) {
    const key = `${canonicalKey(alias.text)}|${alias.caseSensitive ? alias.text : ''}`;
    if (seen.has(key)) report(`aliases: "${alias.text}" is listed twice`);
    seen.add(key);
    if (COMMON_WORDS.has(canonicalKey(alias.text)) && !alias.ambiguous) {
      report(`aliases: "${alias.text}" is a common word and must be marked ambiguous ("page" or "entity")`);
    }
    const letters = alias.text.replace(/[^\p{L}]/gu, '');
    if (letters.length > 0 && letters.length <= 5 && letters === letters.toUpperCase() && !alias.caseSensitive) {
      report(`aliases: "${alias.text}" looks like an acronym and must be caseSensitive`);
    }
  }
}

function checkAliasOwnership(entries: (Agency | Case)[], where: Map<string, string>, problems: Problem[]): void {
  const owners = new Map<string, { id: string; ambiguous: boolean }[]>();
  for (const entry of entries) {
    for (const alias of entry.aliases) {
      const key = alias.caseSensitive ? `cs:${alias.text}` : `ci:${canonicalKey(alias.text)}`;
      const list = owners.get(key) ?? [];
      if (!list.some((o) => o.id === entry.id)) list.push({ id: entry.id, ambiguous: Boolean(alias.ambiguous) });
      owners.set(key, list);
    }
  }
  for (const [key, list] of owners) {
    if (list.length < 2) continue;
    const unmarked = list.filter((o) => !o.ambiguous);
    if (unmarked.length > 0) {
      for (const o of unmarked) {
        problems.push({
          path: where.get(o.id) ?? o.id,
          message: `alias "${key.slice(3)}" is shared with ${list
            .filter((x) => x.id !== o.id)
            .map((x) => x.id)
            .join(', ')} and must be marked ambiguous`,
        });
      }
    }
  }
}
