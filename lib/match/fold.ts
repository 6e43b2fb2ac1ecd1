/**
 * Folding text so that one case-free, accent-free pattern finds every spelling of a name:
 * "Policía Nacional" and "POLICIA  NACIONAL", "Europol’s" and "Europol's".
 *
 * The fold keeps string offsets whenever it can (one UTF-16 unit in, one out), so a match
 * in the folded text is a match at the same offsets in the page's text. Only text holding
 * invisible characters (soft hyphens, zero-width spaces, combining marks) is compacted,
 * and then a map gives each folded offset its original offset.
 */

export interface FoldedText {
  text: string;
  /** Original offset of each folded offset (length text.length + 1); absent when offsets are unchanged. */
  map?: Int32Array;
}

const EXTRA_FOLDS: Record<string, string> = {
  '\u00a0': ' ',
  '\u1680': ' ',
  '\u202f': ' ',
  '\u205f': ' ',
  '\u3000': ' ',
  '\u2018': "'",
  '\u2019': "'",
  '\u201a': "'",
  '\u201b': "'",
  '\u02bc': "'",
  '\u2032': "'",
  '\u00b4': "'",
  '\u0060': "'",
  '\u201c': '"',
  '\u201d': '"',
  '\u201e': '"',
  '\u00ab': '"',
  '\u00bb': '"',
  '\u2010': '-',
  '\u2011': '-',
  '\u2012': '-',
  '\u2013': '-',
  '\u2014': '-',
  '\u2212': '-',
  '\u00f8': 'o',
  '\u0111': 'd',
  '\u0142': 'l',
  '\u0131': 'i',
  '\u0127': 'h',
};

function buildTable(): Map<string, string> {
  const table = new Map<string, string>();
  for (let cp = 0xc0; cp <= 0x24f; cp++) {
    const ch = String.fromCharCode(cp);
    const base = ch.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
    if (base.length === 1 && base !== ch) table.set(ch, base);
  }
  for (let cp = 0x1e00; cp <= 0x1eff; cp++) {
    const ch = String.fromCharCode(cp);
    const base = ch.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
    if (base.length === 1 && base !== ch) table.set(ch, base);
  }
  for (let cp = 0x2000; cp <= 0x200a; cp++) table.set(String.fromCharCode(cp), ' ');
  for (const [from, to] of Object.entries(EXTRA_FOLDS)) table.set(from, to);
  return table;
}

let table: Map<string, string> | undefined;
let tablePattern: RegExp | undefined;

function foldTable(): { table: Map<string, string>; pattern: RegExp } {
  if (!table || !tablePattern) {
    table = buildTable();
    const chars = [...table.keys()].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join('');
    tablePattern = new RegExp(`[${chars}]`, 'g');
  }
  return { table, pattern: tablePattern };
}

/** Characters that carry no visible letter and may sit inside a name. */
// biome-ignore lint/suspicious/noMisleadingCharacterClass: the class lists combining marks on purpose, to drop them one by one.
const INVISIBLE = /[\u00ad\u200b-\u200d\u2060\ufeff\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]/;

function lowerKeepingLength(text: string): string {
  const lower = text.toLowerCase();
  if (lower.length === text.length) return lower;
  let out = '';
  for (const ch of text) {
    const l = ch.toLowerCase();
    out += l.length === ch.length ? l : ch;
  }
  return out;
}

/** Folds a string to lowercase, unaccented, straight-quoted, single-kind-of-space form. */
export function foldText(input: string): FoldedText {
  const { table: t, pattern } = foldTable();
  const folded = lowerKeepingLength(input).replace(pattern, (c) => t.get(c) ?? c);
  if (!INVISIBLE.test(folded)) return { text: folded };
  const map = new Int32Array(folded.length + 1);
  let out = '';
  for (let i = 0; i < folded.length; i++) {
    const ch = folded[i] as string;
    if (INVISIBLE.test(ch)) continue;
    map[out.length] = i;
    out += ch;
  }
  map[out.length] = folded.length;
  return { text: out, map: map.subarray(0, out.length + 1) };
}

/** Folds a name the same way, and collapses its spaces: the key a matched span is looked up by. */
export function foldKey(name: string): string {
  return foldText(name).text.replace(/\s+/g, ' ').trim();
}
