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
/** NodeFilter's SHOW_ELEMENT | SHOW_TEXT. */
const SHOW_ELEMENTS_AND_TEXT = 0x5;

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

/** Whether an element's text is not read: not prose (SKIPPED), or not HTML (SVG, MathML). */
function isSkippedElement(el: Element, name: string): boolean {
  if (SKIPPED.has(name)) return true;
  const ns = el.namespaceURI;
  return ns !== null && ns !== XHTML;
}

const XHTML = 'http://www.w3.org/1999/xhtml';
/** SKIPPED as a selector (any element of SVG or MathML lies inside an `svg` or `math` element). */
const SKIPPED_SELECTOR = [...SKIPPED].join(',').toLowerCase();

/** Elements a reader cannot see or is editing. */
const HIDDEN_OR_EDITABLE = '[hidden],[contenteditable]:not([contenteditable="false" i])';

/**
 * Whether a text node lies in an element a reader cannot see or is editing (or one inside it).
 * The walk reads such text like any other; what is found in it is dropped. Asked only of the few
 * nodes a name or signal word is found in: finding those elements up front (one query over the
 * whole page) cost about a fifth of a pass, and asking each element the walk meets for its
 * attributes measured about the same.
 */
export function isHiddenOrEditable(node: Node, known: Map<Element, boolean>): boolean {
  const parent = node.parentElement;
  if (!parent) return false;
  let found = known.get(parent);
  if (found === undefined) {
    found = parent.closest(HIDDEN_OR_EDITABLE) !== null;
    known.set(parent, found);
  }
  return found;
}

/** Whether any text node of a chunk's block that the span `[start, end)` of the chunk's text covers is hidden or being edited. */
export function spanIsHiddenOrEditable(
  chunk: TextChunk,
  block: ChunkBlock,
  start: number,
  end: number,
  known: Map<Element, boolean>,
): boolean {
  const { starts, nodes } = chunk;
  for (let i = block.firstNode; i < block.endNode && (starts[i] as number) < end; i++) {
    // A node ends where the next one starts; the chunk's last node has no next (`undefined <= start` is false).
    if (!((starts[i + 1] as number) <= start) && isHiddenOrEditable(nodes[i] as Text, known)) return true;
  }
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

/**
 * A step's worth of the page's text: whole blocks, their texts joined into one string so the
 * matcher runs once per step instead of once per paragraph, with where each block and each
 * text node sits in it. Only the blocks that name something are turned into `Block`s.
 */
export interface TextChunk {
  /** The blocks' texts, joined by `BLOCK_GAP`. */
  text: string;
  blocks: ChunkBlock[];
  nodes: Text[];
  /** Offset in `text` at which each node's text starts. */
  starts: number[];
}

export interface ChunkBlock {
  element: Element;
  /** The block's text is `text.slice(start, end)`. */
  start: number;
  end: number;
  /** Its nodes are `nodes.slice(firstNode, endNode)`. */
  firstNode: number;
  endNode: number;
}

/**
 * Between two blocks' texts in a chunk: no name runs across it, since the pattern matches no
 * NUL, and it is as long as the blank line `visibleText` puts between blocks.
 */
export const BLOCK_GAP = '\u0000\u0000';

export interface BlockCursor {
  walker: TreeWalker;
  /** The subtree being read, then each of `more` in turn. */
  root: Node;
  more: Node[];
  places: Map<Node, Place>;
  /** Steps back from a text node to the one before it, looking for a line break between them. */
  seek?: TreeWalker;
  /** The block the previous chunk ended inside: it goes on in the next. */
  carry?: Block;
  done: boolean;
  lastParent?: Element | null;
  lastPlace?: Place;
}

/** The root is read unless it or an ancestor is not (a page adding text inside a `<pre>` or an SVG). */
function rootPlace(root: Node): Place {
  if (root.nodeType !== ELEMENT_NODE) return { skipped: false, block: null };
  return { skipped: (root as Element).closest(SKIPPED_SELECTOR) !== null, block: root as Element };
}

/**
 * Where an element's text goes: skipped when it or an ancestor is not read, otherwise the
 * nearest ancestor-or-self that is not inline. Each element is worked out once per walk,
 * climbing only to the nearest ancestor already known (iteratively: pages nest deeply).
 */
function placeOf(el: Element, cursor: BlockCursor): Place {
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
    if (!place.skipped) {
      const name = upperName(node);
      if (isSkippedElement(node, name)) place = { skipped: true, block: null };
      else if (!INLINE.has(name)) place = { skipped: false, block: node };
    }
    cursor.places.set(node, place);
  }
  return place;
}

/**
 * Starts a walk over `root`'s visible text, then over each of `more` (subtrees that do not hold
 * one another, such as the articles a live page just added), as if they followed it.
 * `nextChunk` then yields complete blocks in document order, a bounded number of text nodes at
 * a time, so a huge page is read in chunks and many small subtrees are read as one.
 */
export function startBlockWalk(root: Node, more: readonly Node[] = []): BlockCursor {
  const cursor: BlockCursor = {
    walker: textWalker(root),
    root,
    more: [...more],
    places: new Map(),
    done: false,
  };
  return cursor;
}

// Text nodes only, and no NodeFilter: visiting every element, or the browser calling back into
// script for each node, costs more than reading the page. Where text belongs is worked out per
// parent element instead (placeOf), and line breaks only where two words meet (breakBetween).
function textWalker(root: Node, show = SHOW_TEXT): TreeWalker {
  return (root.ownerDocument ?? (root as Document)).createTreeWalker(root, show);
}

/**
 * Whether a line-break element lies between two text nodes of one block, stepping back in
 * document order from `node` until `prev`. Only asked where two words meet without a space
 * (`Sparks<br>Group`), a few dozen times on most pages: next to a space, a break changes nothing
 * the pattern sees, since line breaks and spaces both fold to a space. An inline object of more
 * than 64 nodes between two words (an inline SVG icon) separates them, as an image does.
 */
function breakBetween(prev: Text, node: Text, cursor: BlockCursor): boolean {
  cursor.seek ??= textWalker(cursor.root, SHOW_ELEMENTS_AND_TEXT);
  const seek = cursor.seek;
  seek.currentNode = node;
  for (let steps = 0; steps < 64; steps++) {
    const at = seek.previousNode();
    if (at === prev) return false;
    if (at === null) return true;
    if (at.nodeType === ELEMENT_NODE && LINE_BREAKS.has(upperName(at as Element))) return true;
  }
  return true;
}

/** The text nodes of up to `budgetNodes` nodes' worth of whole blocks (the last one may run on into the next chunk). */
export function nextChunk(cursor: BlockCursor, budgetNodes: number): TextChunk {
  const carry = cursor.carry;
  cursor.carry = undefined;
  let text = carry?.text ?? '';
  const nodes: Text[] = carry?.nodes ?? [];
  const starts: number[] = carry?.starts ?? [];
  const blocks: ChunkBlock[] = [];
  let element: Element | null = carry?.element ?? null;
  let blockStart = 0;
  let firstNode = 0;
  const close = () => {
    if (element) blocks.push({ element, start: blockStart, end: text.length, firstNode, endNode: nodes.length });
  };
  for (let seen = 0; seen < budgetNodes; seen++) {
    const node = cursor.walker.nextNode() as Text | null;
    if (!node) {
      const next = cursor.more.shift();
      if (next) {
        cursor.root = next;
        cursor.walker = textWalker(next);
        cursor.seek = undefined;
        continue;
      }
      close();
      cursor.done = true;
      return { text, blocks, nodes, starts };
    }
    const parent = node.parentElement;
    let place: Place | undefined;
    if (parent !== null && parent === cursor.lastParent) place = cursor.lastPlace;
    else {
      place = parent ? placeOf(parent, cursor) : undefined;
      cursor.lastParent = parent;
      cursor.lastPlace = place;
    }
    const data = node.data;
    if (!place || place.skipped || !place.block || data.length === 0) continue;
    if (place.block !== element) {
      close();
      // Most of a page's text nodes are the indentation between its block elements (over half its
      // characters on the corpus pages): a block that would start with one begins at its next
      // word instead, so none of it is joined, folded or searched.
      if (isBlank(data)) {
        element = null;
        continue;
      }
      if (text.length > 0) text += BLOCK_GAP;
      element = place.block;
      blockStart = text.length;
      firstNode = nodes.length;
    } else if (text.length > blockStart) {
      // Where two words of a block meet, a line break between them keeps them apart. A break
      // before a node that is not read, or that starts a block, separates nothing.
      // Next to white space a break is one more space, which the pattern allows; no name holds a control character.
      const prev = nodes[nodes.length - 1] as Text;
      const before = prev.data;
      if (before.charCodeAt(before.length - 1) > 32 && data.charCodeAt(0) > 32 && breakBetween(prev, node, cursor)) {
        text += '\n';
      }
    }
    starts.push(text.length);
    nodes.push(node);
    text += data;
  }
  if (element) {
    cursor.carry = chunkBlock(
      { text, blocks, nodes, starts },
      { element, start: blockStart, end: text.length, firstNode, endNode: nodes.length },
    );
    nodes.length = firstNode;
    starts.length = firstNode;
    text = text.slice(0, Math.max(0, blockStart - BLOCK_GAP.length));
  }
  return { text, blocks, nodes, starts };
}

const NOT_SPACE = /\S/;

/** Whether a text node holds only white space; most nodes with a word start with one, so the first character settles it. */
function isBlank(data: string): boolean {
  const first = data.charCodeAt(0);
  return (first <= 0x20 || first === 0xa0) && !NOT_SPACE.test(data);
}

/** One block of a chunk on its own, with offsets into its own text. */
export function chunkBlock(chunk: TextChunk, block: ChunkBlock): Block {
  return {
    element: block.element,
    nodes: chunk.nodes.slice(block.firstNode, block.endNode),
    starts: chunk.starts.slice(block.firstNode, block.endNode).map((s) => s - block.start),
    text: chunk.text.slice(block.start, block.end),
  };
}

/** Reads all blocks under `root` at once (tests, the command-line annotator, small subtrees). */
export function collectBlocks(root: Node): Block[] {
  const cursor = startBlockWalk(root);
  const out: Block[] = [];
  while (!cursor.done) {
    const chunk = nextChunk(cursor, 10_000);
    for (const block of chunk.blocks) out.push(chunkBlock(chunk, block));
  }
  return out;
}

/**
 * The text of a subtree as blocks joined by blank lines: what the content script matches
 * against, less what a reader cannot see or is editing (the content script drops what it finds
 * there).
 */
export function visibleText(root: Node): string {
  const known = new Map<Element, boolean>();
  return collectBlocks(root)
    .map((b) =>
      b.nodes
        .map((node, i) => (isHiddenOrEditable(node, known) ? '' : b.text.slice(b.starts[i], b.starts[i + 1])))
        .join(''),
    )
    .filter((text) => text.length > 0)
    .join('\n\n');
}
