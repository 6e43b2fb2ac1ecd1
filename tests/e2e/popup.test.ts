import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../../scripts/harness/server';
import { type BrowserTarget, browserTargets, FIXTURES, ROOT } from './support/browsers';
import { type BrowserDriver, CARD_OPEN, type Tab } from './support/driver';

const AXE = readFileSync(resolve(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');

/** Runs axe-core in a tab (evaluated by the driver, so no page CSP stands in the way) and returns its violations. */
async function axeViolations(tab: Tab, context = 'document'): Promise<string[]> {
  const result = await tab.eval<{ id: string; nodes: { target: unknown }[] }[]>(
    `(function () { ${AXE}; return window.axe; })().run(${context}, { runOnly: ['wcag2a', 'wcag2aa', 'best-practice'], rules: { region: { enabled: false } } }).then((r) => r.violations.map((v) => ({ id: v.id, nodes: v.nodes.map((n) => ({ target: n.target })) })))`,
  );
  return result.map((v) => `${v.id}: ${JSON.stringify(v.nodes.map((n) => n.target))}`);
}

const UNRELATED = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Port news</title></head><body>
  <h1>Record cocaine seizure at the port</h1>
  <p>Europol and the FBI helped customs officers seize two tonnes of cocaine hidden in banana crates.</p></body></html>`;

for (const target of browserTargets()) {
  describe.skipIf(target.skip !== undefined)(`${target.name}: popup, badge and accessibility`, () => {
    let server: TestServer;
    let browser: BrowserDriver;

    beforeAll(async () => {
      server = await startServer([FIXTURES]);
      server.route('/unrelated.html', { body: UNRELATED });
      server.route('/blank.html', {
        body: '<!doctype html><html lang="en"><head><title>Blank</title></head><body></body></html>',
      });
      browser = await (target as BrowserTarget).launch();
    });
    afterAll(async () => {
      await browser?.close();
      await server?.close();
    });

    async function badgeBecomes(tab: Tab, text: string) {
      const deadline = Date.now() + 10_000;
      let badge = await browser.badgeText(tab);
      while (Date.now() < deadline && badge !== text) {
        await new Promise((r) => setTimeout(r, 100));
        badge = await browser.badgeText(tab);
      }
      return badge;
    }

    async function article(): Promise<Tab> {
      const tab = await browser.open(`${server.origin}/sparks-group-article.html`);
      await tab.waitFor(`document.querySelectorAll('tl-mark[data-entity="hsi"]').length > 0`);
      return tab;
    }

    it('lists what the page names, grouped, with counts; choosing one scrolls to it and opens its card', async () => {
      const tab = await article();
      const popup = await browser.openPopup(tab);
      await popup.waitFor(`document.querySelectorAll('button.entity').length >= 8`);
      const listed = await popup.eval<string[]>(
        `[...document.querySelectorAll('.found button.entity')].map((b) => b.textContent)`,
      );
      expect(listed).toEqual(expect.arrayContaining(['Sparks Group takedown3×', 'Europol2×', 'Eurojust1×']));
      expect(
        await popup.eval<string[]>(`[...document.querySelectorAll('.found h3')].map((h) => h.textContent)`),
      ).toEqual(['Cases (2)', 'Agencies and organisations (6)']);
      await popup.eval(
        `[...document.querySelectorAll('.found button.entity')].find((b) => b.textContent.startsWith('U.S. Postal')).click()`,
      );
      await tab.waitFor(
        `document.querySelector('takedown-lens-card')?.shadowRoot?.querySelector('.card')?.dataset.entity === 'uspis'`,
      );
      await popup.close();
      await tab.close();
    });

    it('shows the number of entities found on the toolbar badge, and "off" for a switched-off site', async () => {
      const tab = await article();
      await tab.bringToFront();
      expect(await badgeBecomes(tab, '8')).toBe('8');
      const popup = await browser.openPopup(tab);
      await popup.waitFor(`document.querySelector('#site') !== null`);
      await popup.click('#site');
      try {
        await tab.waitFor(`document.querySelectorAll('tl-mark').length === 0`);
        await popup.waitFor(`document.querySelector('.found')?.textContent.includes('off for this site')`);
        expect(await badgeBecomes(tab, 'off')).toBe('off');
      } finally {
        await popup.click('#site');
      }
      await tab.waitFor(`document.querySelectorAll('tl-mark').length >= 8`);
      await popup.close();
      await tab.close();
    });

    it('leaves no count from the last page on the badge when the tab goes on to a page without text', async () => {
      const tab = await article();
      await tab.bringToFront();
      expect(await badgeBecomes(tab, '8')).toBe('8');
      await tab.eval(`void (location.href = ${JSON.stringify(`${server.origin}/blank.html`)})`);
      await tab.waitFor(`location.pathname === '/blank.html' && document.readyState === 'complete'`);
      expect(await badgeBecomes(tab, '')).toBe('');
      await tab.close();
    });

    it('explains why an ordinary page is not marked, and marks it when asked', async () => {
      const tab = await browser.open(`${server.origin}/unrelated.html`);
      const popup = await browser.openPopup(tab);
      await popup.waitFor(
        `document.querySelector('.found')?.textContent.includes('does not look like it is about piracy enforcement')`,
      );
      expect(await tab.eval<number>(`document.querySelectorAll('tl-mark').length`)).toBe(0);
      await popup.eval(
        `[...document.querySelectorAll('.found button')].find((b) => b.textContent === 'Annotate this page anyway').click()`,
      );
      await tab.waitFor(`document.querySelectorAll('tl-mark').length === 2`);
      expect(
        await tab.eval<string[]>(`[...document.querySelectorAll('tl-mark')].map((m) => m.dataset.entity)`),
      ).toEqual(['europol', 'fbi']);
      await popup.close();
      await tab.close();
    });

    it('changes how names are marked at once on open pages', async () => {
      const tab = await article();
      const popup = await browser.openPopup(tab);
      await popup.waitFor(`document.querySelector('input[name="style"][value="highlight"]') !== null`);
      try {
        await popup.click('input[name="style"][value="highlight"]');
        await tab.waitFor(`[...document.querySelectorAll('tl-mark')].every((m) => m.dataset.style === 'highlight')`);
        await popup.click('input[name="mentions"][value="all"]');
        await tab.waitFor(`document.querySelectorAll('tl-mark[data-entity="europol"]').length === 2`);
      } finally {
        await popup.click('input[name="mentions"][value="first"]');
        await popup.click('input[name="style"][value="underline"]');
      }
      await tab.waitFor(`document.querySelectorAll('tl-mark[data-entity="europol"]').length === 1`);
      await popup.close();
      await tab.close();
    });

    it('has no accessibility violations in the popup, the card or the marks', async () => {
      const tab = await article();
      const popup = await browser.openPopup(tab);
      await popup.waitFor(`document.querySelectorAll('button.entity').length >= 8`);
      expect(await axeViolations(popup)).toEqual([]);
      await popup.close();
      await tab.hover('tl-mark[data-entity="sparks-group"]');
      await tab.waitFor(CARD_OPEN);
      expect(
        await axeViolations(tab, `{ include: [[['takedown-lens-card', '[role="dialog"]']], ['tl-mark']] }`),
      ).toEqual([]);
      await tab.close();
    });
  });
}
