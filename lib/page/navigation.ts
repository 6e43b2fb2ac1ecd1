/**
 * Whether a change of the page's address shows a new page (a single-page app's navigation),
 * which is read afresh, or a place in the same one (`#section`, a link to a footnote), which
 * is not: reading it again would close the card the reader just opened from an in-page link.
 * A hash that looks like a route (`#/inbox`, `#!/settings`) is a new page.
 */
export function isNewPage(from: URL, to: URL): boolean {
  if (withoutHash(from) !== withoutHash(to)) return true;
  return from.hash !== to.hash && (ROUTE.test(from.hash) || ROUTE.test(to.hash));
}

const ROUTE = /^#[!/]/;

const withoutHash = (url: URL) => url.href.split('#')[0];
