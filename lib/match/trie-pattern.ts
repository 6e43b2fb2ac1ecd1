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

/**
 * Reads the keys back from a pattern body `emitTrie` wrote, in `trieKeys` order. Throws on
 * anything it did not write, rather than guessing.
 *
 * Character by character, keeping the path as character codes: every page with text does this
 * once while setting up, and splitting the body into tokens and building the path a token at a
 * time made a string per token: half a megabyte of garbage for the dataset's 11 kB pattern (under
 * half that now), enough to bring the page's first garbage collection forward.
 */
export function keysOfTrieBody(body: string): string[] {
  const out: string[] = [];
  const path: number[] = [];
  /** How long the path was where each open group started: every branch of it continues from there. */
  const groups: number[] = [];
  /** A branch that ends right after a group ended its node; one that ends otherwise ends at a leaf. */
  let afterGroup = false;
  const fail = (): never => {
    throw new Error('not a name pattern');
  };
  if (!body.startsWith('(?:')) fail();
  let i = 0;
  while (i < body.length) {
    const c = body[i] as string;
    // emitTrie escapes every bracket a name holds, so an unescaped space or `[` is always a
    // special step, and an unescaped `(` either the step that spells "U.S." or a group.
    const special =
      c === ' ' ? SPACE_STEP : c === '[' ? APOSTROPHE_STEP : c === '(' && body.startsWith(US_STEP, i) ? US_STEP : '';
    if (special) {
      if (!body.startsWith(special, i)) fail();
      path.push(SPECIAL[special] as number);
      i += special.length;
      afterGroup = false;
    } else if (c === '(') {
      if (!body.startsWith('(?:', i)) fail();
      groups.push(path.length);
      i += 3;
      afterGroup = false;
    } else if (c === '|' || c === ')') {
      if (groups.length === 0) fail();
      if (!afterGroup) out.push(String.fromCharCode(...path));
      path.length = groups[groups.length - 1] as number;
      i++;
      if (c === '|') {
        afterGroup = false;
        continue;
      }
      groups.pop();
      if (body[i] === '?') {
        out.push(String.fromCharCode(...path));
        i++;
      }
      afterGroup = true;
      if (groups.length === 0 && i !== body.length) fail();
    } else {
      if (c === '\\') i++;
      if (i >= body.length) fail();
      path.push(body.charCodeAt(i));
      i++;
      afterGroup = false;
    }
  }
  if (groups.length !== 0) fail();
  return out;
}

const SPECIAL: Record<string, number> = {
  [US_STEP]: US.charCodeAt(0),
  [SPACE_STEP]: 32,
  [APOSTROPHE_STEP]: 39,
};
