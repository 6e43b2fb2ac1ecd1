/**
 * Reading a page's visible text as blocks: the text nodes of one paragraph, heading or
 * list item joined, so a name split by inline markup (`Homeland <em>Security</em>`) is one
 * string, while text in different blocks is never joined.
 *
 * Works on any Document it is given (the page, or happy-dom in tests); uses no globals.
 */

export const MARK_TAG = 'TL-MARK';

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;
const SHOW_ELEMENT_AND_TEXT = 0x1 | 0x4;

/** Subtrees whose text is not prose a reader sees, or that the reader is editing. */
const SKIPPED = new Set([
  'SCRIPT',
  'STYLE',
  'NOSCRIPT',
  'TEMPLATE',
  'TEXTAREA',
  'INPUT',
  'SELECT',
  'OPTION',
  'BUTTON',
  'CODE',
  'PRE',
  'KBD',
  'SAMP',
  'VAR',
  'SVG',
  'MATH',
  'IFRAME',
  'OBJECT',
  'EMBED',
  'CANVAS',
  'VIDEO',
  'AUDIO',
  'HEAD',
  'TITLE',
  'TAKEDOWN-LENS-CARD',
]);

/** Elements that flow inside a line; every other element starts a new block. */
const INLINE = new Set([
  'A',
  'ABBR',
  'B',
  'BDI',
  'BDO',
  'CITE',
  'DATA',
  'DEL',
  'DFN',
  'EM',
  'FONT',
  'I',
  'INS',
  'LABEL',
  'MARK',
  'Q',
  'S',
  'SMALL',
  'SPAN',
  'STRONG',
  'SUB',
  'SUP',
  'TIME',
  'U',
  'NOBR',
  'TT',
  'BIG',
  'STRIKE',
  'ACRONYM',
  MARK_TAG,
]);

/** Inline elements that end a line of text: a name never runs across them. */
const LINE_BREAKS = new Set(['BR', 'WBR', 'IMG', 'HR']);

export interface Block {
  /** The element whose inline text this block holds. */
  element: Element;
  nodes: Text[];
  /** Offset in `text` at which each node's text starts. */
  starts: number[];
  text: string;
}

/** HTML elements report their name in lower case (XHTML too); only odd documents need the fold. */
function upperName(el: Element): string {
  const name = el.localName || el.nodeName;
  return UPPER_CACHE.get(name) ?? cacheUpper(name);
}

const UPPER_CACHE = new Map<string, string>();
function cacheUpper(name: string): string {
  const upper = name.toUpperCase();
  if (UPPER_CACHE.size < 512) UPPER_CACHE.set(name, upper);
  return upper;
}

function isSkippedElement(el: Element): boolean {
  const name = upperName(el);
  if (SKIPPED.has(name)) return true;
  if (el.namespaceURI && el.namespaceURI !== 'http://www.w3.org/1999/xhtml') return true;
  if (el.hasAttribute('hidden')) return true;
  const editable = el.getAttribute('contenteditable');
  if (editable !== null && editable !== 'false') return true;
  return false;
}

export function isInlineElement(el: Element): boolean {
  return INLINE.has(upperName(el));
}

/** Nearest ancestor that is not inline: the block a text node belongs to. */
export function blockOf(node: Node, stopAt: Node): Element | null {
  let el = node.parentElement;
  while (el && el !== stopAt && INLINE.has(upperName(el))) el = el.parentElement;
  return el;
}

export interface BlockCursor {
  walker: TreeWalker;
  /** The walker stands on an element whose subtree is not read: the next step goes past it. */
  skipSubtree: boolean;
  current?: Block;
  breakPending: boolean;
  done: boolean;
  lastParent?: Element | null;
  lastBlock?: Element | null;
}

/**
 * Starts a walk over `root`'s visible text. `nextBlocks` then yields complete blocks in
 * document order, a bounded number of nodes at a time, so a huge page is read in chunks.
 */
export function startBlockWalk(root: Node): BlockCursor {
  const doc = root.ownerDocument ?? (root as Document);
  // No NodeFilter: the browser calling back into script for every node costs more than reading the page.
  const walker = doc.createTreeWalker(root, SHOW_ELEMENT_AND_TEXT);
  return { walker, skipSubtree: false, breakPending: false, done: false };
}

/** The first node after the walker's current node and everything inside it, or null at the end of the root. */
function pastSubtree(walker: TreeWalker): Node | null {
  for (;;) {
    const sibling = walker.nextSibling();
    if (sibling) return sibling;
    if (!walker.parentNode()) return null;
  }
}

export function nextBlocks(cursor: BlockCursor, budgetNodes: number, root: Node): Block[] {
  const out: Block[] = [];
  let seen = 0;
  const { walker } = cursor;
  while (seen < budgetNodes) {
    const node = cursor.skipSubtree ? pastSubtree(walker) : walker.nextNode();
    cursor.skipSubtree = false;
    seen++;
    if (!node) {
      if (cursor.current) out.push(cursor.current);
      cursor.current = undefined;
      cursor.done = true;
      return out;
    }
    if (node.nodeType === ELEMENT_NODE) {
      const el = node as Element;
      if (isSkippedElement(el)) cursor.skipSubtree = true;
      else if (LINE_BREAKS.has(upperName(el))) cursor.breakPending = true;
      continue;
    }
    if (node.nodeType !== TEXT_NODE) continue;
    const text = node as Text;
    const data = text.data;
    if (data.length === 0) continue;
    // Neighbouring text nodes mostly share a parent: its block is looked up once.
    const parent = text.parentElement;
    let element: Element | null;
    if (parent !== null && parent === cursor.lastParent) element = cursor.lastBlock ?? null;
    else {
      element = blockOf(text, root);
      cursor.lastParent = parent;
      cursor.lastBlock = element;
    }
    if (!element) continue;
    let block = cursor.current;
    if (!block || block.element !== element) {
      if (block) out.push(block);
      block = { element, nodes: [], starts: [], text: '' };
      cursor.current = block;
      cursor.breakPending = false;
    }
    if (cursor.breakPending && block.text.length > 0) block.text += '\n';
    cursor.breakPending = false;
    block.starts.push(block.text.length);
    block.nodes.push(text);
    block.text += data;
  }
  return out;
}

/** Reads all blocks under `root` at once (tests, the command-line annotator, small subtrees). */
export function collectBlocks(root: Node): Block[] {
  const cursor = startBlockWalk(root);
  const out: Block[] = [];
  while (!cursor.done) out.push(...nextBlocks(cursor, 10_000, root));
  return out;
}

/** The text of a subtree as blocks joined by blank lines: what the content script matches against. */
export function visibleText(root: Node): string {
  return collectBlocks(root)
    .map((b) => b.text)
    .join('\n\n');
}
