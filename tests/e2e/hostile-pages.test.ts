import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../../scripts/harness/server';
import { type BrowserTarget, browserTargets } from './support/browsers';
import type { BrowserDriver, Tab } from './support/driver';

/** A paragraph about piracy enforcement, so the page is annotated under the default settings. */
const STORY =
  'Europol and Eurojust supported the takedown of the Sparks Group piracy network; its operators face charges of criminal copyright infringement.';

const page = (body: string, head = '') =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>test</title>${head}</head><body>${body}</body></html>`;

/** Team-made pages that misbehave in the ways real pages do. */
const PAGES: Record<string, { body: string; type?: string }> = {
  '/removes-marks.html': {
    body: page(
      `<p id="p">${STORY}</p><script>
        window.__marksSeen = 0;
        const p = document.getElementById('p');
        const text = p.textContent;
        new MutationObserver(() => {
          if (p.querySelector('tl-mark')) { window.__marksSeen++; p.textContent = text; }
        }).observe(p, { childList: true, subtree: true });
      </script>`,
    ),
  },
  '/moves-marks.html': {
    body: page(
      `<p id="p">${STORY}</p><div id="bin"></div><script>
        new MutationObserver(() => {
          const m = document.querySelector('#p tl-mark');
          if (m) document.getElementById('bin').appendChild(m);
        }).observe(document.getElementById('p'), { childList: true, subtree: true });
      </script>`,
    ),
  },
  '/replaces-body.html': {
    body: page(
      `<p>Loading…</p><script>
        setTimeout(() => {
          const body = document.createElement('body');
          body.innerHTML = '<p id="fresh">${STORY}</p>';
          document.body = body;
        }, 600);
      </script>`,
    ),
  },
  '/deep.html': {
    body: page(`${'<div>'.repeat(5000)}<p id="deep">${STORY}</p>${'</div>'.repeat(5000)}`),
  },
  '/huge-text.html': {
    body: page(
      `${'<p>An ordinary paragraph of text that names nobody in particular and goes on for a while.</p>'.repeat(110_000)}<p id="last">${STORY}</p>`,
    ),
  },
  '/many-nodes.html': {
    // 500,000 elements and their 500,000 text nodes.
    body: page(`<div>${'<span>x</span>'.repeat(500_000)}</div><p id="last">${STORY}</p>`),
  },
  '/frames.html': {
    body: page(`<p id="top">${STORY}</p><iframe srcdoc="<p>${STORY}</p>"></iframe>`),
  },
  '/shadow.html': {
    body: page(
      `<p id="top">${STORY}</p><div id="open"></div><div id="closed"></div><script>
        document.getElementById('open').attachShadow({ mode: 'open' }).innerHTML = '<p>${STORY}</p>';
        document.getElementById('closed').attachShadow({ mode: 'closed' }).innerHTML = '<p>${STORY}</p>';
      </script>`,
    ),
  },
  '/quirks.html': { body: `<html><body><p id="p">${STORY}</p></body></html>` },
  '/xhtml.xhtml': {
    body: `<?xml version="1.0" encoding="UTF-8"?><html xmlns="http://www.w3.org/1999/xhtml"><head><title>x</title></head><body><p id="p">${STORY}</p></body></html>`,
    type: 'application/xhtml+xml; charset=utf-8',
  },
  '/rtl.html': {
    body: `<!doctype html><html lang="ar" dir="rtl"><head><meta charset="utf-8"><title>rtl</title></head><body><p id="p">قال مكتب Europol إن شبكة القرصنة Sparks Group قد تم تفكيكها؛ online piracy و copyright infringement.</p></body></html>`,
  },
  '/odd-text.html': {
    body: page(`<p id="p">\ud800 ${STORY} \u0007\u0000 \udfff Eurojust\u200b!</p>`),
  },
};

for (const target of browserTargets()) {
  describe.skipIf(target.skip !== undefined)(`${target.name}: hostile and strange pages`, () => {
    let server: TestServer;
    let browser: BrowserDriver;

    beforeAll(async () => {
      server = await startServer([]);
      for (const [path, p] of Object.entries(PAGES)) server.route(path, { body: p.body, type: p.type });
      browser = await (target as BrowserTarget).launch();
    });
    afterAll(async () => {
      await browser?.close();
      await server?.close();
    });

    async function open(path: string): Promise<Tab> {
      return browser.open(`${server.origin}${path}`);
    }

    it('backs off from a page that removes every mark it makes, instead of looping', async () => {
      const tab = await open('/removes-marks.html');
      await tab.waitFor('window.__marksSeen > 0');
      await new Promise((r) => setTimeout(r, 3000));
      const seen = await tab.eval<number>('window.__marksSeen');
      expect(seen).toBeLessThanOrEqual(5);
      expect(await tab.eval<string>(`document.getElementById('p').textContent`)).toBe(STORY);
      expect(browser.pageErrors(tab)).toEqual([]);
      await tab.close();
    });

    it('survives a page that moves its marks elsewhere', async () => {
      const tab = await open('/moves-marks.html');
      await tab.waitFor(`document.querySelector('#bin tl-mark') !== null`);
      await new Promise((r) => setTimeout(r, 1500));
      expect(browser.pageErrors(tab)).toEqual([]);
      await tab.close();
    });

    it('annotates a body the page swapped in after load', async () => {
      const tab = await open('/replaces-body.html');
      await tab.waitFor(`document.querySelector('#fresh tl-mark[data-entity="europol"]') !== null`);
      expect(browser.pageErrors(tab)).toEqual([]);
      await tab.close();
    });

    it('reaches the end of 5,000 nested elements', async () => {
      const tab = await open('/deep.html');
      await tab.waitFor(`document.querySelector('#deep tl-mark') !== null`);
      await tab.close();
    });

    for (const [what, path] of [
      ['10 MB of text', '/huge-text.html'],
      ['a million elements', '/many-nodes.html'],
    ]) {
      it(`finishes a page of ${what}`, async () => {
        const tab = await open(path as string);
        await tab.waitFor(`document.querySelector('#last tl-mark') !== null`, 60_000);
        expect(browser.pageErrors(tab)).toEqual([]);
        await tab.close();
      }, 90_000);
    }

    it('leaves frames and shadow roots alone and still marks the page', async () => {
      const frames = await open('/frames.html');
      await frames.waitFor(`document.querySelector('#top tl-mark') !== null`);
      expect(browser.pageErrors(frames)).toEqual([]);
      await frames.close();
      const shadow = await open('/shadow.html');
      await shadow.waitFor(`document.querySelector('#top tl-mark') !== null`);
      expect(
        await shadow.eval<number>(`document.getElementById('open').shadowRoot.querySelectorAll('tl-mark').length`),
      ).toBe(0);
      expect(browser.pageErrors(shadow)).toEqual([]);
      await shadow.close();
    });

    it('works in quirks mode, in XHTML and on right-to-left pages', async () => {
      for (const path of ['/quirks.html', '/xhtml.xhtml', '/rtl.html']) {
        const tab = await open(path);
        await tab.waitFor(`document.querySelector('#p tl-mark[data-entity="europol"]') !== null`);
        await tab.hover('#p tl-mark[data-entity="europol"]');
        await tab.waitFor(
          `!!document.querySelector('takedown-lens-card')?.shadowRoot?.querySelector('.card[data-entity="europol"]')`,
        );
        expect(browser.pageErrors(tab)).toEqual([]);
        await tab.close();
      }
    });

    it('copes with unpaired surrogates, control characters and zero-width spaces', async () => {
      const tab = await open('/odd-text.html');
      await tab.waitFor(`document.querySelector('#p tl-mark[data-entity="eurojust"]') !== null`);
      const text = await tab.eval<string>(`document.getElementById('p').textContent`);
      expect(text).toContain('\u0007');
      expect(text).toContain('Eurojust\u200b!');
      expect(browser.pageErrors(tab)).toEqual([]);
      await tab.close();
    });
  });
}
