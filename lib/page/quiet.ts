/**
 * Waiting for the page to stop changing before the first mark: frameworks that hydrate
 * server-rendered HTML throw or stop updating if their text nodes change underneath them.
 */
export interface QuietOptions {
  root: Node;
  /** How long without a mutation counts as quiet. */
  quietMs?: number;
  /** Never wait longer than this: a page that never settles is annotated anyway. */
  maxMs?: number;
  schedule: (run: () => void, delayMs: number) => () => void;
}

/** Calls `ready` once the page is quiet; returns a cancel that also stops observing. */
export function whenQuiet(options: QuietOptions, ready: () => void): () => void {
  const quietMs = options.quietMs ?? 200;
  const view = (options.root.ownerDocument ?? (options.root as Document)).defaultView;
  let cancelQuiet: (() => void) | undefined;
  let done = false;
  const finish = () => {
    if (done) return;
    done = true;
    cleanup();
    ready();
  };
  const observer = view?.MutationObserver
    ? new view.MutationObserver(() => {
        cancelQuiet?.();
        cancelQuiet = options.schedule(finish, quietMs);
      })
    : undefined;
  observer?.observe(options.root, { childList: true, subtree: true, characterData: true });
  cancelQuiet = options.schedule(finish, quietMs);
  const cancelMax = options.schedule(finish, options.maxMs ?? 2000);
  const cleanup = () => {
    observer?.disconnect();
    cancelQuiet?.();
    cancelMax();
  };
  return () => {
    done = true;
    cleanup();
  };
}
