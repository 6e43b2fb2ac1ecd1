import { foldKey, foldText } from './fold';

/** What the content script needs to find names: small, and built once per page. */
export interface MatchIndex {
  entities: MatchEntity[];
  aliases: MatchAlias[];
}

export interface MatchEntity {
  id: string;
  type: 'agency' | 'case';
  name: string;
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
  /** Count of each signal term found, by index into the matcher's signal list. */
  signalCounts: Map<number, number>;
}

interface Payload {
  refs: (AliasRef & { exact?: string })[];
  signals: number[];
}

export interface Matcher {
  readonly index: MatchIndex;
  readonly signals: readonly SignalTerm[];
  /** One pass over `text`: every name candidate (longest first, never overlapping) and every signal. */
  scan(text: string): ScanResult;
}

const US_FORMS = ['u.s.', 'us', 'united states'];
const US_SPELLING = /(?<![\p{L}\p{N}])(?:u\.s\.|united states)(?![\p{L}\p{N}])/u;

/** "U.S. Attorney's Office" is also written "US Attorneys Office" and "United States Attorney's Office". */
export function spellingVariants(folded: string): string[] {
  const base = folded.replace(/^the /, '');
  const variants = US_SPELLING.test(base)
    ? US_FORMS.map((form) => base.replace(new RegExp(US_SPELLING.source, 'gu'), form))
    : [base];
  const withoutApostrophe = variants.filter((v) => v.includes("'s ")).map((v) => v.replace(/'s /g, 's '));
  return [...new Set([...variants, ...withoutApostrophe])];
}

interface TrieNode {
  children: Map<string, TrieNode>;
  payload?: Payload;
}

function newNode(): TrieNode {
  return { children: new Map() };
}

function escapeChar(ch: string): string {
  if (ch === ' ') return '\\s+';
  return /[\\^$.*+?()[\]{}|/]/.test(ch) ? `\\${ch}` : ch;
}

/**
 * Emits the trie as a regular expression. V8 does not factor alternations, so a trie-shaped
 * pattern tries each position against one character set instead of every name in turn.
 * A name that is a prefix of a longer one becomes an optional tail, greedy, so the longest
 * name wins and a shorter one is found when the longer one fails its word boundary.
 */
function emit(node: TrieNode, atRoot: boolean): string {
  const parts: string[] = [];
  for (const [ch, child] of node.children) {
    const head = escapeChar(ch);
    // Checked after the first character, where it costs one test per candidate, not one per position.
    const boundary = atRoot ? '(?<![\\p{L}\\p{N}\\p{M}].)' : '';
    parts.push(head + boundary + emit(child, false));
  }
  if (parts.length === 0) return '';
  if (node.payload && !atRoot) return `(?:${parts.join('|')})?`;
  return parts.length === 1 && !atRoot ? (parts[0] as string) : `(?:${parts.join('|')})`;
}

const TRAILING_BOUNDARY = "(?=(?:'s?|s)?(?![\\p{L}\\p{N}\\p{M}]))";
const WORD_CHAR = /[\p{L}\p{N}\p{M}]/u;

function collapse(text: string): string {
  return text.replace(/\s+/g, ' ');
}

/**
 * Compiles every alias (and every relevance signal) into a single pattern. Aliases that
 * cannot be used (empty, or only punctuation) are skipped rather than breaking the page.
 */
export function compileMatcher(index: MatchIndex, signals: readonly SignalTerm[] = []): Matcher {
  const root = newNode();
  const payloads = new Map<string, Payload>();

  const insert = (key: string): Payload => {
    let payload = payloads.get(key);
    if (payload) return payload;
    payload = { refs: [], signals: [] };
    payloads.set(key, payload);
    let node = root;
    for (const ch of key) {
      const step = ch === ' ' ? ' ' : ch;
      let next = node.children.get(step);
      if (!next) {
        next = newNode();
        node.children.set(step, next);
      }
      node = next;
    }
    node.payload = payload;
    return payload;
  };

  index.aliases.forEach((alias) => {
    if (typeof alias?.text !== 'string' || !index.entities[alias.entity]) return;
    const key = foldKey(alias.text);
    if (!/[\p{L}\p{N}]/u.test(key)) return;
    for (const variant of spellingVariants(key)) {
      const payload = insert(variant);
      if (payload.refs.some((r) => r.entity === alias.entity && !r.exact === !alias.caseSensitive)) continue;
      payload.refs.push({
        entity: alias.entity,
        ...(alias.ambiguous ? { ambiguous: alias.ambiguous } : {}),
        ...(alias.caseSensitive ? { exact: collapse(alias.text.trim()) } : {}),
      });
    }
  });
  signals.forEach((signal, i) => {
    const key = foldKey(signal.text);
    if (key) insert(key).signals.push(i);
  });

  const body = emit(root, true);
  const pattern = body ? new RegExp(body + TRAILING_BOUNDARY, 'gu') : null;

  const scan = (text: string): ScanResult => {
    const candidates: Candidate[] = [];
    const signalCounts = new Map<number, number>();
    if (!pattern || text.length === 0) return { candidates, signalCounts };
    const folded = foldText(text);
    const haystack = folded.text;
    const toOriginal = (i: number) => (folded.map ? (folded.map[i] as number) : i);

    const accept = (start: number, end: number): boolean => {
      const payload = payloads.get(collapse(haystack.slice(start, end)));
      if (!payload) return false;
      for (const s of payload.signals) signalCounts.set(s, (signalCounts.get(s) ?? 0) + 1);
      let refs: AliasRef[] = payload.refs;
      if (payload.refs.some((r) => r.exact)) {
        const original = collapse(text.slice(toOriginal(start), toOriginal(end)));
        refs = payload.refs.filter((r) => !r.exact || r.exact === original).map(({ exact: _e, ...r }) => r);
      }
      if (refs.length > 0) candidates.push({ start: toOriginal(start), end: toOriginal(end), refs });
      return refs.length > 0 || payload.signals.length > 0;
    };

    pattern.lastIndex = 0;
    let m: RegExpExecArray | null = pattern.exec(haystack);
    while (m !== null) {
      const start = m.index;
      let end = start + m[0].length;
      while (!accept(start, end)) {
        end = shorterEnd(haystack, start, end, payloads);
        if (end <= start) break;
      }
      pattern.lastIndex = end > start ? end : start + 1;
      m = pattern.exec(haystack);
    }
    return { candidates, signalCounts };
  };

  return { index, signals, scan };
}

/**
 * When the longest name at a position is rejected (an acronym in the wrong case), the next
 * shorter name that ends on a word boundary inside the same span is tried.
 */
function shorterEnd(haystack: string, start: number, end: number, payloads: Map<string, Payload>): number {
  for (let e = end - 1; e > start; e--) {
    const next = haystack[e] ?? '';
    if (WORD_CHAR.test(next) && !(next === 's' && !WORD_CHAR.test(haystack[e + 1] ?? ''))) continue;
    if (payloads.has(collapse(haystack.slice(start, e)))) return e;
  }
  return start;
}
