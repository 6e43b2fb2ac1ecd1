import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../../scripts/harness/server';
import { type BrowserTarget, browserTargets, FIXTURES, ROOT } from './support/browsers';
import { type BrowserDriver, CARD_OPEN } from './support/driver';

const LATE = [
  'eurojust',
  'interpol',
  'hsi',
  'sparks-group',
  'uspis',
  'megaupload',
  'fbi',
  'kickass-torrents',
  'the-pirate-bay',
  'z-library',
];

for (const target of browserTargets()) {
  describe.skipIf(target.skip !== undefined)(`${target.name}: strict CSP, live and hydrated pages`, () => {
    let server: TestServer;
    let browser: BrowserDriver;

    beforeAll(async () => {
      server = await startServer([FIXTURES]);
      server.route('/csp-article.html', {
        body: readFileSync(resolve(FIXTURES, 'sparks-group-article.html')),
        headers: { 'content-security-policy': "default-src 'none'; style-src 'none'; script-src 'none'" },
      });
      server.route('/late-text.html', {
        type: 'text/html',
        body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Loading</title></head><body><script>
setTimeout(() => document.body.insertAdjacentHTML('beforeend',
  '<p>Europol and Eurojust helped dismantle the Sparks Group, a piracy network that leaked films online; prosecutors charged its leaders with copyright infringement.</p>'), 1500);
</script></body></html>`,
      });
      server.route('/vendor/preact.mjs', {
        body: readFileSync(resolve(ROOT, 'node_modules/preact/dist/preact.mjs')),
        type: 'text/javascript',
      });
      server.route('/vendor/hooks.mjs', {
        body: readFileSync(resolve(ROOT, 'node_modules/preact/hooks/dist/hooks.mjs')),
        type: 'text/javascript',
      });
      browser = await (target as BrowserTarget).launch();
    });
    afterAll(async () => {
      await browser?.close();
      await server?.close();
    });

    it('shows styled cards on a page whose CSP forbids every style and script', async () => {
      const tab = await browser.open(`${server.origin}/csp-article.html`);
      await tab.waitFor(`document.querySelector('tl-mark[data-entity="europol"]') !== null`);
      await tab.hover('tl-mark[data-entity="europol"]');
      await tab.waitFor(CARD_OPEN);
      const style = await tab.eval<{ radius: string; position: string; font: string }>(`(() => {
        const card = document.querySelector('takedown-lens-card').shadowRoot.querySelector('.card');
        const s = getComputedStyle(card);
        return { radius: s.borderTopLeftRadius, position: s.position, font: s.fontSize };
      })()`);
      expect(style).toEqual({ radius: '10px', position: 'fixed', font: '14px' });
      const underline = await tab.eval<string>(
        `getComputedStyle(document.querySelector('tl-mark[data-entity="europol"]')).textDecorationLine`,
      );
      expect(underline).toContain('underline');
      await tab.close();
    });

    it('reads a page that had no text when it loaded, once its text arrives', async () => {
      const tab = await browser.open(`${server.origin}/late-text.html`);
      await tab.waitFor(`document.querySelector('tl-mark[data-entity="sparks-group"]') !== null`);
      const marked = await tab.eval<string[]>(
        `[...document.querySelectorAll('tl-mark')].map((m) => m.getAttribute('data-entity'))`,
      );
      expect(marked).toEqual(expect.arrayContaining(['europol', 'eurojust', 'sparks-group']));
      await tab.close();
    });

    it('marks names in articles a live page adds later', async () => {
      const tab = await browser.open(`${server.origin}/live-feed.html`);
      await tab.waitFor(`document.body.dataset.feedDone === 'true'`, 20_000);
      await tab.waitFor(
        `${JSON.stringify(LATE)}.every((id) => document.querySelector('#feed tl-mark[data-entity="' + id + '"]'))`,
        10_000,
      );
      expect(await tab.eval<number>(`document.querySelectorAll('#feed article').length`)).toBe(40);
      expect(browser.pageErrors(tab)).toEqual([]);
      await tab.close();
    });

    it('reads the page again after a single-page-app navigation', async () => {
      const tab = await browser.open(`${server.origin}/spa.html`);
      await tab.waitFor(`document.querySelector('tl-mark[data-entity="europol"]') !== null`);
      await tab.click('#next');
      await tab.waitFor(`location.pathname === '/spa-story-2.html'`);
      await tab.waitFor(
        `document.querySelector('#story tl-mark[data-entity="interpol"]') !== null && document.querySelector('#story tl-mark[data-entity="fbi"]') !== null`,
      );
      expect(browser.pageErrors(tab)).toEqual([]);
      await tab.close();
    });

    it('keeps a page hydrated by a framework working', async () => {
      const tab = await browser.open(`${server.origin}/hydrated-app.html`);
      await tab.waitFor(`document.body.dataset.hydrated === 'true'`);
      await tab.waitFor(`document.querySelector('tl-mark[data-entity="europol"]') !== null`);
      for (let i = 0; i < 3; i++) await tab.click('#more');
      await tab.waitFor(`document.getElementById('count').textContent === '3'`);
      expect(await tab.eval<string>(`document.querySelector('h1').textContent`)).toBe(
        'Europol and Eurojust back the Sparks Group takedown',
      );
      expect(browser.pageErrors(tab)).toEqual([]);
      await tab.close();
    });
  });
}
