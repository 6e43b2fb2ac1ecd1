import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyseText } from '../../lib/match/analyse';
import { canonicalKey, compileMatcher, compilePattern, createMatcher, type MatchIndex } from '../../lib/match/matcher';
import { RELEVANCE_SIGNALS } from '../../lib/match/relevance-signals';
import { emitTrie, insertKey, keysOfTrieBody, newNode, trieKeys, US } from '../../lib/match/trie-pattern';

/** A small index that exercises every alias rule; entity i is `entities[i]`. */
const index: MatchIndex = {
  entities: [
    { id: 'europol', type: 'agency', name: 'Europol' },
    { id: 'ice', type: 'agency', name: 'ICE' },
    { id: 'usao-sdny', type: 'agency', name: 'SDNY' },
    { id: 'sparks-group', type: 'case', name: 'Sparks Group takedown' },
    { id: 'the-pirate-bay', type: 'case', name: 'The Pirate Bay' },
    { id: 'policia-nacional', type: 'agency', name: 'Policía Nacional' },
    { id: 'hsi', type: 'agency', name: 'HSI' },
    { id: 'ace', type: 'agency', name: 'ACE' },
    { id: 'z-library', type: 'case', name: 'Z-Library' },
    { id: 'doj', type: 'agency', name: 'DOJ' },
  ],
  aliases: [
    { text: 'Europol', entity: 0 },
    { text: 'ICE', entity: 1, caseSensitive: true, ambiguous: 'page' },
    { text: 'Immigration and Customs Enforcement', entity: 1 },
    { text: "U.S. Attorney's Office for the Southern District of New York", entity: 2 },
    { text: 'Southern District of New York', entity: 2, ambiguous: 'entity' },
    { text: 'Sparks Group', entity: 3 },
    { text: 'Sparks', entity: 3, caseSensitive: true, ambiguous: 'entity' },
    { text: 'The Pirate Bay', entity: 4 },
    { text: 'Policía Nacional', entity: 5 },
    { text: 'Homeland Security Investigations', entity: 6 },
    { text: 'HSI', entity: 6, caseSensitive: true },
    { text: 'ACE', entity: 7, caseSensitive: true, ambiguous: 'page' },
    { text: 'Alliance for Creativity and Entertainment', entity: 7 },
    { text: 'Z-Library', entity: 8 },
    { text: 'U.S. Department of Justice', entity: 9 },
  ],
};
const matcher = compileMatcher(index, RELEVANCE_SIGNALS);

/** Entity ids found in `text`, in order, as the annotator would mark them on a relevant page. */
function found(text: string): string[] {
  return analyseText(matcher, text, { everywhere: true }).mentions.map((m) => m.entity);
}

function spans(text: string): string[] {
  return analyseText(matcher, text, { everywhere: true }).mentions.map((m) => m.text);
}

describe('word boundaries', () => {
  it('finds a name between punctuation and not inside a longer word', () => {
    expect(found('(Europol) said.')).toEqual(['europol']);
    expect(found('Europolitan affairs and superEuropol')).toEqual([]);
  });

  it('treats accented letters and digits as part of a word, unlike \\b', () => {
    expect(found('éEuropol')).toEqual([]);
    expect(found('Europolé')).toEqual([]);
    expect(found('2Europol')).toEqual([]);
  });

  it('takes letters of other scripts for part of a word, and dashes and symbols for breaks', () => {
    expect(found('жEuropol Europolж 漫Europol')).toEqual([]);
    expect(found('—Europol— “Europol” €Europol™')).toEqual(['europol', 'europol', 'europol']);
  });

  it('takes a character of the General Punctuation block for a word break exactly when Unicode does', () => {
    for (let cp = 0x2000; cp <= 0x206f; cp++) {
      const ch = String.fromCodePoint(cp);
      const expected = /[\p{L}\p{N}\p{M}]/u.test(ch) ? [] : ['europol', 'europol'];
      expect(found(`${ch}Europol Europol${ch}`), `U+${cp.toString(16)}`).toEqual(expected);
    }
  });

  it('finds names at the very start and end of the text', () => {
    expect(found('Europol')).toEqual(['europol']);
  });

  it('finds names that start with another script or a bracket, in order among the rest, only at a word start', () => {
    const mixed = compileMatcher({
      entities: [
        { id: 'rkn', type: 'agency' },
        { id: 'nyaa', type: 'case' },
        { id: 'europol', type: 'agency' },
      ],
      aliases: [
        { text: 'Роскомнадзор', entity: 0 },
        { text: '[Nyaa]', entity: 1 },
        { text: 'Europol', entity: 2 },
      ],
    });
    const ids = (text: string) =>
      analyseText(mixed, text, { everywhere: true }).mentions.map((m) => `${m.entity}@${m.start}`);
    expect(ids('Europol and Роскомнадзор, then [nyaa] and Europol.')).toEqual([
      'europol@0',
      'rkn@12',
      'nyaa@31',
      'europol@42',
    ]);
    expect(ids('xРоскомнадзор яРоскомнадзор x[nyaa]')).toEqual([]);
  });
});

describe('spelling variants', () => {
  it('finds possessives and genitives with straight and curly apostrophes', () => {
    expect(spans("Europol's report, Europol’s team and Europols Bericht")).toEqual(['Europol', 'Europol', 'Europol']);
  });

  it('finds French and Italian elisions', () => {
    expect(found("l'Europol et dell’Europol")).toEqual(['europol', 'europol']);
  });

  it('finds names across non-breaking and repeated spaces and line breaks', () => {
    expect(found('the Sparks\u00a0Group and the Sparks   Group and the Sparks\nGroup')).toEqual([
      'sparks-group',
      'sparks-group',
      'sparks-group',
    ]);
  });

  it('finds a name with a soft hyphen inside it and reports the original span', () => {
    const text = 'agents of Euro\u00adpol arrived';
    const [mention] = analyseText(matcher, text, { everywhere: true }).mentions;
    expect(mention?.entity).toBe('europol');
    expect(mention?.text).toBe('Euro\u00adpol');
  });

  it('matches with and without diacritics, and in decomposed form', () => {
    expect(found('la Policía Nacional y la Policia Nacional y la POLICÍA NACIONAL')).toEqual([
      'policia-nacional',
      'policia-nacional',
      'policia-nacional',
    ]);
    expect(found('la Polici\u0301a Nacional')).toEqual(['policia-nacional']);
  });

  it('accepts U.S., US and United States for the same name', () => {
    expect(
      found('the U.S. Department of Justice, the US Department of Justice and the United States Department of Justice'),
    ).toEqual(['doj', 'doj', 'doj']);
    const key = canonicalKey("U.S. Attorney's Office");
    for (const spelling of [
      "US Attorney's Office",
      'United States Attorneys Office',
      'U. S. Attorney’s Office',
      'the u.s. attorney’s office',
    ]) {
      expect(canonicalKey(spelling)).toBe(key);
    }
    expect(found('the US Attorneys Office for the Southern District of New York')).toEqual(['usao-sdny']);
  });

  it('makes a leading "The" optional', () => {
    expect(spans('The Pirate Bay and Pirate Bay')).toEqual(['Pirate Bay', 'Pirate Bay']);
  });

  it('treats different hyphen characters alike', () => {
    expect(found('Z\u2011Library and Z-Library')).toEqual(['z-library', 'z-library']);
  });
});

describe('case rules', () => {
  it('matches acronyms only as written', () => {
    expect(found('HSI agents and hsi agents and Hsi agents')).toEqual(['hsi']);
  });

  it('never takes "ice" or "Ice" for the agency', () => {
    const text = 'sea ice and Ice hockey; Immigration and Customs Enforcement (ICE) agents';
    expect(spans(text)).toEqual(['Immigration and Customs Enforcement', 'ICE']);
  });

  it('matches names in any case', () => {
    expect(found('EUROPOL and europol')).toEqual(['europol', 'europol']);
  });
});

describe('longest match', () => {
  it('reports a long official name as one mention, not its parts', () => {
    const text = "the U.S. Attorney's Office for the Southern District of New York said";
    const { mentions } = analyseText(matcher, text, { everywhere: true });
    expect(mentions).toHaveLength(1);
    expect(mentions[0]?.text).toBe("U.S. Attorney's Office for the Southern District of New York");
  });

  it('falls back to the shorter name when the longer one fails its boundary', () => {
    expect(spans('Sparks Groupie')).toEqual([]);
    expect(spans('the Sparks Group, and Sparks')).toEqual(['Sparks Group', 'Sparks']);
  });
});

describe('context for ambiguous names', () => {
  it('counts "Sparks" only where the Sparks Group is named', () => {
    expect(found('Sparks, Nevada, held a parade.')).toEqual([]);
    expect(found('The Sparks Group was dismantled. Sparks members were charged.')).toEqual([
      'sparks-group',
      'sparks-group',
    ]);
  });

  it('counts "ACE" on a page about piracy enforcement but not on an unrelated page', () => {
    expect(found('ACE Hardware opened a new store.')).toEqual([]);
    const piracy =
      'ACE said the illegal streaming site was taken down after a piracy investigation into copyright infringement.';
    expect(found(piracy)).toContain('ace');
  });

  it('still reports an agency named in a story about something else', () => {
    expect(found('Europol seized 2 tonnes of cocaine.')).toEqual(['europol']);
  });

  it('resolves a district name to the office only when the office is named', () => {
    expect(found('a judge in the Southern District of New York')).toEqual([]);
  });
});

describe('relevance gate', () => {
  it('reports nothing on an unrelated page unless asked for every page', () => {
    const text = 'Europol seized 2 tonnes of cocaine in the port of Antwerp.';
    expect(analyseText(matcher, text).mentions).toEqual([]);
    expect(analyseText(matcher, text, { everywhere: true }).mentions).toHaveLength(1);
  });
});

describe('robustness', () => {
  it('survives unpaired surrogates, control characters and empty text', () => {
    expect(found('\ud800Europol\u0000 \udfff')).toEqual(['europol']);
    expect(found('')).toEqual([]);
  });

  it('skips unusable aliases instead of failing', () => {
    const broken = compileMatcher({
      entities: [{ id: 'x', type: 'agency', name: 'X' }],
      aliases: [
        { text: '   ', entity: 0 },
        { text: '...', entity: 0 },
        { text: 'Real Name', entity: 0 },
        { text: 'Orphan', entity: 7 },
        { text: undefined as unknown as string, entity: 0 },
      ],
    });
    expect(broken.scan('a Real Name and an Orphan').candidates).toHaveLength(1);
  });

  it('finds nothing, and does not throw, with a table that does not fit its pattern', () => {
    const compiled = compilePattern(index, RELEVANCE_SIGNALS);
    const short = createMatcher(
      { ...compiled, ends: compiled.ends.split('\n').slice(1).join('\n') },
      index.entities,
      RELEVANCE_SIGNALS,
    );
    expect(short.scan('Europol and the Sparks Group').candidates).toEqual([]);
    const garbled = createMatcher(
      { ...compiled, source: compiled.source.replace('(?:', '(') },
      index.entities,
      RELEVANCE_SIGNALS,
    );
    expect(() => garbled.scan('Europol and the Sparks Group')).not.toThrow();
    expect(createMatcher(compiled, index.entities, RELEVANCE_SIGNALS).scan('Europol').candidates).toHaveLength(1);
  });
});

describe('properties', () => {
  it('reads every name back from the pattern it is written into, whatever characters the names hold', () => {
    // Letters, the pattern's own syntax, apostrophes, spaces, the "U.S." stand-in, accents and astral characters.
    const chars = fc.constantFrom(
      'a',
      'b',
      'c',
      '(',
      '|',
      ')',
      '?',
      '[',
      ']',
      '+',
      '\\',
      '.',
      "'",
      ' ',
      US,
      '\u00e9',
      '\u{1F600}',
    );
    const names = fc.array(
      fc.array(chars, { minLength: 1, maxLength: 6 }).map((c) => c.join('')),
      { minLength: 1, maxLength: 12 },
    );
    fc.assert(
      fc.property(names, (list) => {
        const root = newNode();
        for (const name of list) insertKey(root, name);
        expect(keysOfTrieBody(emitTrie(root))).toEqual(trieKeys(root));
      }),
    );
  });

  const pieces = fc.constantFrom(
    'Europol',
    'EUROPOL',
    "Europol's",
    'Sparks Group',
    'Sparks',
    'ICE',
    'ice',
    'Homeland Security Investigations',
    "U.S. Attorney's Office for the Southern District of New York",
    'Southern District of New York',
    'Policía Nacional',
    'piracy',
    ' ',
    '\u00a0',
    '\n',
    ', ',
    'é',
    'x',
    "'",
    '\u00ad',
    '\u0301',
  );
  const texts = fc.array(fc.oneof(pieces, fc.string({ maxLength: 4 })), { maxLength: 30 }).map((p) => p.join(''));

  it('reports spans that never overlap, in order, and that equal the text at their offsets', () => {
    fc.assert(
      fc.property(texts, (text) => {
        const { mentions } = analyseText(matcher, text, { everywhere: true });
        let last = 0;
        for (const m of mentions) {
          expect(m.start).toBeGreaterThanOrEqual(last);
          expect(m.end).toBeGreaterThan(m.start);
          expect(text.slice(m.start, m.end)).toBe(m.text);
          last = m.end;
        }
      }),
      { numRuns: 400 },
    );
  });

  it('finds the same names in a text whatever follows it after a sentence break', () => {
    fc.assert(
      fc.property(texts, texts, (a, b) => {
        const alone = matcher.scan(a).candidates;
        const padded = matcher.scan(`${a} . ${b}`).candidates;
        expect(padded.slice(0, alone.length)).toEqual(alone);
      }),
      { numRuns: 300 },
    );
  });
});
