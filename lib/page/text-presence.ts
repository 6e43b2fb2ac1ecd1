/**
 * Whether a page has any text to read, so that a page without (a blank tab, an image, an app
 * shell that has not rendered yet) never loads the code that reads and marks text.
 */

const NOT_PROSE = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE']);
const SHOW_TEXT = 0x4;

export function hasText(doc: Document): boolean {
  const root = doc.body ?? doc.documentElement;
  if (!root) return false;
  const walker = doc.createTreeWalker(root, SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    if (parent && NOT_PROSE.has(parent.nodeName.toUpperCase())) continue;
    if (/\S/.test((node as Text).data)) return true;
  }
  return false;
}

/** Calls `ready` as soon as the page has text (at once if it has); returns a cancel. */
export function whenText(doc: Document, ready: () => void): () => void {
  if (hasText(doc)) {
    ready();
    return () => {};
  }
  const view = doc.defaultView;
  if (!view?.MutationObserver || !doc.documentElement) return () => {};
  const observer = new view.MutationObserver(() => {
    if (!hasText(doc)) return;
    observer.disconnect();
    ready();
  });
  observer.observe(doc.documentElement, { childList: true, subtree: true, characterData: true });
  return () => observer.disconnect();
}
