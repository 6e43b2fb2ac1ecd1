/**
 * Watching the page for text it adds or changes, in batches. The annotator's own writes are
 * bracketed by `collect()` (keep what the page did until now) and `discard()` (drop what we
 * just did), so marking never triggers a rescan of itself.
 */

export interface MutationWatch {
  /** Moves records the page produced so far into the current batch. */
  collect(): void;
  /** Drops records produced since the last collect: they are the annotator's own. */
  discard(): void;
  stop(): void;
}

export interface MutationWatchOptions {
  root: Node;
  /**
   * Called with the added or changed nodes of one batch (`[root]` after a flood), and whether
   * the page removed any: then what was read there may no longer be on the page.
   */
  onBatch: (nodes: Node[], removed: boolean) => void;
  schedule: (run: () => void, delayMs: number) => () => void;
  /** Past this many nodes in one batch, one rescan of everything is cheaper than many small ones. */
  floodLimit?: number;
  delayMs?: number;
}

export function watchMutations(options: MutationWatchOptions): MutationWatch {
  const view = (options.root.ownerDocument ?? (options.root as Document)).defaultView;
  const Observer = view?.MutationObserver;
  const floodLimit = options.floodLimit ?? 1000;
  let batch = new Set<Node>();
  let flooded = false;
  let removed = false;
  let cancel: (() => void) | undefined;
  const baseDelay = options.delayMs ?? 100;
  /** Doubles while floods follow one another, so a page that rewrites itself non-stop is read less and less often. */
  let delay = baseDelay;

  const flush = () => {
    cancel = undefined;
    const nodes = flooded ? [options.root] : [...batch];
    delay = flooded ? Math.min(delay * 2, 5000) : baseDelay;
    const hadRemovals = removed;
    batch = new Set();
    flooded = false;
    removed = false;
    if (nodes.length > 0 || hadRemovals) options.onBatch(nodes, hadRemovals);
  };

  const take = (records: MutationRecord[]) => {
    for (const record of records) {
      if (flooded) break;
      if (record.type === 'characterData') batch.add(record.target);
      else {
        for (const node of record.addedNodes) batch.add(node);
        if (record.removedNodes.length > 0) removed = true;
      }
      if (batch.size > floodLimit) {
        flooded = true;
        batch.clear();
      }
    }
    if ((batch.size > 0 || flooded || removed) && !cancel) cancel = options.schedule(flush, delay);
  };

  if (!Observer) return { collect() {}, discard() {}, stop() {} };
  const observer = new Observer(take);
  observer.observe(options.root, { childList: true, subtree: true, characterData: true });

  return {
    collect: () => take(observer.takeRecords()),
    discard: () => {
      observer.takeRecords();
    },
    stop() {
      observer.disconnect();
      cancel?.();
      cancel = undefined;
      batch.clear();
      removed = false;
    },
  };
}
