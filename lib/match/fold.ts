/**
 * Folding text so that one case-free, accent-free pattern finds every spelling of a name:
 * "Policía Nacional" and "POLICIA  NACIONAL", "Europol’s" and "Europol's".
 *
 * The page's text is lowercased and its accented letters folded, one character for one
 * (`lowerText`), so the pattern needs each name only once, unaccented. The short spans the
 * pattern matches are then fully folded (`foldKey`) to look up which name they are. Text holding invisible characters (soft hyphens,
 * zero-width spaces, combining marks) is compacted, with a map back to original offsets.
 */

export interface LoweredText {
  text: string;
  /** Original offset of each offset in `text` (length text.length + 1); absent when offsets are unchanged. */
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

interface Tables {
  /** Lowercase character → its folded form. */
  fold: Map<string, string>;
  foldPattern: RegExp;
  /** Lowercase accented letter → its base letter, one UTF-16 unit for one: safe to apply to a page's text. */
  letters: Record<string, string>;
}

let tables: Tables | undefined;

function buildTables(): Tables {
  const fold = new Map<string, string>();
  const addRange = (from: number, to: number) => {
    for (let cp = from; cp <= to; cp++) {
      const ch = String.fromCharCode(cp);
      if (ch.toLowerCase() !== ch) continue;
      const base = ch.normalize('NFD').replace(/\p{M}/gu, '');
      if (base.length === 1 && base !== ch) fold.set(ch, base);
    }
  };
  addRange(0xc0, 0x24f);
  addRange(0x1e00, 0x1eff);
  for (let cp = 0x2000; cp <= 0x200a; cp++) fold.set(String.fromCharCode(cp), ' ');
  for (const [from, to] of Object.entries(EXTRA_FOLDS)) fold.set(from, to);
  const letters: Record<string, string> = {};
  for (const [from, to] of fold) if (/\p{L}/u.test(from) && /\p{L}/u.test(to)) letters[from] = to;
  const chars = [...fold.keys()].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join('');
  return { fold, foldPattern: new RegExp(`[${chars}]`, 'g'), letters };
}

function getTables(): Tables {
  tables ??= buildTables();
  return tables;
}

/** Characters that carry no visible letter and may sit inside a name. */
const INVISIBLE_CLASS =
  '[\\u00ad\\u200b-\\u200d\\u2060\\ufeff\\u0300-\\u036f\\u1ab0-\\u1aff\\u1dc0-\\u1dff\\u20d0-\\u20ff\\ufe20-\\ufe2f]';
const INVISIBLE = new RegExp(INVISIBLE_CLASS);
const INVISIBLE_ALL = new RegExp(INVISIBLE_CLASS, 'g');

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

/** Printable ASCII and its whitespace: text whose folding is lowercasing. */
const ASCII = /^[\t\n\v\f\r -~]*$/;
const ACCENTED = /[\u00df-\u024f\u1e00-\u1eff]/;
const ACCENTED_ALL = /[\u00df-\u024f\u1e00-\u1eff]/g;

/**
 * Every space but the plain one, and the hyphens a name may be written with ("Pirate-Bay"),
 * for one plain space: the pattern then joins words with ` +`, which V8 compiles in half the
 * time of a character class at each of the pattern's 700 word gaps. (U+FEFF is left to the
 * invisible characters, which are dropped.)
 */
const SPACES_ALL = /[\t\n\v\f\r\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\u2010\u2011-]/g;

/**
 * Lowercases the page's text, folds accented letters to their base letters and spaces and
 * hyphens to a plain space, one for one, so offsets are kept; only dropping invisible
 * characters needs a map back to the original.
 */
export function lowerText(input: string): LoweredText {
  let lower = lowerKeepingLength(input).replace(SPACES_ALL, ' ');
  if (ACCENTED.test(lower)) {
    const { letters } = getTables();
    lower = lower.replace(ACCENTED_ALL, (c) => letters[c] ?? c);
  }
  if (!INVISIBLE.test(lower)) return { text: lower };
  const map = new Int32Array(lower.length + 1);
  let out = '';
  let last = 0;
  INVISIBLE_ALL.lastIndex = 0;
  for (let m = INVISIBLE_ALL.exec(lower); m !== null; m = INVISIBLE_ALL.exec(lower)) {
    for (let i = last; i < m.index; i++) map[out.length + (i - last)] = i;
    out += lower.slice(last, m.index);
    last = m.index + 1;
  }
  for (let i = last; i < lower.length; i++) map[out.length + (i - last)] = i;
  out += lower.slice(last);
  map[out.length] = lower.length;
  return { text: out, map: map.subarray(0, out.length + 1) };
}

/** Folds a name or a matched span to the key it is looked up by: lowercase, unaccented, straight quotes, single spaces. */
export function foldKey(name: string): string {
  // Most spans a page matches are plain ASCII, where folding is lowercasing: building the
  // tables (Unicode normalisation over a thousand letters) would cost more than the scan.
  if (ASCII.test(name)) return name.toLowerCase().replace(/`/g, "'").replace(/\s+/g, ' ').trim();
  const { fold, foldPattern } = getTables();
  return lowerKeepingLength(name)
    .replace(INVISIBLE_ALL, '')
    .replace(foldPattern, (c) => fold.get(c) ?? c)
    .replace(/\s+/g, ' ')
    .trim();
}
