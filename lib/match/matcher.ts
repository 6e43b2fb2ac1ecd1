import { foldKey, lowerText, originalOffset } from './fold';
import { emitTrie, insertKey, keysOfTrieBody, newNode, type TrieNode, trieKeys, US } from './trie-pattern';

/** What the content script needs to find names: small, and built once per page. */
export interface MatchIndex {
  entities: MatchEntity[];
  aliases: MatchAlias[];
}

export interface MatchEntity {
  id: string;
  type: 'agency' | 'case';
  /** Left out of the page bundle to keep it small: the popup and the cards have the names. */
  name?: string;
  /** Naming it says a page is about piracy enforcement (a case, or an anti-piracy body); the FBI does not. */
  signal?: true;
}

export interface MatchAlias {
  text: string;
  /** Index into `entities`. */
  entity: number;
  caseSensitive?: boolean;
  ambiguous?: 'page' | 'entity';
}

/** A word or phrase that says what a page is about; counted in the same pass as the names. */
export interface SignalTerm {
  text: string;
  lang: string;
  weight: number;
}

/** What scoring a page needs of a signal; the page bundle carries only this (the pattern has the words). */
export type SignalWeight = Pick<SignalTerm, 'weight'> & Partial<Pick<SignalTerm, 'text' | 'lang'>>;

export interface AliasRef {
  entity: number;
  ambiguous?: 'page' | 'entity';
}

/** A span that names one of `refs`' entities, before the page's context decides which (if any). */
export interface Candidate {
  start: number;
  end: number;
  refs: AliasRef[];
}

export interface ScanResult {
  candidates: Candidate[];
  /** Each signal term found, and where: a page that changes must know which paragraph said what. */
  signals: SignalHit[];
}

export interface SignalHit {
  start: number;
  /** Index into the matcher's signal list. */
  signal: number;
}

type KeyRef = AliasRef & { exact?: string };

/**
 * The matcher's pattern and lookup table, computed once at build time so that a page only
 * constructs a RegExp from a string: JSON-safe, and free of the alias list itself.
 */
export interface CompiledPattern {
  /**
   * The names that start with a Latin letter, a digit or "U.S." (nearly all of them), tried only
   * where `\b` holds: V8 then skips most of the text several times faster than it can test a
   * look-behind at every position. `\b` is only a first filter (it takes "é" for a word break);
   * `isWordAt` decides.
   */
  source: string;
  /** The few names that start otherwise (another script, a bracket), run only on text holding one of their first characters. */
  others: string;
  /**
   * What each name in the patterns stands for, one line each in the order `keysOfTrieBody`
   * reads the names back from `source` and then `others` (the names themselves are not
   * repeated), packed because every page carries it: the entities it names, comma-separated,
   * each `entity * 4 + context` (0 none, 1 "page", 2 "entity") followed by `=exact form`
   * (URI-encoded) for a case-sensitive alias; then `/` and the signals it is, when any.
   */
  ends: string;
}

const CONTEXTS = [undefined, 'page', 'entity'] as const;

function packEnd(entry: { refs: KeyRef[]; signals: number[] }): string {
  const refs = entry.refs.map((ref) => {
    const n = ref.entity * 4 + CONTEXTS.indexOf(ref.ambiguous);
    return ref.exact === undefined ? String(n) : `${n}=${encodeURIComponent(ref.exact)}`;
  });
  return entry.signals.length > 0 ? `${refs.join(',')}/${entry.signals.join(',')}` : refs.join(',');
}

function unpackEnd(line: string): { refs: KeyRef[]; signals: number[] } {
  const [refs = '', signals] = line.split('/');
  return {
    refs: refs
      ? refs.split(',').map((item) => {
          const [n, exact] = item.split('=');
          const value = Number(n);
          const ambiguous = CONTEXTS[value % 4];
          return {
            entity: Math.floor(value / 4),
            ...(ambiguous ? { ambiguous } : {}),
            ...(exact !== undefined ? { exact: decodeURIComponent(exact) } : {}),
          };
        })
      : [],
    signals: signals ? signals.split(',').map(Number) : [],
  };
}

export interface Matcher {
  readonly entities: readonly MatchEntity[];
  readonly signals: readonly SignalWeight[];
  /** One pass over `text`: every name candidate (longest first, never overlapping) and every signal. */
  scan(text: string): ScanResult;
  /**
   * Compile the pattern for one-byte and for two-byte text, one each (see createMatcher): run
   * before the first scan of a page, each in a task of its own, so that no task does both.
   */
  readonly warmUps: readonly (() => void)[];
}

const MAY_HOLD_US = /u[.s]|united states/;
const US_WORDS = /(?<![\p{L}\p{N}])(?:u\.\s?s\.|united states|us)(?![\p{L}\p{N}])/gu;

/**
 * The key a name or a matched span is looked up by: folded, without a leading "the", without
 * apostrophes ("attorney's" = "attorneys"), and with every spelling of "U.S." made one.
 */
export function canonicalKey(text: string): string {
  return trieKey(text).replace(/'/g, '');
}

/**
 * Like the key, but keeping apostrophes, which the pattern makes optional where a name has
 * one. Hyphens count as spaces: "Pirate-Bay-Prozess", "Z Library".
 */
function trieKey(text: string): string {
  const key = foldKey(text).replace(/-/g, ' ').replace(/\s+/g, ' ').trim().replace(/^the /, '');
  // The Unicode-aware pattern costs a page a compile; most keys cannot hold "U.S." at all.
  return MAY_HOLD_US.test(key) ? key.replace(US_WORDS, US) : key;
}

const WORD_CHAR = /[\p{L}\p{N}\p{M}]/u;

/** Whether the code point just before `i` (`before`) or at `i` is part of a word, in full Unicode. */
function isWordAt(text: string, i: number, before: boolean): boolean {
  if (before ? i <= 0 : i >= text.length) return false;
  let at = before ? i - 1 : i;
  if (before && at > 0 && isLowSurrogate(text.charCodeAt(at))) at--;
  const cp = text.codePointAt(at);
  if (cp === undefined) return false;
  // ASCII without the Unicode-aware pattern, whose compile would cost a page more than the scan.
  if (cp < 0x80) return (cp >= 0x61 && cp <= 0x7a) || (cp >= 0x41 && cp <= 0x5a) || (cp >= 0x30 && cp <= 0x39);
  // Curly quotes and dashes, which is what stands next to a name in most news text: no letter,
  // digit or mark lies between U+2000 and U+206F.
  if (cp >= 0x2000 && cp <= 0x206f) return false;
  return WORD_CHAR.test(String.fromCodePoint(cp));
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

/** Whether a name ending at `end` ends its word, allowing a possessive 's or a genitive s. */
function endsWord(text: string, end: number): boolean {
  if (!isWordAt(text, end, false)) return true;
  const c = text[end];
  let i = end;
  if (c === "'" || c === '\u2019') i += text[end + 1] === 's' ? 2 : 1;
  else if (c === 's') i += 1;
  return i > end && !isWordAt(text, i, false);
}

function collapse(text: string): string {
  return text.replace(/\s+/g, ' ');
}

/**
 * Compiles every alias (and every relevance signal) into a single pattern. Aliases that
 * cannot be used (empty, or only punctuation) are skipped rather than breaking the page.
 */
export function compilePattern(index: MatchIndex, signals: readonly SignalTerm[] = []): CompiledPattern {
  const root = newNode();
  const keys = new Map<string, { refs: KeyRef[]; signals: number[] }>();

  const insert = (text: string) => insertKey(root, trieKey(text));
  const entryFor = (key: string) => {
    let entry = keys.get(key);
    if (!entry) {
      entry = { refs: [], signals: [] };
      keys.set(key, entry);
    }
    return entry;
  };

  for (const alias of index.aliases) {
    if (typeof alias?.text !== 'string' || !index.entities[alias.entity]) continue;
    const key = canonicalKey(alias.text);
    if (!/[\p{L}\p{N}]/u.test(key)) continue;
    insert(alias.text);
    const entry = entryFor(key);
    const exact = alias.caseSensitive ? collapse(alias.text.trim()) : undefined;
    if (entry.refs.some((r) => r.entity === alias.entity && r.exact === exact)) continue;
    entry.refs.push({
      entity: alias.entity,
      ...(alias.ambiguous ? { ambiguous: alias.ambiguous } : {}),
      ...(exact ? { exact } : {}),
    });
  }
  signals.forEach((signal, i) => {
    const key = canonicalKey(signal.text);
    if (!key) return;
    insert(signal.text);
    // A word spelled alike in two languages ("pirate") counts once, for the first language listed.
    const entry = entryFor(key);
    if (entry.signals.length === 0) entry.signals.push(i);
  });

  const [wordFirst, otherFirst] = splitByFirstCharacter(root);
  const wordBody = emitTrie(wordFirst);
  const otherBody = emitTrie(otherFirst);
  return {
    source: wordBody ? `${WORD_PREFIX}${wordBody}${SUFFIX}` : '',
    others: otherBody ? `${OTHER_PREFIX}${otherBody}${SUFFIX}` : '',
    ends: [...trieKeys(wordFirst), ...trieKeys(otherFirst)]
      .map((path) => packEnd(keys.get(path.replace(/'/g, '')) as { refs: KeyRef[]; signals: number[] }))
      .join('\n'),
  };
}

const LATIN_OR_DIGIT = /^[a-z0-9]$/;

function splitByFirstCharacter(root: TrieNode): [TrieNode, TrieNode] {
  const word = newNode();
  const other = newNode();
  for (const [ch, child] of root.children)
    (ch === US || LATIN_OR_DIGIT.test(ch) ? word : other).children.set(ch, child);
  return [word, other];
}

/**
 * Before the names: `\b` before an ASCII letter or digit; before anything else `\B`, which
 * fails only after an ASCII letter, digit or underscore, where such a name cannot start either.
 */
const WORD_PREFIX = '\\b';
const OTHER_PREFIX = '\\B';
/**
 * After the trie: a name ends its word, allowing a possessive. Like `\b` before it, a first
 * filter in ASCII (a full Unicode test in the pattern costs more than the whole match); `endsWord`
 * decides, and sends a name that fails to the next shorter one.
 */
const SUFFIX = "(?=(?:['\u2019]s?|s)?(?![a-z0-9]))";

type KeyTable = Map<string, string>;

/** The names a pattern holds, read back from it; throws on a pattern this module did not write. */
function namesIn(source: string, prefix: string): string[] {
  if (!source) return [];
  if (!source.startsWith(prefix) || !source.endsWith(SUFFIX)) throw new Error('not a name pattern');
  return keysOfTrieBody(source.slice(prefix.length, source.length - SUFFIX.length));
}

/** Canonical key → its packed line, read back from the patterns; patterns it cannot read give no names. */
function keyTable(compiled: CompiledPattern): { table: KeyTable; otherFirsts: string } {
  const table: KeyTable = new Map();
  let paths: string[];
  let others: string[];
  try {
    paths = namesIn(compiled.source, WORD_PREFIX);
    others = namesIn(compiled.others, OTHER_PREFIX);
  } catch {
    return { table, otherFirsts: '' };
  }
  const all = [...paths, ...others];
  const lines = compiled.ends.split('\n');
  if (all.length !== lines.length) return { table, otherFirsts: '' };
  for (let i = 0; i < all.length; i++) table.set((all[i] as string).replace(/'/g, ''), lines[i] as string);
  return { table, otherFirsts: [...new Set(others.map((path) => path[0] as string))].join('') };
}

/** Compiles and constructs in one step: for tests, the command line and benchmarks. */
export function compileMatcher(index: MatchIndex, signals: readonly SignalTerm[] = []): Matcher {
  return createMatcher(compilePattern(index, signals), index.entities, signals);
}

/** Constructs a matcher from a pattern compiled at build time: the only cost a page pays. */
export function createMatcher(
  compiled: CompiledPattern,
  entities: readonly MatchEntity[],
  signals: readonly SignalWeight[],
): Matcher {
  // Built with the matcher, like the pattern, not on the first match: the pages that match something
  // are mostly the long articles, whose read would pay for it.
  const { table: packed, otherFirsts } = keyTable(compiled);
  const unpacked = new Map<string, { refs: KeyRef[]; signals: number[] }>();
  const keys = {
    has: (key: string) => packed.has(key),
    get(key: string) {
      let entry = unpacked.get(key);
      if (!entry) {
        const raw = packed.get(key);
        if (raw === undefined) return undefined;
        entry = unpackEnd(raw);
        unpacked.set(key, entry);
      }
      return entry;
    },
  };
  const pattern = compileOrNull(compiled.source);
  const others = compileOrNull(compiled.others);
  const mayHoldOthers = otherFirsts ? new RegExp(`[${otherFirsts.replace(/[\\\]^-]/g, '\\$&')}]`) : null;
  /**
   * V8 first runs a RegExp in its bytecode interpreter, and generating bytecode for a pattern
   * this large costs about three times as much as compiling it to native code, which V8 does
   * at once for a subject of 1000 characters or more. It compiles once for one-byte strings
   * and once for two-byte ones (any text with a curly quote or a dash, so nearly every news
   * page). One run on 1 kB of spaces of each kind (where no name can start) takes the fast
   * road for both, before a page is read instead of in the middle of it.
   */
  const warmUps = pattern
    ? [' ', '\u2019'].map((first) => () => {
        pattern.lastIndex = 0;
        pattern.exec(first.padEnd(1024));
      })
    : [];

  // A page names the same few things again and again; their keys are worked out once.
  const spanKeys = new Map<string, string>();
  const keyOf = (span: string): string => {
    let key = spanKeys.get(span);
    if (key === undefined) {
      if (spanKeys.size >= 4096) spanKeys.clear();
      key = canonicalKey(span);
      spanKeys.set(span, key);
    }
    return key;
  };

  const scan = (text: string): ScanResult => {
    const candidates: Candidate[] = [];
    const signals: SignalHit[] = [];
    if ((!pattern && !others) || text.length === 0) return { candidates, signals };
    const lowered = lowerText(text);
    const haystack = lowered.text;
    const toOriginal = (i: number) => originalOffset(lowered, i);

    /** Records the span if it is a name (in the right case) or a signal; false sends the caller to a shorter span. */
    const accept = (start: number, end: number): boolean => {
      if (!endsWord(haystack, end)) return false;
      const entry = keys.get(keyOf(haystack.slice(start, end)));
      if (!entry) return false;
      for (const signal of entry.signals) signals.push({ start: toOriginal(start), signal });
      let refs: AliasRef[] = entry.refs;
      if (entry.refs.some((r) => r.exact)) {
        const original = collapse(text.slice(toOriginal(start), toOriginal(end)));
        refs = entry.refs.filter((r) => !r.exact || r.exact === original).map(({ exact: _e, ...r }) => r);
      }
      if (refs.length > 0) candidates.push({ start: toOriginal(start), end: toOriginal(end), refs });
      return refs.length > 0 || entry.signals.length > 0;
    };

    /** The next shorter name inside a rejected span that ends on a word boundary, or `start`. */
    const shorterEnd = (start: number, end: number): number => {
      for (let e = end - 1; e > start; e--) {
        if (endsWord(haystack, e) && keys.has(keyOf(haystack.slice(start, e)))) return e;
      }
      return start;
    };

    const find = (re: RegExp) => {
      re.lastIndex = 0;
      for (let m = re.exec(haystack); m !== null; m = re.exec(haystack)) {
        const start = m.index;
        let end = start;
        if (!isWordAt(haystack, start, true)) {
          end = start + m[0].length;
          while (end > start && !accept(start, end)) end = shorterEnd(start, end);
        }
        re.lastIndex = end > start ? end : start + 1;
      }
    };

    if (pattern) find(pattern);
    if (others && mayHoldOthers?.test(haystack)) {
      const before = candidates.length;
      find(others);
      if (candidates.length > before && before > 0) keepFirstOfOverlapping(candidates);
    }
    return { candidates, signals };
  };

  return { entities, signals, scan, warmUps };
}

function compileOrNull(source: string): RegExp | null {
  if (!source) return null;
  try {
    return new RegExp(source, 'g');
  } catch {
    return null;
  }
}

/** Orders candidates found by the two patterns and drops any that overlaps the one before it. */
function keepFirstOfOverlapping(candidates: Candidate[]): void {
  candidates.sort((a, b) => a.start - b.start || b.end - a.end);
  let kept = 0;
  for (const c of candidates) {
    const last = candidates[kept - 1];
    if (last && c.start < last.end) continue;
    candidates[kept++] = c;
  }
  candidates.length = kept;
}
