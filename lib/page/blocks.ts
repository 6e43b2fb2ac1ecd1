/**
 * Reading a page's visible text as blocks: the text nodes of one paragraph, heading or
 * list item joined, so a name split by inline markup (`Homeland <em>Security</em>`) is one
 * string, while text in different blocks is never joined.
 *
 * Works on any Document it is given (the page, or happy-dom in tests); uses no globals.
 */

export const MARK_TAG = 'TL-MARK';
/** The element the card lives in (a shadow host): never read, never rescanned. */
export const CARD_HOST_TAG = 'takedown-lens-card';

const ELEMENT_NODE = 1;
const SHOW_TEXT = 0x4;

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
  CARD_HOST_TAG.toUpperCase(),
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

/** What the walk knows about an element that holds text: whether it is read, and the block it belongs to. */
interface Place {
  skipped: boolean;
  block: Element | null;
}

export interface BlockCursor {
  walker: TreeWalker;
  root: Node;
  places: Map<Node, Place>;
  /** Line-break elements under the root in document order, and how many of them precede the walk. */
  breaks: Element[];
  breaksPassed: number;
  current?: Block;
  done: boolean;
  lastParent?: Element | null;
  lastPlace?: Place;
}

const rootPlace = (root: Node): Place => ({
  skipped: false,
  block: root.nodeType === ELEMENT_NODE ? (root as Element) : null,
});

/**
 * Where an element's text goes: skipped when it or an ancestor is not read, otherwise the
 * nearest ancestor-or-self that is not inline. Each element is worked out once per walk,
 * climbing only to the nearest ancestor already known (iteratively: pages nest deeply).
 */
function placeOf(el: Element, cursor: BlockCursor): Place {
  const known = cursor.places.get(el);
  if (known) return known;
  const chain: Element[] = [];
  let up: Element | null = el;
  let base: Place | undefined;
  while (up) {
    base = cursor.places.get(up);
    if (base) break;
    if (up === cursor.root) {
      base = rootPlace(up);
      cursor.places.set(up, base);
      break;
    }
    chain.push(up);
    up = up.parentElement;
  }
  // Above the top element: read when the root (a document or fragment) holds it, not when the
  // node was moved out of the root mid-walk.
  const top = chain[chain.length - 1];
  let place: Place = base ?? { skipped: !(top && cursor.root.contains(top)), block: null };
  for (let i = chain.length - 1; i >= 0; i--) {
    const node = chain[i] as Element;
    place = place.skipped
      ? place
      : isSkippedElement(node)
        ? { skipped: true, block: null }
        : INLINE.has(upperName(node))
          ? place
          : { skipped: false, block: node };
    cursor.places.set(node, place);
  }
  return place;
}

const LINE_BREAK_SELECTOR = [...LINE_BREAKS].map((tag) => tag.toLowerCase()).join(',');
const PRECEDING = 0x2;

/**
 * Starts a walk over `root`'s visible text. `nextBlocks` then yields complete blocks in
 * document order, a bounded number of text nodes at a time, so a huge page is read in chunks.
 */
export function startBlockWalk(root: Node): BlockCursor {
  const doc = root.ownerDocument ?? (root as Document);
  // Text nodes only, and no NodeFilter: visiting every element, or the browser calling back into
  // script for each node, costs more than reading the page. Where text belongs is worked out per
  // parent element instead (placeOf), and line breaks are found by one selector query.
  const walker = doc.createTreeWalker(root, SHOW_TEXT);
  const query = (root as ParentNode).querySelectorAll;
  const breaks = typeof query === 'function' ? [...(root as ParentNode).querySelectorAll(LINE_BREAK_SELECTOR)] : [];
  return { walker, root, places: new Map(), breaks, breaksPassed: 0, done: false };
}

/** Whether a line-break element lies between the previous text node and `text`. */
function breakBefore(cursor: BlockCursor, text: Text): boolean {
  const { breaks } = cursor;
  let passed = false;
  while (cursor.breaksPassed < breaks.length) {
    const br = breaks[cursor.breaksPassed] as Element;
    // `br` precedes the text node: it came after the previous one, since the walk goes in order.
    if (!(text.compareDocumentPosition(br) & PRECEDING)) break;
    cursor.breaksPassed++;
    passed = true;
  }
  return passed;
}

export function nextBlocks(cursor: BlockCursor, budgetNodes: number): Block[] {
  const out: Block[] = [];
  const { walker } = cursor;
  for (let seen = 0; seen < budgetNodes; seen++) {
    const text = walker.nextNode() as Text | null;
    if (!text) {
      if (cursor.current) out.push(cursor.current);
      cursor.current = undefined;
      cursor.done = true;
      return out;
    }
    const parent = text.parentElement;
    let place: Place | undefined;
    if (parent !== null && parent === cursor.lastParent) place = cursor.lastPlace;
    else {
      place = parent ? placeOf(parent, cursor) : undefined;
      cursor.lastParent = parent;
      cursor.lastPlace = place;
    }
    const lineBreak = cursor.breaks.length > cursor.breaksPassed && breakBefore(cursor, text);
    const data = text.data;
    if (!place || place.skipped || !place.block || data.length === 0) continue;
    let block = cursor.current;
    if (!block || block.element !== place.block) {
      if (block) out.push(block);
      block = { element: place.block, nodes: [], starts: [], text: '' };
      cursor.current = block;
    } else if (lineBreak && block.text.length > 0) {
      block.text += '\n';
    }
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
  while (!cursor.done) out.push(...nextBlocks(cursor, 10_000));
  return out;
}

/** The text of a subtree as blocks joined by blank lines: what the content script matches against. */
export function visibleText(root: Node): string {
  return collectBlocks(root)
    .map((b) => b.text)
    .join('\n\n');
}
