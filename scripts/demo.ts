/**
 * `npm run demo`: builds the extension, opens the team's sample article about the Sparks
 * Group takedown in headless Chromium with the extension loaded, hovers a marked name, and
 * writes a screenshot with the card open plus a JSON summary of what was found.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { PageReport } from '../lib/extension/messages';
import { chromiumAvailable, launchChromium } from './harness/chromium';
import { startServer } from './harness/server';

const ROOT = resolve(import.meta.dirname, '..');
const OUT = resolve(ROOT, 'artifacts/demo');
const browserArg = process.argv.includes('--browser')
  ? process.argv[process.argv.indexOf('--browser') + 1]
  : 'chromium';

async function main() {
  if (browserArg !== 'chromium') {
    throw new Error(`Unknown --browser "${browserArg}". Use chromium.`);
  }
  if (!chromiumAvailable()) throw new Error('Chromium is missing: apt-get install -y chromium');
  console.log('Building the extension…');
  execFileSync('npx', ['wxt', 'build'], { cwd: ROOT, stdio: 'inherit' });
  mkdirSync(OUT, { recursive: true });

  const server = await startServer([resolve(ROOT, 'tests/fixtures/pages')]);
  const browser = await launchChromium(resolve(ROOT, '.output/chrome-mv3'));
  try {
    const page = await browser.newPage();
    const url = `${server.origin}/sparks-group-article.html`;
    await page.goto(url);
    await page.waitForSelector('tl-mark[data-entity="sparks-group"]', { timeout: 15_000 });
    await page.hover('tl-mark[data-entity="sparks-group"]');
    await page.waitForFunction(
      () =>
        !!document.querySelector('takedown-lens-card')?.shadowRoot?.querySelector('.card[data-entity="sparks-group"]'),
      undefined,
      { timeout: 10_000 },
    );
    const screenshot = resolve(OUT, 'card.png');
    await page.screenshot({ path: screenshot });
    const tabId = await browser.tabIdOf(page);
    const report = (await browser.worker.evaluate(
      (id) =>
        (
          globalThis as unknown as { chrome: { tabs: { sendMessage(id: number, m: unknown): Promise<unknown> } } }
        ).chrome.tabs.sendMessage(id, {
          type: 'get-report',
        }),
      tabId,
    )) as PageReport;
    const cardTitle = await page.evaluate(
      () => document.querySelector('takedown-lens-card')?.shadowRoot?.querySelector('h2')?.textContent ?? '',
    );
    const summary = {
      page: url,
      browser: 'chromium',
      state: report.state,
      relevance: report.findings.relevance,
      marks: report.findings.marks,
      found: report.findings.entities.map(({ id, name, type, count, marked }) => ({ id, name, type, count, marked })),
      cardOpen: { entity: 'sparks-group', title: cardTitle },
      screenshot,
    };
    const summaryPath = resolve(OUT, 'summary.json');
    writeFileSync(summaryPath, `${JSON.stringify(summary, null, 2)}\n`);
    console.log(`\nFound ${summary.found.length} entities (${summary.marks} marks) on the sample article:`);
    for (const e of summary.found) console.log(`  ${e.type.padEnd(7)} ${e.name} ×${e.count}`);
    console.log(`\nScreenshot with the card open: ${screenshot}`);
    console.log(`JSON summary:                  ${summaryPath}`);
  } finally {
    await browser.close();
    await server.close();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
