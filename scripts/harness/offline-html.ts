/**
 * Making saved third-party pages safe to serve on 127.0.0.1: without their scripts, frames,
 * stylesheets links and anything else that would reach for the network. The machine has no
 * internet, so a remote load would not leak anything, but it fails slowly and would make
 * timings depend on timeouts.
 */

/** Attributes that make the browser fetch (or navigate to) what they name. */
const URL_ATTRIBUTES = new Set([
  'src',
  'href',
  'srcset',
  'imagesrcset',
  'data',
  'poster',
  'background',
  'lowsrc',
  'xlink:href',
  'ping',
  'manifest',
  'codebase',
  'archive',
  'longdesc',
]);

const REMOTE = /(?:^|[\s,])(?:https?:)?\/\//i;

/** One start tag, quoted attribute values included (they may hold `>`). */
const START_TAG =
  /<([a-zA-Z][^\s/>]*)((?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?|\s*\/)*)\s*(\/?)>/g;
const ATTRIBUTE = /\s+([^\s"'>/=]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s"'=<>`]+))?/g;

function unquote(value: string): string {
  const first = value[0];
  return first === '"' || first === "'" ? value.slice(1, -1) : value;
}

function cleanAttributes(attributes: string): string {
  return attributes.replace(ATTRIBUTE, (whole, rawName: string, rawValue: string | undefined) => {
    const name = rawName.toLowerCase();
    // Inline handlers are scripts too, and `onerror` on an image would run once its remote `src` is gone.
    if (name.startsWith('on')) return '';
    if (rawValue === undefined) return whole;
    const value = unquote(rawValue)
      .replace(/&#x?0*(?:58|3a);/gi, ':')
      .replace(/&colon;/gi, ':');
    if (URL_ATTRIBUTES.has(name) && REMOTE.test(value.trim())) return '';
    if (name === 'style') {
      // Inside an attribute, the quotes around a url() are often written as entities.
      const css = value.replace(/&quot;|&#0*34;|&#x0*22;/gi, '"').replace(/&apos;|&#0*39;|&#x0*27;/gi, "'");
      return ` style="${cleanCss(css).replace(/"/g, '&quot;')}"`;
    }
    return whole;
  });
}

function cleanCss(css: string): string {
  return css
    .replace(/@import\b[^;]*;?/gi, '')
    .replace(/url\(\s*(["']?)\s*(?:https?:)?\/\/[^)]*\)/gi, 'none')
    .replace(/image-set\([^)]*(?:https?:)?\/\/[^)]*\)/gi, 'none');
}

/** The page without scripts, frames, `<link>`s, refreshes and remote resources; its text and layout are kept. */
export function offlineHtml(html: string): string {
  return html
    .replace(/<script\b[\s\S]*?<\/script\s*>/gi, '')
    .replace(/<script\b[^>]*>/gi, '')
    .replace(/<iframe\b[\s\S]*?<\/iframe\s*>/gi, '')
    .replace(/<(?:iframe|frame|frameset|link|portal)\b[^>]*>/gi, '')
    .replace(/<meta\b[^>]*http-equiv\s*=\s*["']?refresh[^>]*>/gi, '')
    .replace(
      /<style\b([^>]*)>([\s\S]*?)<\/style\s*>/gi,
      (_, attrs: string, css: string) => `<style${attrs}>${cleanCss(css)}</style>`,
    )
    .replace(START_TAG, (whole, name: string, attributes: string, selfClosing: string) =>
      attributes ? `<${name}${cleanAttributes(attributes)}${selfClosing ? ' /' : ''}>` : whole,
    );
}

/** What is inside `<body>` (the whole document when it has no body tag). */
export function bodyOf(html: string): string {
  const open = /<body\b[^>]*>/i.exec(html) ?? /<\/head\s*>/i.exec(html);
  const start = open ? open.index + open[0].length : 0;
  const close = html.toLowerCase().lastIndexOf('</body');
  return html.slice(start, close > start ? close : undefined);
}
