import { describe, expect, it } from 'vitest';
import { analyseText } from '../../lib/match/analyse';
import { countSignals, scorePage, scoreRelevance, WEAK_CAP } from '../../lib/match/relevance';
import { unambiguouslyNamed } from '../../lib/match/resolve';
import { loadDataset } from '../support/dataset';

const { matcher } = loadDataset();
const relevant = (text: string) => analyseText(matcher, text).relevance.relevant;

describe('relevance', () => {
  it('recognises piracy-enforcement stories in six languages', () => {
    expect(
      relevant(
        'Police took down an illegal IPTV service; the operators face charges of copyright infringement and online piracy.',
      ),
    ).toBe(true);
    expect(
      relevant("La police a démantelé un réseau de piratage : streaming illégal et atteinte au droit d'auteur."),
    ).toBe(true);
    expect(
      relevant('Die Polizei ermittelt wegen Urheberrechtsverletzungen und illegales Streaming von Raubkopien.'),
    ).toBe(true);
    expect(
      relevant(
        "La Guardia di Finanza ha oscurato siti di pirateria e streaming illegale per violazione del diritto d'autore.",
      ),
    ).toBe(true);
    expect(
      relevant('La Policía Nacional desmantela una red de piratería y streaming ilegal de contenidos pirata.'),
    ).toBe(true);
    expect(
      relevant('De politie pakt piraterij aan: illegale downloads en auteursrechtinbreuk bij illegaal streamen.'),
    ).toBe(true);
  });

  it('does not count an agency in a story about something else', () => {
    expect(relevant('The FBI and Europol arrested two suspects in a drug smuggling case in Rotterdam.')).toBe(false);
  });

  it('explains its score with the signals it found', () => {
    const { relevance } = analyseText(
      matcher,
      'Online piracy: the Sparks Group was charged with copyright infringement.',
    );
    expect(relevance.score).toBeGreaterThanOrEqual(relevance.threshold);
    expect(relevance.signals.map((s) => s.text)).toEqual(
      expect.arrayContaining(['online piracy', 'copyright infringement']),
    );
    expect(relevance.signals.find((s) => s.lang === 'case')?.points).toBeGreaterThan(0);
  });

  it('gives the page the score its explanation adds up to, weak words capped together', () => {
    const { candidates, signals } = matcher.scan(
      'Online piracy: the Sparks Group was charged with copyright infringement. Pirates seized, indicted, streaming.',
    );
    const counts = countSignals(signals);
    const named = unambiguouslyNamed(candidates);
    const explained = scoreRelevance(matcher, counts, named);
    const weakTexts = new Set(
      [...counts.keys()].filter((i) => matcher.signals[i]?.weight === 1).map((i) => matcher.signals[i]?.text),
    );
    const weak = explained.signals.filter((s) => weakTexts.has(s.text)).reduce((n, s) => n + s.points, 0);
    const total = explained.signals.reduce((n, s) => n + s.points, 0);
    expect(weak).toBeGreaterThan(WEAK_CAP);
    expect(explained.signals.some((s) => s.lang === 'case')).toBe(true);
    expect(scorePage(matcher, counts, named)).toEqual({
      score: total - weak + WEAK_CAP,
      relevant: true,
      threshold: explained.threshold,
    });
  });

  it('counts a named case or anti-piracy body, but not a general police force', () => {
    expect(relevant('Stichting BREIN and the MPA welcomed the ruling on the Kickass Torrents operator.')).toBe(true);
    expect(relevant('The FBI, Europol and INTERPOL met in Lyon to discuss cooperation.')).toBe(false);
  });

  it('does not take a history of sea pirates for a piracy-enforcement story', () => {
    expect(
      relevant(
        'Pirates and corsairs: the pirates of the Caribbean, pirate ships and the pirate code, in an exhibition.',
      ),
    ).toBe(false);
  });

  it('caps how much one repeated word adds, so length alone does not make a page relevant', () => {
    expect(relevant('streaming '.repeat(200))).toBe(false);
  });
});
