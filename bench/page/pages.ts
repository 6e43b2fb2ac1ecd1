/**
 * The pages the benchmark loads: the team's fixtures, the shared corpus (read at run time,
 * made offline, never copied), pages built from them or generated here, and the live feed.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { readCorpus } from '../../scripts/harness/corpus';
import { bodyOf, offlineHtml } from '../../scripts/harness/offline-html';

export type PageGroup = 'fixture' | 'corpus' | 'huge' | 'paragraphs' | 'live';

export interface BenchPage {
  id: string;
  group: PageGroup;
  html: string;
}

export interface PageSetOptions {
  /** Corpus pages to load one by one (all of them when undefined). */
  corpusSample?: number;
  /** Corpus pages whose bodies make the huge page (all of them when undefined). */
  hugeFrom?: number;
  paragraphs: number;
  liveBatches: number;
  liveBatchSize: number;
}

export interface PageSet {
  pages: BenchPage[];
  /** Why corpus pages are missing from the set, when they are. */
  corpusMissing?: string;
  corpusTotal: number;
}

const FIXTURES = resolve(import.meta.dirname, '../../tests/fixtures/pages');

const shell = (title: string, body: string, head = '') =>
  `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>${title}</title>${head}</head><body>${body}</body></html>\n`;

export const BLANK_PAGE = shell('Blank', '');

export function buildPageSet(options: PageSetOptions): PageSet {
  const pages: BenchPage[] = [];
  for (const name of readdirSync(FIXTURES).filter((n) => n.endsWith('.html'))) {
    pages.push({
      id: `fixture/${name}`,
      group: 'fixture',
      html: offlineHtml(readFileSync(resolve(FIXTURES, name), 'utf8')),
    });
  }
  const corpus = readCorpus();
  let corpusMissing: string | undefined;
  let corpusTotal = 0;
  if ('missing' in corpus) {
    corpusMissing = corpus.missing;
  } else {
    corpusTotal = corpus.pages.length;
    const offline = corpus.pages.map((p) => ({ name: p.name, html: offlineHtml(p.html) }));
    for (const p of spread(offline, options.corpusSample)) {
      pages.push({ id: `corpus/${p.name}`, group: 'corpus', html: p.html });
    }
    const bodies = offline.slice(0, options.hugeFrom).map((p) => bodyOf(p.html));
    pages.push({
      id: `huge (${bodies.length} corpus bodies)`,
      group: 'huge',
      html: shell('Every corpus page in one', bodies.join('\n')),
    });
  }
  pages.push({
    id: `${options.paragraphs.toLocaleString('en')} paragraphs`,
    group: 'paragraphs',
    html: paragraphsPage(options.paragraphs),
  });
  pages.push({
    id: `live feed (${options.liveBatches}×${options.liveBatchSize} articles)`,
    group: 'live',
    html: livePage(options.liveBatches, options.liveBatchSize),
  });
  return { pages, corpusMissing, corpusTotal };
}

/** `n` items spread evenly over the list (all of it when `n` is undefined), so a sample keeps its variety. */
function spread<T>(list: T[], n: number | undefined): T[] {
  if (n === undefined || n >= list.length) return list;
  return Array.from({ length: n }, (_, i) => list[Math.floor((i * list.length) / n)] as T);
}

/** A small deterministic generator, so every run reads the same text. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = (
  'the a of to and in that for on with as by from at was were said court police site sites network servers ' +
  'operators users streams streaming films music books games rights holders prosecutors investigators judge ' +
  'trial appeal ruling damages domain domains seized blocked offline country countries report reports ' +
  'statement week month year years people group company companies service services traffic million ' +
  'according officials agency agencies case cases law laws online digital content access million copies'
).split(' ');

const ENFORCEMENT = ['piracy', 'copyright infringement', 'takedown', 'raid', 'indictment', 'seizure', 'pirated'];

/** Names from the dataset, mentioned now and then as news would. */
const NAMES = [
  'Europol',
  'Eurojust',
  'the Pirate Bay',
  'the Sparks Group',
  'Z-Library',
  'Homeland Security Investigations',
  'Kickass Torrents',
  'Megaupload',
  'BREIN',
  'the Alliance for Creativity and Entertainment',
];

function sentence(rand: () => number, withName: boolean): string {
  const n = 8 + Math.floor(rand() * 14);
  const words: string[] = [];
  for (let i = 0; i < n; i++) words.push(WORDS[Math.floor(rand() * WORDS.length)] as string);
  if (rand() < 0.15)
    words.splice(Math.floor(rand() * n), 0, ENFORCEMENT[Math.floor(rand() * ENFORCEMENT.length)] as string);
  if (withName) words.splice(Math.floor(rand() * n), 0, NAMES[Math.floor(rand() * NAMES.length)] as string);
  const text = words.join(' ');
  return `${text[0]?.toUpperCase()}${text.slice(1)}.`;
}

function paragraph(rand: () => number, nameChance: number): string {
  const sentences = 2 + Math.floor(rand() * 3);
  const parts: string[] = [];
  for (let i = 0; i < sentences; i++) parts.push(sentence(rand, rand() < nameChance / sentences));
  return parts.join(' ');
}

function paragraphsPage(count: number): string {
  const rand = random(20_000);
  const parts = ['<main><h1>A very long report on online piracy enforcement</h1>'];
  for (let i = 0; i < count; i++) {
    if (i % 200 === 0) parts.push(`<h2>Part ${i / 200 + 1}</h2>`);
    parts.push(`<p>${paragraph(rand, 0.04)}</p>`);
  }
  parts.push('</main>');
  return shell(`${count} paragraphs`, parts.join('\n'));
}

function article(rand: () => number, n: number): string {
  const title = sentence(rand, rand() < 0.2).slice(0, -1);
  return `<article class="item"><h2>${n}. ${title}</h2><p>${paragraph(rand, 0.1)}</p><p>${paragraph(rand, 0.1)}</p></article>`;
}

/**
 * A live page: it starts with 20 articles and, once told to, appends `batchSize` articles
 * every 100 ms, `batches` times. With `measureFloor` it also times reading the new text
 * (the floor for a batch) right after adding it.
 */
function livePage(batches: number, batchSize: number): string {
  const rand = random(50);
  let n = 0;
  const initial = Array.from({ length: 20 }, () => article(rand, ++n)).join('\n');
  const feed = Array.from({ length: batches }, () =>
    Array.from({ length: batchSize }, () => article(rand, ++n)).join(''),
  );
  const script = `
const FEED = ${JSON.stringify(feed).replace(/</g, '\\u003c')};
window.__startFeed = (measureFloor) => new Promise((resolve) => {
  const state = { batches: [] };
  const list = document.getElementById('feed');
  let i = 0;
  const timer = setInterval(() => {
    const start = performance.now();
    performance.mark('feed-batch');
    const holder = document.createElement('div');
    holder.innerHTML = FEED[i];
    const added = [...holder.children];
    list.append(...added);
    const batch = { start };
    if (measureFloor) {
      const f0 = performance.now();
      let chars = 0;
      for (const el of added) {
        const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
        for (let t = walker.nextNode(); t; t = walker.nextNode()) chars += t.data.length;
      }
      batch.floor = performance.now() - f0;
      batch.chars = chars;
    }
    state.batches.push(batch);
    if (++i === FEED.length) {
      clearInterval(timer);
      state.done = performance.now();
      performance.mark('feed-done');
      resolve(state);
    }
  }, 100);
});`;
  return shell(
    'Live coverage',
    `<h1>Live: the enforcement news desk</h1><main id="feed">${initial}</main><script>${script}</script>`,
  );
}
