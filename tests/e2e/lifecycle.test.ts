import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, type ExtensionBrowser, launchChromium } from '../../scripts/harness/chromium';
import { startServer, type TestServer } from '../../scripts/harness/server';
import { FIXTURES, ROOT } from './support/browsers';

type Chrome = {
  storage: { sync: { set(v: unknown): Promise<void>; get(k: string): Promise<Record<string, unknown>> } };
  runtime: { reload(): void };
};
const CARD = `document.querySelector('takedown-lens-card')?.shadowRoot?.querySelector('.card')`;

describe.skipIf(!chromiumAvailable())('chromium: privacy and the extension lifecycle', () => {
  let server: TestServer;
  let browser: ExtensionBrowser;
  const requests: string[] = [];

  beforeAll(async () => {
    server = await startServer([FIXTURES]);
    browser = await launchChromium(resolve(ROOT, '.output/chrome-mv3'));
    browser.context.on('request', (r) => requests.push(r.url()));
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function article(): Promise<Page> {
    const page = await browser.newPage();
    await page.goto(`${server.origin}/sparks-group-article.html`);
    await page.waitForSelector('tl-mark[data-entity="hsi"]');
    return page;
  }

  it('cannot be detected by a page requesting its files at their fixed address', async () => {
    const page = await article();
    const url = `chrome-extension://${browser.extensionId}/content-scripts/page/page.js`;
    const loaded = await page.evaluate(
      (u) =>
        fetch(u).then(
          () => true,
          () => false,
        ),
      url,
    );
    expect(loaded).toBe(false);
    await page.close();
  });

  it('makes no request beyond the page itself while marking, showing cards, the popup and the options page', async () => {
    requests.length = 0;
    const page = await article();
    await page.hover('tl-mark[data-entity="sparks-group"]');
    await page.waitForFunction(`!!${CARD}`);
    const popup = await browser.newPage();
    await popup.goto(`chrome-extension://${browser.extensionId}/popup.html`);
    await popup.waitForSelector('#enabled');
    const options = await browser.newPage();
    await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
    await options.waitForSelector('input[type=search]');
    // The extension's own files, at its fixed address or (the page module) at its per-session one:
    // this browser has no other extension.
    const foreign = requests.filter((url) => !url.startsWith(server.origin) && !url.startsWith('chrome-extension://'));
    expect(requests.length).toBeGreaterThan(0);
    expect(foreign).toEqual([]);
    await Promise.all([page.close(), popup.close(), options.close()]);
  });

  it('falls back to defaults field by field when stored settings are corrupted, and keeps the good ones', async () => {
    await browser.worker.evaluate(
      (s) => (globalThis as unknown as { chrome: Chrome }).chrome.storage.sync.set({ settings: s }),
      { enabled: 'yes', style: 'highlight', mentions: 42, disabledSites: 'everything' },
    );
    const page = await article();
    expect(await page.$$eval('tl-mark[tabindex]', (ms) => ms.map((m) => m.getAttribute('data-style')))).toContain(
      'highlight',
    );
    expect(await page.locator('tl-mark[data-entity="europol"]').count()).toBe(1);
    await browser.worker.evaluate(() =>
      (globalThis as unknown as { chrome: Chrome }).chrome.storage.sync.set({ settings: {} }),
    );
    await page.close();
  });

  it('loads card details after the background service worker was stopped', async () => {
    const page = await article();
    const cdp = await browser.context.newCDPSession(page);
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');
    await page.hover('tl-mark[data-entity="eurojust"]');
    await page.waitForFunction(`${CARD}?.dataset.entity === 'eurojust'`, undefined, { timeout: 15_000 });
    await page.close();
  });

  it('has no accessibility violations on the options page', async () => {
    const options = await browser.newPage();
    await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
    await options.fill('input[type=search]', 'europol');
    await options.click('button.result');
    await options.waitForSelector('.detail .card');
    const axe = readFileSync(resolve(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');
    const violations = await options.evaluate(
      `(function () { ${axe}; return window.axe; })().run(document, { runOnly: ['wcag2a', 'wcag2aa', 'best-practice'] }).then((r) => r.violations.map((v) => v.id + ': ' + v.nodes.map((n) => n.target.join(' ')).join(', ')))`,
    );
    expect(violations).toEqual([]);
    await options.close();
  });

  it('restores pages, without errors, when the extension is reloaded under them', async () => {
    const page = await article();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const text = await page.evaluate(() => document.body.innerText);
    await browser.worker
      .evaluate(() => (globalThis as unknown as { chrome: Chrome }).chrome.runtime.reload())
      .catch(() => {});
    await page.waitForTimeout(1500);
    await page.hover('tl-mark[data-entity="interpol"]').catch(() => {});
    await page.waitForTimeout(800);
    expect(await page.evaluate(() => document.body.innerText)).toBe(text);
    expect(await page.locator('tl-mark').count()).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  });
});
