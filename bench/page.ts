/**
 * `npm run bench`: what Takedown Lens costs on real pages in Chromium, against baselines
 * measured in the same run on the same pages: the floor (a TreeWalker reading every text
 * node), mark.js 8.11 marking the same names, and a naive combined regular expression.
 *
 *   npm run bench                 the full run (every corpus page; 15 minutes on 2 cores on a slow day)
 *   npm run bench -- --quick      a representative subset, in about 2 minutes
 *   npm run bench -- --json       only the summary object on stdout (progress goes to stderr)
 *   npm run bench -- --only ID    just the pages whose id contains ID (and the blank page)
 *   npm run bench -- --profile ID where Takedown Lens's time goes on that page (`blank` for the blank page)
 *   npm run bench -- --sizes      what the content script's bytes are made of
 *
 * Every load is a fresh tab. Baselines run where the bench has switched Takedown Lens off
 * for the site (pages served to "localhost"); Takedown Lens runs on the same pages served
 * to 127.0.0.1. See bench/PERFORMANCE.md for what each column means.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { CARD_VIEW_PATH, PAGE_MODULE_PATH } from '../lib/build/page-module-path';
import { buildMatchIndex } from '../lib/dataset/compile';
import { readDataFiles } from '../lib/dataset/files';
import { validateDataset } from '../lib/dataset/validate';
import { DEFAULT_SETTINGS } from '../lib/settings/schema';
import { chromiumAvailable, launchChromium } from '../scripts/harness/chromium';
import { startServer } from '../scripts/harness/server';
import { installProbe } from './page/in-page';
import {
  type BenchEnv,
  type BlankResult,
  measureBlank,
  measureFeed,
  measurePage,
  type PageResult,
  pagePath,
  REFERENCE_PATHS,
  type RunPlan,
} from './page/measure';
import { BLANK_PAGE, buildPageSet, type PageSetOptions } from './page/pages';
import { buildForProfile, contentScriptParts, PROFILE_BUILD_DIR, profilePage } from './page/profile';
import {
  budgetLines,
  budgetMarkdown,
  budgets,
  type ContentScriptSize,
  markdownTable,
  summarise,
  textTable,
} from './page/report';

const ROOT = resolve(import.meta.dirname, '..');
const EXTENSION = resolve(ROOT, '.output/chrome-mv3-bench');
/** The release build (`wxt build`): what readers install, so its content script's size is the one budgeted. */
const RELEASE = resolve(ROOT, '.output/chrome-mv3');
const OUT = resolve(ROOT, 'artifacts/bench');
const args = process.argv.slice(2);
const quick = args.includes('--quick');
const json = args.includes('--json');
const argAfter = (flag: string) => (args.includes(flag) ? args[args.indexOf(flag) + 1] : undefined);
const only = argAfter('--only');
const profile = argAfter('--profile');
const sizes = args.includes('--sizes');
const log = (line: string) => process.stderr.write(`${line}\n`);

interface Mode {
  pages: PageSetOptions;
  plan: RunPlan;
  /** Corpus pages on which mark.js also runs: every `n`th (it takes seconds a page). */
  markJsEvery: number;
  /** Corpus pages on which the naive baseline runs: every `n`th. */
  naiveEvery: number;
  blankRuns: number;
}

const MODES: Record<'quick' | 'full', Mode> = {
  quick: {
    pages: { corpusSample: 6, hugeFrom: 12, paragraphs: 20_000, liveBatches: 50, liveBatchSize: 50 },
    plan: {
      floorRuns: 3,
      tlRuns: 3,
      naive: true,
      markJs: true,
      markJsTimeoutMs: 5_000,
      idleTimeoutMs: 60_000,
      liveRuns: 1,
    },
    markJsEvery: 1,
    naiveEvery: 1,
    blankRuns: 3,
  },
  full: {
    pages: { paragraphs: 20_000, liveBatches: 50, liveBatchSize: 50 },
    // Three loads each, two baselines on a sample and two live runs: every load opens a tab and a
    // renderer, about half a second on this machine, and the full run is to take 15 minutes.
    plan: {
      floorRuns: 3,
      tlRuns: 3,
      naive: true,
      markJs: true,
      markJsTimeoutMs: 10_000,
      idleTimeoutMs: 180_000,
      liveRuns: 2,
    },
    markJsEvery: 5,
    naiveEvery: 2,
    blankRuns: 5,
  },
};

/** Cross-origin isolation gives the page's clock 5 µs steps instead of 100 µs: small floors need them. */
const ISOLATED = { 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp' };

function contentScriptSize(): ContentScriptSize {
  const sizeOf = (file: string) => {
    const code = readFileSync(resolve(RELEASE, file));
    return { file, rawBytes: code.length, gzipBytes: gzipSync(code, { level: 9 }).length };
  };
  const parts = ['content-scripts/content.js', PAGE_MODULE_PATH.slice(1)].map(sizeOf);
  return {
    rawBytes: parts.reduce((n, p) => n + p.rawBytes, 0),
    gzipBytes: parts.reduce((n, p) => n + p.gzipBytes, 0),
    parts,
    onFirstCard: sizeOf(CARD_VIEW_PATH.slice(1)),
  };
}

/** The dataset's names, as the baselines get them: every alias once. */
function aliases(): string[] {
  const { agencies, cases } = validateDataset(readDataFiles().files);
  return [...new Set(buildMatchIndex([...agencies, ...cases]).aliases.map((a) => a.text))];
}

async function main() {
  if (sizes) {
    log(await contentScriptParts(ROOT));
    return;
  }
  if (!chromiumAvailable()) throw new Error('Chromium is missing at /usr/bin/chromium: apt-get install -y chromium');
  const mode = MODES[quick ? 'quick' : 'full'];
  log('Building the extension for the benchmark (wxt build --mode bench)…');
  execFileSync('npx', ['wxt', 'build', '--mode', 'bench'], { cwd: ROOT, stdio: ['ignore', 2, 2] });
  log('Building the release too, whose content script is weighed (the bench build adds its events)…');
  execFileSync('npx', ['wxt', 'build'], { cwd: ROOT, stdio: ['ignore', 2, 2] });
  const size = contentScriptSize();
  if (profile) {
    log('Building it again without minifying, so that the profile names functions…');
    await buildForProfile(ROOT);
  }

  const set = buildPageSet(mode.pages);
  if (set.corpusMissing) log(`Corpus pages skipped: ${set.corpusMissing} (the shared corpus of real pages is needed).`);
  const pages = set.pages.filter((p) => !only || p.id.includes(only));

  const server = await startServer([]);
  server.route('/__bench/mark.min.js', {
    body: readFileSync(resolve(ROOT, 'node_modules/mark.js/dist/mark.min.js')),
    type: 'text/javascript; charset=utf-8',
    headers: ISOLATED,
  });
  server.route('/__bench/blank.html', { body: BLANK_PAGE, headers: ISOLATED });
  for (const path of Object.values(REFERENCE_PATHS)) server.route(path, { body: BLANK_PAGE, headers: ISOLATED });
  set.pages.forEach((p, i) => {
    server.route(pagePath(i), { body: p.html, headers: ISOLATED });
  });
  const blankFile = resolve(tmpdir(), 'takedown-lens-bench-blank.html');
  writeFileSync(blankFile, BLANK_PAGE);

  const browser = await launchChromium(profile ? resolve(ROOT, '.output', PROFILE_BUILD_DIR) : EXTENSION);
  let blocked = 0;
  try {
    const port = new URL(server.origin).port;
    // Nothing may leave the machine; a request that would is counted and refused.
    await browser.context.route(
      (url) => !['127.0.0.1', 'localhost'].includes(url.hostname) && /^(https?|wss?):$/.test(url.protocol),
      (route) => {
        blocked++;
        return route.abort();
      },
    );
    await browser.context.addInitScript('globalThis.__name = (f) => f;');
    await browser.context.addInitScript(installProbe);
    await browser.worker.evaluate(
      async (settings) => {
        const api = (globalThis as unknown as { chrome: { storage: { sync: { set(v: object): Promise<void> } } } })
          .chrome;
        await api.storage.sync.set({ settings });
      },
      { ...DEFAULT_SETTINGS, disabledSites: ['localhost'] },
    );
    const names = aliases();
    const escapeRegExp = (s: string) => s.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');
    const env: BenchEnv = {
      browser,
      onOrigin: `http://127.0.0.1:${port}`,
      offOrigin: `http://localhost:${port}`,
      contentUrl: `chrome-extension://${browser.extensionId}/content-scripts/content.js`,
      extensionUrl: `chrome-extension://${browser.extensionId}/`,
      aliases: names,
      naiveSource: `\\b(?:${names.map(escapeRegExp).join('|')})\\b`,
      markJsPath: '/__bench/mark.min.js',
    };

    if (profile) {
      const target = profile === 'blank' ? undefined : set.pages.findIndex((p) => p.id.includes(profile));
      if (target === -1) throw new Error(`no page id contains "${profile}"`);
      const path = target === undefined ? '/__bench/blank.html' : pagePath(target);
      const page = target === undefined ? undefined : set.pages[target];
      log(await profilePage(env, path, page?.id ?? 'blank page', page?.group === 'live'));
      return;
    }

    const started = performance.now();
    const loadBefore = loadavg()[0] as number;
    log(`Blank page (${mode.blankRuns} traced loads)…`);
    const blank = await measureBlank(env, '/__bench/blank.html', pathToFileURL(blankFile).href, mode.blankRuns);
    const results: PageResult[] = [];
    let corpusSeen = 0;
    for (const page of pages) {
      const index = set.pages.indexOf(page);
      const plan = { ...mode.plan };
      if (page.group === 'corpus') {
        plan.markJs = corpusSeen % mode.markJsEvery === 0;
        plan.naive = corpusSeen % mode.naiveEvery === 0;
        corpusSeen++;
      }
      const t0 = performance.now();
      try {
        const result =
          page.group === 'live'
            ? await measureFeed(env, page, pagePath(index), plan)
            : await measurePage(env, page, pagePath(index), plan);
        results.push(result);
        log(
          `  ${page.id}: floor ${result.floorMs.toFixed(3)} ms, Takedown Lens ${result.tlMs.toFixed(2)} ms` +
            `${result.markJsMs === undefined ? '' : `, mark.js ${result.markJsMs.toFixed(0)} ms`}` +
            ` (${((performance.now() - t0) / 1000).toFixed(1)} s)`,
        );
      } catch (error) {
        const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
        results.push({ id: page.id, group: page.group, error: message } as PageResult);
        log(`  ${page.id}: failed: ${message}`);
      }
    }
    const seconds = (performance.now() - started) / 1000;
    // Other work on the machine shifts every number; the load average says how much there was.
    const load = `load average ${loadBefore.toFixed(2)} at the start, ${(loadavg()[0] as number).toFixed(2)} at the end`;

    const summary = summarise(results, size, blank);
    const list = budgets(summary);
    const name = only ? 'page-only' : quick ? 'page-quick' : 'page-full';
    mkdirSync(OUT, { recursive: true });
    writeFileSync(
      resolve(OUT, `${name}.json`),
      `${JSON.stringify({ date: new Date().toISOString(), quick, seconds, load, blocked, size, blank, summary, results }, null, 2)}\n`,
    );
    const context = `${results.length} pages (${set.corpusTotal} in the corpus) in ${seconds.toFixed(0)} s, ${load}; ${blocked} remote requests refused.`;
    writeFileSync(resolve(OUT, `${name}.md`), report(results, blank, size, list, context, summary));

    if (json) {
      console.log(JSON.stringify(summary, null, 2));
      return;
    }
    console.log(`\n${textTable(results)}\n`);
    console.log(blankLine(blank, size));
    console.log(`\n${budgetLines(list)}\n${notBudgetLines(summary)}`);
    console.log(`\n${context}\nTable and details: ${resolve(OUT, `${name}.md`)}`);
  } finally {
    await browser.close();
    await server.close();
  }
}

function blankLine(b: BlankResult, size: ContentScriptSize): string {
  return [
    `content script: ${(size.rawBytes / 1000).toFixed(1)} kB, ${(size.gzipBytes / 1000).toFixed(1)} kB gzip (${size.parts
      .map((p) => `${p.file} ${(p.gzipBytes / 1000).toFixed(1)} kB`)
      .join(
        ' + ',
      )}); when the first card opens: ${size.onFirstCard.file} ${(size.onFirstCard.gzipBytes / 1000).toFixed(1)} kB gzip`,
    `blank page: ${b.costMs.toFixed(2)} ms on the main thread from document_idle to idle ` +
      `(in the median load: compile ${b.compileMs.toFixed(2)}, evaluate ${b.evaluateMs.toFixed(2)}, ` +
      `setup ${b.setupMs.toFixed(2)}, first pass ${b.firstPassMs.toFixed(2)}, the rest ` +
      `${(b.typicalMs - b.compileMs - b.evaluateMs - b.setupMs - b.firstPassMs).toFixed(2)}; ` +
      `all loads: ${b.costRunsMs.map((n) => n.toFixed(2)).join(', ')})`,
    `the same page with plain content scripts of another extension, same run: ${b.references.emptyMs.toFixed(2)} ms ` +
      `for one that does nothing, ${b.references.settingsMs.toFixed(2)} ms for one that reads its settings and listens for messages`,
    `heap held on a page with no matches: ${b.heapHeldKb.toFixed(0)} kB (${b.heapSwitchedOffKb.toFixed(0)} kB when switched off for the site)`,
  ].join('\n');
}

function report(
  results: PageResult[],
  blank: BlankResult,
  size: ContentScriptSize,
  list: ReturnType<typeof budgets>,
  context: string,
  summary: ReturnType<typeof summarise>,
): string {
  return [
    `# Page benchmark, ${quick ? 'quick' : 'full'} run, ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`,
    '',
    context,
    '',
    markdownTable(results),
    '',
    blankLine(blank, size)
      .split('\n')
      .map((l) => `- ${l}`)
      .join('\n'),
    '',
    budgetMarkdown(list),
    '',
    notBudgetLines(summary),
    '',
  ].join('\n');
}

/** The ratio budget times the pass alone: what counting the matcher's construction too gives, and the garbage collection around the pass. */
function notBudgetLines(s: ReturnType<typeof summarise>): string {
  return [
    `typical real article vs the floor with "TL setup" counted as well (not a budget): ${s.typical_ratio_with_setup}×`,
    `garbage collection on the page's main thread (not a budget): on ${s.gc_pages} corpus pages from setup to the frame after idle, inside the pass on ${s.gc_in_pass_pages} (at most ${s.gc_in_pass_max_ms} ms)`,
  ].join('\n\n');
}

main().catch((error) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exitCode = 1;
});
