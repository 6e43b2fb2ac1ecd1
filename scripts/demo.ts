/**
 * `npm run demo [-- --browser chromium|firefox]`: builds the extension, opens the team's
 * sample article about the Sparks Group takedown in a headless browser with the extension
 * loaded, hovers a marked name, and writes a screenshot with the card open plus a JSON
 * summary of what was found.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { buildBundles } from '../lib/dataset/bundles';
import { DATA_DIR, readDataFiles } from '../lib/dataset/files';
import { validateDataset } from '../lib/dataset/validate';
import type { PageReport } from '../lib/extension/messages';
import { browserTargets } from '../tests/e2e/support/browsers';
import { startServer } from './harness/server';

const ROOT = resolve(import.meta.dirname, '..');
/** Display names for the summary: a page reports entity ids only. */
const { names } = (() => {
  const { agencies, cases } = validateDataset(readDataFiles(DATA_DIR).files);
  return buildBundles(agencies, cases);
})();
const OUT = resolve(ROOT, 'artifacts/demo');
const browserArg = process.argv.includes('--browser')
  ? process.argv[process.argv.indexOf('--browser') + 1]
  : 'chromium';

async function main() {
  const target = browserTargets().find((t) => t.name === browserArg);
  if (!target) throw new Error(`Unknown --browser "${browserArg}". Use chromium or firefox.`);
  if (target.skip) throw new Error(`Cannot run the demo in ${target.name}: ${target.skip}`);
  console.log('Building the extension…');
  execFileSync('npx', ['wxt', 'build', ...(target.name === 'firefox' ? ['-b', 'firefox'] : [])], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  mkdirSync(OUT, { recursive: true });

  const server = await startServer([resolve(ROOT, 'tests/fixtures/pages')]);
  const browser = await target.launch();
  try {
    const url = `${server.origin}/sparks-group-article.html`;
    const tab = await browser.open(url);
    await tab.waitFor(`document.querySelector('tl-mark[data-entity="sparks-group"]') !== null`, 15_000);
    await tab.hover('tl-mark[data-entity="sparks-group"]');
    await tab.waitFor(
      `!!document.querySelector('takedown-lens-card')?.shadowRoot?.querySelector('.card[data-entity="sparks-group"]')`,
    );
    await tab.waitFor(
      `document.querySelector('takedown-lens-card').shadowRoot.querySelector('.card').getAnimations().every((a) => a.playState === 'finished')`,
    );
    const screenshot = resolve(OUT, target.name === 'chromium' ? 'card.png' : `card-${target.name}.png`);
    await tab.screenshot(screenshot);
    const cardTitle = await tab.eval<string>(
      `document.querySelector('takedown-lens-card').shadowRoot.querySelector('h2').textContent`,
    );
    // The popup page asks the tab's content script for its report, as the toolbar popup does.
    const popup = await browser.openPopup(tab);
    const report = await popup.eval<PageReport>(`(async () => {
      const api = globalThis.browser ?? globalThis.chrome;
      return api.tabs.sendMessage(Number(new URLSearchParams(location.search).get('tab')), { type: 'get-report' });
    })()`);
    const summary = {
      page: url,
      browser: target.name,
      state: report.state,
      relevance: report.findings.relevance,
      marks: report.findings.marks,
      found: report.findings.entities.map(({ id, type, count, marked }) => ({
        id,
        name: names[id],
        type,
        count,
        marked,
      })),
      cardOpen: { entity: 'sparks-group', title: cardTitle },
      screenshot,
    };
    const summaryPath = resolve(OUT, target.name === 'chromium' ? 'summary.json' : `summary-${target.name}.json`);
    writeFileSync(summaryPath, `${JSON.stringify(summary, null, 2)}\n`);
    console.log(
      `\nFound ${summary.found.length} entities (${summary.marks} marks) on the sample article in ${target.name}:`,
    );
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
