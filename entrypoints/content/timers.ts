/**
 * The page session's timers (`later`), which do nothing once the extension has gone from under
 * the page (reloaded or removed). Not WXT's `ctx.setTimeout`: it adds a listener to the context
 * for every timer and never removes it, and a live page sets one or two per batch of changes, so
 * a tab left open on a live blog would collect them by the ten thousand. Going away tears the
 * session down, which cancels its timers; one that fires anyway runs nothing.
 */
export function laterWhileValid(ctx: { readonly isValid: boolean }): (fn: () => void, ms: number) => () => void {
  return (fn, ms) => {
    const id = setTimeout(() => ctx.isValid && fn(), ms);
    return () => clearTimeout(id);
  };
}
