import { describe, expect, it, vi } from 'vitest';
import { foldChar, foldKey, lowerText, originalOffset } from '../../lib/match/fold';

/**
 * The folding rule written the slow, obvious way: every lowercase Latin letter whose canonical
 * decomposition is one base letter plus marks folds to that letter.
 */
function referenceLetterFold(ch: string): string {
  if (ch.toLowerCase() !== ch) return ch;
  const base = ch.normalize('NFD').replace(/\p{M}/gu, '');
  return base.length === 1 && /\p{L}/u.test(base) ? base : ch;
}

const LATIN_RANGES: [number, number][] = [
  [0xc0, 0x24f],
  [0x1e00, 0x1eff],
];

describe('folding one character', () => {
  it('folds every accented Latin letter to its base letter, as full Unicode decomposition says', () => {
    const special: Record<string, string> = { ø: 'o', đ: 'd', ł: 'l', ı: 'i', ħ: 'h' };
    for (const [from, to] of LATIN_RANGES) {
      for (let cp = from; cp <= to; cp++) {
        const ch = String.fromCharCode(cp);
        const expected = special[ch] ?? referenceLetterFold(ch);
        expect([ch, foldChar(ch)]).toEqual([ch, expected]);
      }
    }
  });

  it('folds typographic spaces, quotes and dashes to their plain forms', () => {
    expect(['\u2003', '\u00a0', '\u2019', '\u201c', '\u2013', '\u2212'].map(foldChar)).toEqual([
      ' ',
      ' ',
      "'",
      '"',
      '-',
      '-',
    ]);
  });

  it('folds the letters of most European languages without Unicode normalisation, whose first use costs a page milliseconds', async () => {
    // A fresh module: the test above has already folded (and remembered) every Latin letter.
    vi.resetModules();
    const fresh = await import('../../lib/match/fold');
    const normalize = vi.spyOn(String.prototype, 'normalize');
    try {
      expect(fresh.lowerText('Policía Nacional, Österreich, Łódź, Besançon, Dvořák, Ærø, Şişli').text).toBe(
        'policia nacional, osterreich, lodz, besancon, dvorak, æro, sisli',
      );
      expect(normalize).not.toHaveBeenCalled();
      expect(fresh.foldChar('ǎ')).toBe('a');
      expect(normalize).toHaveBeenCalled();
    } finally {
      normalize.mockRestore();
    }
  });

  it('leaves letters of other scripts and uppercase letters alone', () => {
    expect(['ж', 'λ', '漫', 'É', '÷'].map(foldChar)).toEqual(['ж', 'λ', '漫', 'É', '÷']);
  });
});

describe('folding text', () => {
  it('lowercases, unaccents and folds spaces and hyphens (not dashes) one character for one', () => {
    const input = 'POLICÍA\u00a0Nacional — Pirate-Bay ŁÓDŹ';
    const { text, dropped } = lowerText(input);
    expect(text).toBe('policia nacional — pirate bay lodz');
    expect(text.length).toBe(input.length);
    expect(dropped).toBeUndefined();
  });

  it('drops invisible characters and maps every offset back to the original text', () => {
    const input = '\u00adEuro\u00adpol\u200b\u200bsaid\u00ad';
    const lowered = lowerText(input);
    expect(lowered.text).toBe('europolsaid');
    const back = [...lowered.text].map((ch, j) => [ch, input[originalOffset(lowered, j)]?.toLowerCase()]);
    expect(back.every(([a, b]) => a === b)).toBe(true);
    expect(originalOffset(lowered, 0)).toBe(1);
    expect(originalOffset(lowered, lowered.text.indexOf('said'))).toBe(input.indexOf('said'));
    expect(originalOffset(lowered, lowered.text.length)).toBe(input.length);
  });

  it('knows the one character whose lowercase is longer than itself', () => {
    const longer: number[] = [];
    for (let cp = 0; cp <= 0x10ffff; cp++) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      const ch = String.fromCodePoint(cp);
      if (ch.toLowerCase().length !== ch.length) longer.push(cp);
    }
    expect(longer).toEqual([0x130]);
  });

  it('keeps offsets when the text holds "İ", which lowercases to two characters', () => {
    const input = 'İstanbul EUROPOL';
    const { text } = lowerText(input);
    expect(text).toBe('İstanbul europol');
    expect(text.indexOf('europol')).toBe(input.indexOf('EUROPOL'));
  });

  it('folds a name with typographic characters to the same key as its plain spelling', () => {
    expect(foldKey('Europol\u2019s  Cybercrime\u2002Centre')).toBe(foldKey("europol's cybercrime centre"));
    expect(foldKey('Policía `Nacional`')).toBe("policia 'nacional'");
  });
});
