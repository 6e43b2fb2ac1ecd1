/**
 * The names as one trie-shaped regular expression, and the way back: the pattern alone is
 * enough to list every name it matches, so a page carries the names once (in the pattern)
 * instead of twice (pattern and lookup table).
 */

/** Stands for "U.S.", "US" and "United States" inside keys and the trie. */
export const US = '\u0001';

export interface TrieNode {
  children: Map<string, TrieNode>;
  end?: boolean;
}

export function newNode(): TrieNode {
  return { children: new Map() };
}

export function insertKey(root: TrieNode, key: string): void {
  let node = root;
  for (const ch of key) {
    let next = node.children.get(ch);
    if (!next) {
      next = newNode();
      node.children.set(ch, next);
    }
    node = next;
  }
  node.end = true;
}

const SYNTAX = /[\\^$.*+?()[\]{}|/]/;
/** The text the pattern runs on has every space and hyphen folded to a plain space (fold.ts). */
const SPACE_STEP = ' +';
const APOSTROPHE_STEP = "['\u2019\u2018]?";
const US_STEP = '(?:u\\.\\s?s\\.|us|united\\s+states)';

/** The pattern for one step of the trie: the (folded) character in every form a page may write it. */
function stepPattern(ch: string): string {
  switch (ch) {
    case ' ':
      return SPACE_STEP;
    case "'":
      return APOSTROPHE_STEP;
    case US:
      return US_STEP;
  }
  return SYNTAX.test(ch) ? `\\${ch}` : ch;
}

/**
 * Emits the trie as a regular expression. V8 does not factor alternations, so a trie-shaped
 * pattern tries each position against one set of first letters instead of every name in
 * turn. A name that is a prefix of a longer one becomes an optional tail, greedy, so the
 * longest name wins and a shorter one is found when the longer one fails its word boundary.
 * Steps are plain characters wherever possible: character classes defeat V8's literal
 * matching and cost several times the whole scan.
 */
export function emitTrie(node: TrieNode, atRoot = true): string {
  const parts: string[] = [];
  for (const [ch, child] of node.children) parts.push(stepPattern(ch) + emitTrie(child, false));
  if (parts.length === 0) return '';
  if (node.end && !atRoot) return `(?:${parts.join('|')})?`;
  return parts.length === 1 && !atRoot ? (parts[0] as string) : `(?:${parts.join('|')})`;
}

/**
 * Every key in the trie, in the order `keysOfTrieBody` reads them back from the pattern:
 * depth first, children in emitted order, a node after its children.
 */
export function trieKeys(root: TrieNode): string[] {
  const out: string[] = [];
  const walk = (node: TrieNode, path: string) => {
    for (const [ch, child] of node.children) walk(child, path + ch);
    if (node.end && path !== '') out.push(path);
  };
  walk(root, '');
  return out;
}

const escapeForRegExp = (s: string) => s.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');
/**
 * Splits an emitted body into literal runs and everything else: the three special steps
 * (first, so the US step is not read as a group), escaped characters, group brackets and bars.
 * One native split instead of a character-by-character read, which costs a page milliseconds.
 */
const TOKENS = new RegExp(
  `(${[US_STEP, SPACE_STEP, APOSTROPHE_STEP].map(escapeForRegExp).join('|')}|\\\\[\\s\\S]|\\(\\?:|\\)\\??|\\|)`,
);
const SPECIAL: Record<string, string> = { [US_STEP]: US, [SPACE_STEP]: ' ', [APOSTROPHE_STEP]: "'" };

/**
 * Reads the keys back from a pattern body `emitTrie` wrote, in `trieKeys` order. Throws on
 * anything it did not write, rather than guessing.
 */
export function keysOfTrieBody(body: string): string[] {
  const out: string[] = [];
  const parts = body.split(TOKENS);
  /** The path where each open group started: every branch of it continues from there. */
  const groups: string[] = [];
  let path = '';
  /** A branch that ends right after a group ended its node; one that ends otherwise ends at a leaf. */
  let afterGroup = false;
  const fail = (): never => {
    throw new Error('not a name pattern');
  };
  if (parts[0] !== '' || parts[1] !== '(?:') fail();
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i] as string;
    if (part === '') continue;
    if (i % 2 === 0) {
      path += part;
      afterGroup = false;
      continue;
    }
    const special = SPECIAL[part];
    if (special !== undefined) {
      path += special;
      afterGroup = false;
    } else if (part[0] === '\\') {
      path += part.slice(1);
      afterGroup = false;
    } else if (part === '(?:') {
      groups.push(path);
      afterGroup = false;
    } else {
      if (groups.length === 0) fail();
      if (!afterGroup) out.push(path);
      const start = groups[groups.length - 1] as string;
      if (part === '|') {
        path = start;
        afterGroup = false;
        continue;
      }
      groups.pop();
      path = start;
      if (part === ')?') out.push(path);
      afterGroup = true;
      if (groups.length === 0 && i !== parts.length - 2) fail();
    }
  }
  if (groups.length !== 0) fail();
  return out;
}
