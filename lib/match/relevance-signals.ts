import type { SignalTerm } from './matcher';

// Apart from the scoring (relevance.ts) because only the build reads these words: it compiles
// them into the pattern, and every page would otherwise carry the list a second time.
/**
 * Words that say a page is about piracy or copyright enforcement, in the six languages the
 * product reads. Weights: 3 for phrases that are hardly used otherwise, 2 for strong words,
 * 1 for words that also appear in unrelated stories.
 */
export const RELEVANCE_SIGNALS: readonly SignalTerm[] = [
  ...terms('en', 3, [
    'copyright infringement',
    'criminal copyright infringement',
    'anti-piracy',
    'online piracy',
    'video piracy',
    'digital piracy',
    'piracy group',
    'piracy ring',
    'piracy site',
    'piracy sites',
    'pirate site',
    'pirate sites',
    'illegal streaming',
    'illegal iptv',
    'pirated content',
    'domain seizure',
  ]),
  ...terms('en', 2, ['piracy', 'pirated', 'pirating', 'infringing', 'iptv', 'torrent', 'torrents', 'bittorrent']),
  ...terms('en', 2, ['site blocking', 'blocking order', 'rights holders', 'rightsholders']),
  ...terms('en', 1, ['copyright', 'copyrighted', 'takedown', 'taken down', 'seized', 'indictment', 'indicted']),
  ...terms('en', 1, ['pirate', 'pirates', 'streaming', 'intellectual property']),
  ...terms('fr', 3, ['piratage', 'contrefaçon', "droit d'auteur", 'streaming illégal', 'téléchargement illégal']),
  ...terms('fr', 3, ['sites pirates']),
  ...terms('fr', 2, ['ayants droit', 'blocage des sites']),
  ...terms('fr', 1, ['propriété intellectuelle', 'piraterie']),
  ...terms('de', 3, [
    'Urheberrechtsverletzung',
    'Urheberrechtsverletzungen',
    'Raubkopie',
    'Raubkopien',
    'Raubkopierer',
  ]),
  ...terms('de', 3, ['illegales Streaming']),
  ...terms('de', 2, ['Rechteinhaber', 'Netzsperre', 'Netzsperren']),
  ...terms('de', 1, ['Urheberrecht', 'Piraten', 'geistiges Eigentum']),
  ...terms('it', 3, [
    'pirateria',
    "violazione del diritto d'autore",
    'streaming illegale',
    'pezzotto',
    'IPTV illegale',
  ]),
  ...terms('it', 2, ['titolari dei diritti', 'oscuramento']),
  ...terms('it', 1, ["diritto d'autore", 'pirata', 'pirati']),
  ...terms('es', 3, ['piratería', 'streaming ilegal', 'descargas ilegales', 'contenidos pirata', 'webs piratas']),
  ...terms('es', 3, ['retransmisiones ilegales']),
  ...terms('es', 2, ['titulares de derechos', 'bloqueos de IP', 'bloqueo de IP']),
  ...terms('es', 1, ['derechos de autor', 'propiedad intelectual', 'piratas', 'incautación', 'incautó']),
  ...terms('nl', 3, ['piraterij', 'auteursrechtinbreuk', 'illegaal streamen', 'illegale downloads', 'illegale iptv']),
  ...terms('nl', 3, ['illegale streams']),
  ...terms('nl', 2, ['rechthebbenden']),
  ...terms('nl', 1, ['auteursrecht', 'auteursrechten', 'illegaal downloaden', 'in beslag genomen']),
];

function terms(lang: string, weight: number, texts: string[]): SignalTerm[] {
  return texts.map((text) => ({ text, lang, weight }));
}
