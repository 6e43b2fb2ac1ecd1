import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** Real pages saved from news and other sites, shared beside the repository and never copied into it. */
export const CORPUS_DIR = resolve(import.meta.dirname, '../../../shared/corpus/pages');

export interface CorpusPage {
  name: string;
  html: string;
}

/** The shared corpus pages, or undefined (with the reason) when the folder is not there. */
export function readCorpus(limit = Number.POSITIVE_INFINITY): { pages: CorpusPage[] } | { missing: string } {
  if (!existsSync(CORPUS_DIR)) return { missing: `${CORPUS_DIR} is absent` };
  const names = readdirSync(CORPUS_DIR)
    .filter((n) => n.endsWith('.html'))
    .sort()
    .slice(0, limit);
  return { pages: names.map((name) => ({ name, html: readFileSync(resolve(CORPUS_DIR, name), 'utf8') })) };
}
