import type { Candidate, Matcher } from '../match/matcher';
import { type PageScore, scorePage } from '../match/relevance';
import { resolveCandidate, unambiguouslyNamed } from '../match/resolve';
import type { MarkStyle } from '../settings/schema';
import {
  BLOCK_GAP,
  type Block,
  type BlockCursor,
  blockOf,
  CARD_HOST_TAG,
  type ChunkBlock,
  chunkBlock,
  isInlineElement,
  MARK_TAG,
  nextChunk,
  spanIsHiddenOrEditable,
  startBlockWalk,
  type TextChunk,
} from './blocks';
import { createMarker } from './marker';
import { createWorkQueue } from './work-queue';

export interface AnnotatorSettings {
  markAgencies: boolean;
  markCases: boolean;
  style: MarkStyle;
  mentions: 'first' | 'all';
  scope: 'relevant' | 'everywhere';
  /** The reader asked for this page to be annotated although it is not about piracy enforcement. */
  force?: boolean;
}

export interface FoundEntity {
  id: string;
  type: 'agency' | 'case';
  count: number;
  /** Offset of the first mention in the page's text, for ordering. */
  first: number;
  marked: boolean;
}

export interface Findings {
  /** `working` until the first full pass is done. */
  state: 'working' | 'annotated' | 'not-relevant';
  relevance: PageScore;
  entities: FoundEntity[];
  marks: number;
}

export interface AnnotatorOptions {
  doc: Document;
  matcher: Matcher;
  settings: AnnotatorSettings;
  schedule: (run: () => void) => () => void;
  now: () => number;
  /** Whether a block is rendered; blocks hidden by CSS are not marked. */
  isVisible?: (el: Element) => boolean;
  /** Called when a pass ends and what was found may have changed; read it with `findings()`. */
  onFindings?: () => void;
  /** Fired whenever the queue empties: the hook tests and benchmarks wait on. */
  onIdle?: () => void;
  onError?: (error: unknown) => void;
  /** Called before and after each change the annotator makes to the page (see mutations.ts). */
  aroundWrites?: { before(): void; after(): void };
  sliceMs?: number;
}

export interface Annotator {
  /** Reads the whole page and marks what it finds, in slices. */
  start(): void;
  /**
   * Reads the blocks around these added or changed nodes again. With `removed` (the page removed
   * nodes since the last call), it also forgets what was read in text no longer on the page.
   */
  rescan(nodes: Iterable<Node>, removed?: boolean): void;
  /** Applies new settings: a style change restyles marks; anything else marks the page anew. */
  update(settings: AnnotatorSettings): void;
  findings(): Findings;
  /** Marks of an entity in document order. */
  marksOf(entityId: string): HTMLElement[];
  idle(): Promise<void>;
  /** Removes every mark and stops all work: the page is as it was. */
  stop(): void;
}

interface ScannedBlock {
  block: Block;
  /** Offset of the block's text in the page's text. */
  offset: number;
  candidates: Candidate[];
}

/** A block's signal words, and its text nodes: a word the page removes from it must stop counting. */
interface BlockSignals {
  counts: Map<number, number>;
  nodes: readonly Text[];
}

/** Small enough that one step stays well inside a slice on dense pages; the queue checks time between steps. */
const NODES_PER_STEP = 400;
const MAX_REMARKS_PER_BLOCK = 3;

export function createAnnotator(options: AnnotatorOptions): Annotator {
  const { doc, matcher } = options;
  let settings = options.settings;
  const entities = matcher.entities;
  let marker = createMarker(doc);
  let scanned: ScannedBlock[] = [];
  let byElement = new Map<Element, ScannedBlock[]>();
  /** The page's signal words, also counted per block: a block read again replaces its count, a removed one takes it away. */
  let signalCounts = new Map<number, number>();
  let blockSignals = new Map<Element, BlockSignals>();
  /** Moves whenever a signal word is counted or forgotten: a page read again is scored again only if it did. */
  let signalEdits = 0;
  let named = new Set<number>();
  let relevance: PageScore = scorePage(matcher, signalCounts, named);
  let state: Findings['state'] = 'working';
  let textOffset = 0;
  /** The first mark of each entity; one the page has removed (a framework re-rendering) no longer counts. */
  let firstMarks = new Map<number, HTMLElement>();
  let remarks = new Map<Element, number>();
  let generation = 0;

  const queue = createWorkQueue({
    schedule: options.schedule,
    now: options.now,
    sliceMs: options.sliceMs,
    onIdle: () => {
      if (state === 'working') return;
      options.onFindings?.();
      options.onIdle?.();
    },
    onError: options.onError,
  });

  const visible = (el: Element, cache: Map<Element, boolean>): boolean => {
    if (!options.isVisible) return true;
    let v = cache.get(el);
    if (v === undefined) {
      v = options.isVisible(el);
      cache.set(el, v);
    }
    return v;
  };

  const countSignal = (chunk: TextChunk, block: ChunkBlock, signal: number) => {
    let held = blockSignals.get(block.element);
    if (!held) {
      held = { counts: new Map(), nodes: chunk.nodes.slice(block.firstNode, block.endNode) };
      blockSignals.set(block.element, held);
    }
    held.counts.set(signal, (held.counts.get(signal) ?? 0) + 1);
    signalEdits++;
    signalCounts.set(signal, (signalCounts.get(signal) ?? 0) + 1);
  };

  /** Forgets what was read in a block: its signal words at once, its mentions into `stale` (see dropStale). */
  const forgetBlock = (element: Element, stale: Set<ScannedBlock>) => {
    for (const old of byElement.get(element) ?? []) stale.add(old);
    byElement.delete(element);
    const held = blockSignals.get(element);
    if (!held) return;
    signalEdits++;
    for (const [signal, n] of held.counts) {
      const left = (signalCounts.get(signal) ?? 0) - n;
      if (left > 0) signalCounts.set(signal, left);
      else signalCounts.delete(signal);
    }
    blockSignals.delete(element);
  };

  /** Drops forgotten mentions from the page's list, and the entities only they named. */
  const dropStale = (stale: ReadonlySet<ScannedBlock>) => {
    if (stale.size === 0) return;
    scanned = scanned.filter((s) => !stale.has(s));
    named = namedIn(scanned);
  };

  /** Spans already inside one of our marks are not candidates again. */
  const markedRanges = (block: Block): [number, number][] => {
    const ranges: [number, number][] = [];
    block.nodes.forEach((node, i) => {
      if (node.parentElement?.nodeName.toUpperCase() === MARK_TAG) {
        const s = block.starts[i] as number;
        ranges.push([s, s + node.data.length]);
      }
    });
    return ranges;
  };

  /** Matches a chunk's text in one go; returns its blocks that name something, each with its own candidates. */
  const scanChunk = (chunk: TextChunk): ScannedBlock[] => {
    // One search over the whole chunk: a step is bounded by its number of text nodes, and a block
    // longer than that (one huge paragraph) is searched in one go, which V8 does in native code.
    const { candidates, signals } = matcher.scan(chunk.text);
    const offset = textOffset;
    textOffset += chunk.text.length + BLOCK_GAP.length;
    // What a reader cannot see or is editing does not count and is never marked.
    const hiddenOrEditable = new Map<Element, boolean>();
    for (const hit of signals) {
      const block = chunk.blocks[blockAt(chunk.blocks, hit.start)];
      if (block && !spanIsHiddenOrEditable(chunk, block, hit.start, hit.start + 1, hiddenOrEditable)) {
        countSignal(chunk, block, hit.signal);
      }
    }
    const out: ScannedBlock[] = [];
    let b = 0;
    let entry: ScannedBlock | undefined;
    let entryBlock: ChunkBlock | undefined;
    for (const c of candidates) {
      // Candidates come in order and never span a gap between blocks (see BLOCK_GAP).
      while (b < chunk.blocks.length && (chunk.blocks[b] as ChunkBlock).end <= c.start) b++;
      const block = chunk.blocks[b];
      if (!block || c.start < block.start || spanIsHiddenOrEditable(chunk, block, c.start, c.end, hiddenOrEditable)) {
        continue;
      }
      if (!entry || entryBlock !== block) {
        entry = { block: chunkBlock(chunk, block), offset: offset + block.start, candidates: [] };
        entryBlock = block;
        out.push(entry);
      }
      entry.candidates.push({ ...c, start: c.start - block.start, end: c.end - block.start });
    }
    for (const e of out) unambiguouslyNamed(e.candidates, named);
    return out;
  };

  const wanted = (entity: number): boolean => {
    const type = entities[entity]?.type;
    return type === 'agency' ? settings.markAgencies : type === 'case' ? settings.markCases : false;
  };

  /** A page found to be about piracy enforcement stays so while the reader is on it, though it may drop the text that showed it. */
  const gateOpen = () =>
    settings.scope === 'everywhere' || settings.force === true || relevance.relevant || state === 'annotated';

  /**
   * The entity a candidate would be marked as, given what is marked already: none when the page's
   * context leaves it unresolved, the reader does not mark its kind, or (with "first mention")
   * its first mention is marked.
   */
  const markableEntity = (c: Candidate): number | undefined => {
    const entity = resolveCandidate(c, { relevant: relevance.relevant, named });
    if (entity === undefined || !wanted(entity)) return undefined;
    return settings.mentions === 'first' && firstMarks.get(entity)?.isConnected ? undefined : entity;
  };

  /** Marks one scanned block's mentions, last first so earlier offsets stay valid. */
  const markBlock = (entry: ScannedBlock, visibility: Map<Element, boolean>) => {
    if (!gateOpen() || !entry.block.element.isConnected || !visible(entry.block.element, visibility)) return;
    const taken = markedRanges(entry.block);
    const plan: { c: Candidate; entity: number }[] = [];
    const planned = new Set<number>();
    for (const c of entry.candidates) {
      const entity = markableEntity(c);
      if (entity === undefined) continue;
      if (taken.some(([s, e]) => c.start < e && c.end > s)) continue;
      if (settings.mentions === 'first' && planned.has(entity)) continue;
      planned.add(entity);
      plan.push({ c, entity });
    }
    if (plan.length === 0) return;
    options.aroundWrites?.before();
    for (let i = plan.length - 1; i >= 0; i--) {
      const { c, entity } = plan[i] as { c: Candidate; entity: number };
      const e = entities[entity];
      if (!e) continue;
      const marking = marker.mark(entry.block, c.start, c.end, {
        entity: e.id,
        kind: e.type,
        style: settings.style,
        focusable: true,
      });
      const first = marking?.pieces[0];
      if (first && !firstMarks.get(entity)?.isConnected) firstMarks.set(entity, first);
    }
    options.aroundWrites?.after();
  };

  /**
   * Reads before writes: asking whether a block is rendered after marking another makes the
   * browser recompute styles each time; asked for all of them first, styles are computed once.
   */
  const markBlocks = (entries: readonly ScannedBlock[], visibility: Map<Element, boolean>) => {
    if (!gateOpen()) return;
    const markable = entries.filter(mayMark);
    for (const s of markable) visible(s.block.element, visibility);
    for (const s of markable) markBlock(s, visibility);
  };

  /**
   * Whether a block names something that could still be marked. On a live page most new
   * blocks name what is already marked (with "first mention" on); asking whether those are
   * rendered would cost more than reading them.
   */
  const mayMark = (entry: ScannedBlock): boolean => entry.candidates.some((c) => markableEntity(c) !== undefined);

  const finishPass = () => {
    relevance = scorePage(matcher, signalCounts, named);
    state = gateOpen() ? 'annotated' : 'not-relevant';
    const visibility = new Map<Element, boolean>();
    let i = 0;
    const run = generation;
    queue.push(() => {
      if (run !== generation) return false;
      markBlocks(scanned.slice(i, i + 40), visibility);
      i += 40;
      return i < scanned.length;
    });
  };

  const start = () => {
    const root = doc.body ?? doc.documentElement;
    if (!root) return;
    const run = generation;
    const cursor: BlockCursor = startBlockWalk(root);
    queue.push(() => {
      if (run !== generation) return false;
      for (const entry of scanChunk(nextChunk(cursor, NODES_PER_STEP))) addScanned(entry);
      if (cursor.done) finishPass();
      return !cursor.done;
    });
  };

  const addScanned = (entry: ScannedBlock) => {
    scanned.push(entry);
    const list = byElement.get(entry.block.element) ?? [];
    list.push(entry);
    byElement.set(entry.block.element, list);
  };

  /** Reads again the blocks around added or changed nodes, a bounded number of nodes per step. */
  const rescan = (nodes: Iterable<Node>, removed = true) => {
    if (state === 'working') return;
    const root = doc.body ?? doc.documentElement;
    if (!root) return;
    const run = generation;
    // A feed that only appends never pays for looking through what it read before.
    const gone = removed ? forgetRemoved() : { changed: false, changedBlocks: [] };
    if (gone.changed) {
      queue.push(() => {
        if (run === generation) rescore(new Map(), []);
        return false;
      });
    }
    const targets = new Set<Element>(gone.changedBlocks);
    for (const node of nodes) {
      // A flood is reported as the whole document, and a page may swap in a new body.
      if (node.contains(root)) {
        targets.add(root);
        continue;
      }
      if (!node.isConnected || !root.contains(node) || isOwnNode(node)) continue;
      const el = node.nodeType === 1 && !isInlineElement(node as Element) ? (node as Element) : blockOf(node, root);
      if (el) targets.add(el);
    }
    const pending = [...targets].filter((t) => {
      for (let up = t.parentElement; up; up = up.parentElement) if (targets.has(up)) return false;
      if (t === root) return true;
      const count = remarks.get(t) ?? 0;
      remarks.set(t, count + 1);
      return count < MAX_REMARKS_PER_BLOCK;
    });
    if (pending.length === 0) return;
    let cursor: BlockCursor | undefined;
    const visibility = new Map<Element, boolean>();
    queue.push(() => {
      if (run !== generation) return false;
      // Many small additions (a feed's new items) are read as one chunk, so the matcher runs once for all of them.
      cursor ??= startBlockWalk(pending[0] as Element, pending.slice(1));
      rescanChunk(nextChunk(cursor, NODES_PER_STEP), visibility);
      return !cursor.done;
    });
  };

  /** Reads a step's worth of blocks again, all of them before the page's relevance is scored (once) and any is marked. */
  const rescanChunk = (chunk: TextChunk, visibility: Map<Element, boolean>) => {
    const stale = new Set<ScannedBlock>();
    const edits = signalEdits;
    for (const { element } of chunk.blocks) forgetBlock(element, stale);
    dropStale(stale);
    const fresh = scanChunk(chunk);
    for (const entry of fresh) addScanned(entry);
    if (fresh.length === 0 && stale.size === 0 && signalEdits === edits) return;
    rescore(visibility, fresh);
  };

  /**
   * Forgets the blocks the page has removed: what they named and said no longer counts. Blocks
   * still on the page whose text lost a node are returned, to be read again. Only blocks that
   * name something or hold a signal word are kept, so this is cheap.
   */
  const forgetRemoved = (): { changed: boolean; changedBlocks: Element[] } => {
    const stale = new Set<ScannedBlock>();
    const edits = signalEdits;
    for (const element of [...byElement.keys(), ...blockSignals.keys()]) {
      if (!element.isConnected) forgetBlock(element, stale);
    }
    dropStale(stale);
    // A block may be listed twice (it names something and holds a signal word); the caller keeps a set.
    const changedBlocks: Element[] = [];
    const lostNode = (nodes: readonly Text[]) => nodes.some((node) => !node.isConnected);
    for (const [element, entries] of byElement) {
      if (entries.some((s) => lostNode(s.block.nodes))) changedBlocks.push(element);
    }
    for (const [element, held] of blockSignals) if (lostNode(held.nodes)) changedBlocks.push(element);
    return { changed: stale.size > 0 || signalEdits !== edits, changedBlocks };
  };

  /** Scores the page again and marks what is newly markable: `fresh`, or the whole page when it just became relevant. */
  const rescore = (visibility: Map<Element, boolean>, fresh: readonly ScannedBlock[]) => {
    const wasOpen = gateOpen();
    relevance = scorePage(matcher, signalCounts, named);
    if (!gateOpen()) return;
    let toMark = fresh;
    if (!wasOpen) {
      state = 'annotated';
      toMark = scanned;
    }
    markBlocks(toMark, visibility);
  };

  /**
   * The mentions of each entity, counted as blocks are read: a live page reports after every
   * batch, and counting its whole history each time grew with every article it added. Counted
   * again from the start only when what decides a candidate's entity changed: the page's
   * relevance, the entities it names outright (which only grow, or are worked out anew along
   * with `scanned`), or the kinds the reader marks.
   */
  let countedOf = scanned;
  let countedIn = '';
  let counted = 0;
  let totals = new Map<number, { count: number; first: number }>();
  const countMentions = () => {
    const context = `${relevance.relevant}${named.size}${settings.markAgencies}${settings.markCases}`;
    if (countedOf !== scanned || countedIn !== context) {
      countedOf = scanned;
      countedIn = context;
      counted = 0;
      totals = new Map();
    }
    for (; counted < scanned.length; counted++) {
      const entry = scanned[counted] as ScannedBlock;
      for (const c of entry.candidates) {
        const entity = resolveCandidate(c, { relevant: relevance.relevant, named });
        if (entity === undefined || !wanted(entity)) continue;
        const t = totals.get(entity);
        if (t) t.count++;
        else totals.set(entity, { count: 1, first: entry.offset + c.start });
      }
    }
    return totals;
  };

  const findings = (): Findings => {
    const totals = countMentions();
    const markedIds = new Set(marker.marks().map((m) => m.getAttribute('data-entity')));
    const list: FoundEntity[] = [];
    for (const [entity, t] of totals) {
      const e = entities[entity];
      if (!e) continue;
      list.push({ id: e.id, type: e.type, count: t.count, first: t.first, marked: markedIds.has(e.id) });
    }
    list.sort((a, b) => a.first - b.first);
    return {
      state,
      relevance,
      entities: list,
      marks: marker.marks().length,
    };
  };

  const restoreMarks = () => {
    options.aroundWrites?.before();
    marker.restore();
    options.aroundWrites?.after();
  };

  const reset = () => {
    generation++;
    restoreMarks();
    marker = createMarker(doc);
    scanned = [];
    byElement = new Map();
    signalCounts = new Map();
    blockSignals = new Map();
    named = new Set();
    firstMarks = new Map();
    remarks = new Map();
    textOffset = 0;
    state = 'working';
    relevance = scorePage(matcher, signalCounts, named);
  };

  return {
    start,
    rescan,
    update(next) {
      const onlyStyle =
        next.markAgencies === settings.markAgencies &&
        next.markCases === settings.markCases &&
        next.mentions === settings.mentions &&
        next.scope === settings.scope &&
        next.force === settings.force;
      settings = next;
      if (onlyStyle) {
        options.aroundWrites?.before();
        for (const m of marker.marks()) m.setAttribute('data-style', next.style);
        options.aroundWrites?.after();
        return;
      }
      reset();
      start();
    },
    findings,
    marksOf(entityId) {
      return marker.marks().filter((m) => m.getAttribute('data-entity') === entityId);
    },
    idle: () => queue.idle(),
    stop() {
      generation++;
      queue.stop();
      restoreMarks();
    },
  };
}

/** The entities a page's blocks name unambiguously: context for the ambiguous names, and part of its relevance. */
function namedIn(entries: readonly ScannedBlock[]): Set<number> {
  const named = new Set<number>();
  for (const entry of entries) unambiguouslyNamed(entry.candidates, named);
  return named;
}

/** The index of the block whose text holds offset `at` (blocks are in order, and offsets in gaps belong to none). */
function blockAt(blocks: readonly ChunkBlock[], at: number): number {
  let lo = 0;
  let hi = blocks.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((blocks[mid] as ChunkBlock).start <= at) lo = mid;
    else hi = mid - 1;
  }
  const block = blocks[lo];
  return block && at >= block.start && at < block.end ? lo : -1;
}

function isOwnNode(node: Node): boolean {
  const el = node.nodeType === 1 ? (node as Element) : node.parentElement;
  return el?.nodeName.toUpperCase() === MARK_TAG || el?.closest(CARD_HOST_TAG) != null;
}
