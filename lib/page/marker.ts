import { type Block, MARK_TAG } from './blocks';

/**
 * Wrapping a span of a block's text in marks, and undoing it exactly.
 *
 * The page's own Text nodes are split (`splitText`) and moved into the mark, never
 * recreated, so a framework holding a reference to a node still holds the node that shows
 * the text. Undo moves them back and rejoins the pieces into the original node, without
 * `normalize()`, which would also merge text nodes that the page split itself.
 */

export interface MarkAttributes {
  entity: string;
  kind: 'agency' | 'case';
  style: string;
  /** The first piece of a mention is the one that takes keyboard focus. */
  focusable: boolean;
}

export interface Marking {
  /** One element per text node the mention covers. */
  pieces: HTMLElement[];
}

interface Split {
  original: Text;
  pieces: Text[];
}

export interface Marker {
  /**
   * Marks [start, end) of the block's text. Within one block, call it for spans in
   * descending order of start: splitting keeps the head of each node in place, so the
   * block's offsets stay true for everything before the span just marked.
   */
  mark(block: Block, start: number, end: number, attrs: MarkAttributes): Marking | undefined;
  /** Every mark this marker made that is still in the page. */
  marks(): HTMLElement[];
  /** Removes every mark and rejoins every split node; the page's DOM is as before. */
  restore(): void;
}

const INTERACTIVE = new Set(['A', 'BUTTON', 'LABEL', 'SUMMARY', 'SELECT', 'DETAILS']);

function insideInteractive(node: Node): boolean {
  for (let el = node.parentElement; el; el = el.parentElement) {
    if (INTERACTIVE.has(el.nodeName.toUpperCase()) || el.hasAttribute('tabindex')) return true;
  }
  return false;
}

export function createMarker(doc: Document): Marker {
  const splits = new Map<Text, Split>();
  const made = new Set<HTMLElement>();

  const recordSplit = (original: Text, piece: Text) => {
    const root = findOriginal(original);
    const entry = splits.get(root) ?? { original: root, pieces: [] };
    entry.pieces.push(piece);
    splits.set(root, entry);
    origins.set(piece, root);
  };
  const origins = new Map<Text, Text>();
  const findOriginal = (node: Text): Text => origins.get(node) ?? node;

  /** Splits `node` so that [from, to) of its data is a node of its own; returns that node. */
  const isolate = (node: Text, from: number, to: number): Text => {
    let target = node;
    if (from > 0) {
      target = node.splitText(from);
      recordSplit(node, target);
    }
    if (to - from < target.data.length) {
      const rest = target.splitText(to - from);
      recordSplit(target, rest);
    }
    return target;
  };

  const mark = (block: Block, start: number, end: number, attrs: MarkAttributes): Marking | undefined => {
    const pieces: HTMLElement[] = [];
    const targets: { node: Text; from: number; to: number }[] = [];
    for (let i = 0; i < block.nodes.length; i++) {
      const node = block.nodes[i] as Text;
      const nodeStart = block.starts[i] as number;
      const nodeEnd = nodeStart + node.data.length;
      if (nodeEnd <= start || nodeStart >= end) continue;
      if (!node.parentNode || node.parentElement?.nodeName.toUpperCase() === MARK_TAG) return undefined;
      targets.push({ node, from: Math.max(start, nodeStart) - nodeStart, to: Math.min(end, nodeEnd) - nodeStart });
    }
    if (targets.length === 0) return undefined;
    targets.forEach(({ node, from, to }, n) => {
      const piece = isolate(node, from, to);
      const el = doc.createElement(MARK_TAG.toLowerCase()) as HTMLElement;
      el.setAttribute('data-entity', attrs.entity);
      el.setAttribute('data-kind', attrs.kind);
      el.setAttribute('data-style', attrs.style);
      if (n === 0 && attrs.focusable && !insideInteractive(piece)) {
        el.setAttribute('tabindex', '0');
        el.setAttribute('role', 'button');
        el.setAttribute('aria-haspopup', 'dialog');
        el.setAttribute('aria-expanded', 'false');
      }
      piece.parentNode?.insertBefore(el, piece);
      el.appendChild(piece);
      pieces.push(el);
      made.add(el);
    });
    return { pieces };
  };

  const restore = () => {
    for (const el of made) {
      const parent = el.parentNode;
      if (parent) {
        while (el.firstChild) parent.insertBefore(el.firstChild, el);
        parent.removeChild(el);
      }
    }
    made.clear();
    for (const { original, pieces } of splits.values()) {
      const chain = [original, ...pieces].filter((p) => p.isConnected);
      chain.sort((a, b) => (a.compareDocumentPosition(b) & 4 ? -1 : 1));
      const [head, ...tail] = chain;
      if (!head) continue;
      for (const piece of tail) {
        if (piece.previousSibling !== head) break;
        head.appendData(piece.data);
        piece.remove();
      }
    }
    splits.clear();
    origins.clear();
  };

  return {
    mark,
    marks: () => [...made].filter((m) => m.isConnected),
    restore,
  };
}
