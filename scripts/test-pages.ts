/**
 * `npm run test:pages`: the built extension in real Chromium, over every real page saved in
 * ../shared/corpus/pages (read there, never copied) and the team's fixtures, with the most
 * demanding settings (every page, every mention). For each page:
 *   - the visible text with the extension on is the text without it;
 *   - switching off restores `document.body.innerHTML` exactly;
 *   - no mark sits in a form control, an editable region, code or a script;
 *   - every mark names an entity the matcher finds in that mark's block;
 *   - the extension causes no error.
 * Prints a table, one row per page, and exits non-zero if any page fails.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { buildMatchIndex } from '../lib/dataset/compile';
import { readDataFiles } from '../lib/dataset/files';
import { validateDataset } from '../lib/dataset/validate';
import type { PageReport } from '../lib/extension/messages';
import { compileMatcher } from '../lib/match/matcher';
import { RELEVANCE_SIGNALS } from '../lib/match/relevance-signals';
import { DEFAULT_SETTINGS } from '../lib/settings/schema';
import { chromiumAvailable, type ExtensionBrowser, launchChromium } from './harness/chromium';
import { readCorpus } from './harness/corpus';
import { offlineHtml } from './harness/offline-html';
import { startServer } from './harness/server';

const ROOT = resolve(import.meta.dirname, '..');
const FIXTURES = resolve(ROOT, 'tests/fixtures/pages');
const limitArg = process.argv.find((a) => a.startsWith('--limit='));
const limit = limitArg ? Number(limitArg.slice(8)) : Number.POSITIVE_INFINITY;

// innerText, not textContent, throughout: the promise is about the text a reader sees.
const FORBIDDEN =
  'input, textarea, select, option, button, [contenteditable]:not([contenteditable="false"]), code, pre, script, style, svg';

interface Row {
  page: string;
  marked: string[];
  marks: number;
  entities: number;
  textSame: boolean;
  restored: boolean;
  forbidden: number;
  unexplained: string[];
  errors: string[];
  ms: number;
}

type Api = {
  storage: { sync: { set(v: unknown): Promise<void> } };
  tabs: { sendMessage(id: number, m: unknown): Promise<unknown> };
};

/** storage.sync takes at most 120 writes a minute; the sweep stays under it rather than fail on the quota. */
const writes: number[] = [];
async function paceWrites() {
  const now = Date.now();
  while (writes.length > 0 && now - (writes[0] as number) > 60_000) writes.shift();
  if (writes.length >= 100) await new Promise((r) => setTimeout(r, 60_000 - (now - (writes[0] as number)) + 50));
  writes.push(Date.now());
}

async function setSettings(browser: ExtensionBrowser, enabled: boolean) {
  await paceWrites();
  const settings = { ...DEFAULT_SETTINGS, enabled, scope: 'everywhere', mentions: 'all' };
  await browser.worker.evaluate(
    (s) => (globalThis as unknown as { chrome: Api }).chrome.storage.sync.set({ settings: s }),
    settings,
  );
}

async function report(browser: ExtensionBrowser, tabId: number): Promise<PageReport | undefined> {
  try {
    return (await browser.worker.evaluate(
      ([id, m]) => (globalThis as unknown as { chrome: Api }).chrome.tabs.sendMessage(id as number, m),
      [tabId, { type: 'get-report' }] as const,
    )) as PageReport;
  } catch {
    return undefined;
  }
}

/** Waits until the first pass is done and the number of marks has stopped changing. */
async function settled(browser: ExtensionBrowser, page: Page, tabId: number) {
  const deadline = Date.now() + 60_000;
  let last = -1;
  while (Date.now() < deadline) {
    const r = await report(browser, tabId);
    const marks = await page.evaluate(() => document.querySelectorAll('tl-mark').length);
    if (r && r.state !== 'working' && marks === last) return;
    last = marks;
    await page.waitForTimeout(200);
  }
  throw new Error('the extension did not finish within 60 s');
}

async function sweep() {
  if (!chromiumAvailable()) {
    console.log('test:pages skipped: Chromium is not installed (apt-get install -y chromium)');
    return 0;
  }
  const pages: { name: string; html: string }[] = readdirSync(FIXTURES)
    .filter((f) => f.endsWith('.html'))
    .map((f) => ({ name: `fixture/${f}`, html: readFileSync(resolve(FIXTURES, f), 'utf8') }));
  const corpus = readCorpus();
  if ('missing' in corpus) console.log(`note: ${corpus.missing}; only the team's fixtures are swept`);
  else pages.push(...corpus.pages.map((p) => ({ name: p.name, html: p.html })));
  const selected = pages.slice(0, limit);

  if (!process.argv.includes('--no-build')) execFileSync('npx', ['wxt', 'build'], { cwd: ROOT, stdio: 'ignore' });
  const { agencies, cases } = validateDataset(readDataFiles().files);
  const matcher = compileMatcher(buildMatchIndex([...agencies, ...cases]), RELEVANCE_SIGNALS);

  const server = await startServer([]);
  for (const [i, p] of selected.entries()) server.route(`/page/${i}.html`, { body: offlineHtml(p.html) });
  const browser = await launchChromium(resolve(ROOT, '.output/chrome-mv3'));
  const rows: Row[] = [];
  try {
    const page = await browser.newPage();
    let errors: string[] = [];
    page.on('console', (m) => {
      if (
        m.type() === 'error' &&
        (m.location().url.startsWith('chrome-extension://') || m.text().includes('Takedown Lens'))
      ) {
        errors.push(m.text());
      }
    });
    page.on('pageerror', (e) => {
      if (/chrome-extension:|takedown/i.test(`${e.stack}`)) errors.push(e.message);
    });
    const tabId = await browser.tabIdOf(page);
    for (const [i, p] of selected.entries()) {
      const started = Date.now();
      errors = [];
      if (i === 0) await setSettings(browser, false);
      await page.goto(`${server.origin}/page/${i}.html`, { waitUntil: 'load' });
      await page.waitForTimeout(100);
      const before = await page.evaluate(() => ({
        html: document.body?.innerHTML ?? '',
        text: document.body?.innerText ?? '',
      }));
      await setSettings(browser, true);
      await settled(browser, page, tabId);
      const on = await page.evaluate((forbidden) => {
        const marks = [...document.querySelectorAll('tl-mark')] as HTMLElement[];
        const blocks =
          'p, li, h1, h2, h3, h4, h5, h6, td, th, dd, dt, blockquote, figcaption, caption, div, section, article, main, body';
        return {
          text: document.body?.innerText ?? '',
          marks: marks.map((m) => ({
            entity: m.getAttribute('data-entity') ?? '',
            block: m.closest(blocks)?.textContent ?? '',
          })),
          forbidden: marks.filter((m) => m.parentElement?.closest(forbidden)).length,
        };
      }, FORBIDDEN);
      await setSettings(browser, false);
      await page.waitForFunction(() => !document.querySelector('tl-mark, takedown-lens-card'), undefined, {
        timeout: 20_000,
      });
      const after = await page.evaluate(() => document.body?.innerHTML ?? '');
      const unexplained = new Set<string>();
      for (const mark of on.marks) {
        const found = matcher
          .scan(mark.block)
          .candidates.some((c) => c.refs.some((r) => matcher.entities[r.entity]?.id === mark.entity));
        if (!found) unexplained.add(mark.entity);
      }
      rows.push({
        page: p.name,
        marked: [...new Set(on.marks.map((m) => m.entity))],
        marks: on.marks.length,
        entities: new Set(on.marks.map((m) => m.entity)).size,
        textSame: on.text === before.text,
        restored: after === before.html,
        forbidden: on.forbidden,
        unexplained: [...unexplained],
        errors,
        ms: Date.now() - started,
      });
      const r = rows[rows.length - 1] as Row;
      const ok = r.textSame && r.restored && r.forbidden === 0 && r.unexplained.length === 0 && r.errors.length === 0;
      console.log(
        `${ok ? 'ok  ' : 'FAIL'} ${r.page.padEnd(44)} marks ${String(r.marks).padStart(4)}  entities ${String(r.entities).padStart(3)}  text ${r.textSame ? 'same' : 'CHANGED'}  restore ${r.restored ? 'exact' : 'DIFFERS'}  in-forbidden ${r.forbidden}${r.marked.length ? `  [${r.marked.join(' ')}]` : ''}${r.unexplained.length ? `  unexplained ${r.unexplained.join(',')}` : ''}${r.errors.length ? `  errors ${r.errors.length}: ${r.errors[0]}` : ''}  ${r.ms} ms`,
      );
    }
  } finally {
    await browser.close();
    await server.close();
  }
  const failed = rows.filter(
    (r) => !(r.textSame && r.restored && r.forbidden === 0 && r.unexplained.length === 0 && r.errors.length === 0),
  );
  const marks = rows.reduce((n, r) => n + r.marks, 0);
  console.log(
    `\n${rows.length} pages swept, ${marks} marks made; ${rows.length - failed.length} passed, ${failed.length} failed`,
  );
  return failed.length === 0 ? 0 : 1;
}

sweep().then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    console.error(error);
    process.exitCode = 1;
  },
);
