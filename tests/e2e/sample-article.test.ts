import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../../scripts/harness/server';
import { type BrowserTarget, browserTargets, FIXTURES } from './support/browsers';
import { type BrowserDriver, CARD_OPEN, CARD_TEXT, MARKS, type Tab } from './support/driver';

const ARTICLE = '/sparks-group-article.html';

for (const target of browserTargets()) {
  describe.skipIf(target.skip !== undefined)(`${target.name}: the sample article`, () => {
    let server: TestServer;
    let browser: BrowserDriver;

    beforeAll(async () => {
      server = await startServer([FIXTURES]);
      browser = await (target as BrowserTarget).launch();
    });
    afterAll(async () => {
      await browser?.close();
      await server?.close();
    });

    async function openArticle(): Promise<Tab> {
      const tab = await browser.open(server.origin + ARTICLE);
      await tab.waitFor(`document.querySelectorAll('tl-mark[data-entity="hsi"]').length > 0`);
      return tab;
    }

    it('marks the first mention of every agency and case in the article, and nothing in code or forms', async () => {
      const tab = await openArticle();
      const marks = await tab.eval<string[]>(MARKS);
      expect(new Set(marks)).toEqual(
        new Set(['sparks-group', 'europol', 'eurojust', 'usao-sdny', 'interpol', 'hsi', 'uspis', 'megaupload']),
      );
      expect(
        await tab.eval<number>(
          `document.querySelectorAll('pre tl-mark, textarea tl-mark, [contenteditable] tl-mark').length`,
        ),
      ).toBe(0);
      expect(browser.pageErrors(tab)).toEqual([]);
      await tab.close();
    });

    it('opens a sourced card on hover for the Sparks Group, Europol, Eurojust and HSI', async () => {
      const tab = await openArticle();
      const expectations: [string, RegExp[]][] = [
        ['sparks-group', [/Sparks Group/, /George Bridi/, /Pleaded guilty/, /Sources \(\d+\)/]],
        ['europol', [/European Union Agency for Law Enforcement Cooperation/, /Sparks Group/]],
        ['eurojust', [/Eurojust|Criminal Justice Cooperation/, /Sources/]],
        ['hsi', [/Homeland Security Investigations/, /Sources/]],
      ];
      for (const [entity, patterns] of expectations) {
        await tab.hover(`tl-mark[data-entity="${entity}"]`);
        await tab.waitFor(
          `${CARD_OPEN} && document.querySelector('takedown-lens-card').shadowRoot.querySelector('.card').dataset.entity === '${entity}'`,
        );
        const text = await tab.eval<string>(CARD_TEXT);
        for (const p of patterns) expect(text).toMatch(p);
        const links = await tab.eval<{ href: string; rel: string; target: string }[]>(
          `[...document.querySelector('takedown-lens-card').shadowRoot.querySelectorAll('a')].map((a) => ({ href: a.href, rel: a.rel, target: a.target }))`,
        );
        expect(links.length).toBeGreaterThan(0);
        for (const link of links) {
          expect(link.href).toMatch(/^https:\/\//);
          expect(link.rel).toBe('noopener noreferrer');
          expect(link.target).toBe('_blank');
        }
        await tab.hoverAway();
        await tab.waitFor(`!(${CARD_OPEN})`);
      }
      await tab.close();
    });

    const cardOf = (entity: string) =>
      `${CARD_OPEN} && document.querySelector('takedown-lens-card').shadowRoot.querySelector('.card').dataset.entity === '${entity}'`;

    it('opens a card with a tap on a touch screen, and a tap elsewhere closes it', async () => {
      const tab = await openArticle();
      await tab.tap('tl-mark[data-entity="eurojust"]');
      await tab.waitFor(cardOf('eurojust'));
      expect(await tab.eval<string>(CARD_TEXT)).toMatch(/Criminal Justice Cooperation|Eurojust/);
      await tab.tap(null);
      await tab.waitFor(`!(${CARD_OPEN})`);
      await tab.close();
    });

    it('keeps the card and the marks when the name is a link to a place in the page', async () => {
      const tab = await openArticle();
      const marks = await tab.eval<string[]>(MARKS);
      await tab.click('a[href="#europol"] tl-mark');
      await tab.waitFor(`location.hash === '#europol' && ${cardOf('europol')}`);
      // The address watcher looks once a second; a new page would be read again and its card closed.
      await new Promise((done) => setTimeout(done, 2500));
      expect(await tab.eval<boolean>(cardOf('europol'))).toBe(true);
      expect(await tab.eval<string[]>(MARKS)).toEqual(marks);
      await tab.close();
    });

    it('opens a card on keyboard focus, and Escape closes it and returns focus to the name', async () => {
      const tab = await openArticle();
      await tab.eval(`document.activeElement?.blur()`);
      let focused = '';
      for (let i = 0; i < 10 && focused !== 'sparks-group'; i++) {
        await tab.press('Tab');
        focused = await tab.eval<string>(`document.activeElement?.getAttribute('data-entity') ?? ''`);
      }
      expect(focused).toBe('sparks-group');
      await tab.waitFor(CARD_OPEN);
      expect(await tab.eval<string>(`document.activeElement.getAttribute('aria-expanded')`)).toBe('true');
      await tab.press('Enter');
      await tab.waitFor(`document.activeElement?.tagName === 'TAKEDOWN-LENS-CARD'`);
      await tab.press('Escape');
      await tab.waitFor(`!(${CARD_OPEN})`);
      expect(await tab.eval<string>(`document.activeElement?.getAttribute('data-entity') ?? ''`)).toBe('sparks-group');
      expect(await tab.eval<string>(`document.activeElement.getAttribute('aria-expanded')`)).toBe('false');
      await tab.close();
    });

    it('keeps the card on screen, its text unclipped and its details scrollable at 200 % and 400 % zoom', async () => {
      // A 1280 × 800 window lays pages out in 640 × 400 CSS pixels at 200 % zoom, and in 320 × 200 at 400 %.
      for (const [width, height] of [
        [640, 400],
        [320, 200],
      ] as const) {
        const tab = await openArticle();
        await tab.resize(width, height);
        // From the keyboard: at 400 % the article's own sidebar lies over the name, out of a pointer's reach.
        await tab.eval(
          `(() => { const mark = document.querySelector('tl-mark[data-entity="sparks-group"]'); mark.scrollIntoView({ block: 'center' }); mark.focus(); })()`,
        );
        await tab.press('Enter');
        await tab.waitFor(CARD_OPEN);
        await tab.waitFor(`(${CARD_TEXT}).includes('Sparks Group')`);
        const layout = await tab.eval<{ inside: boolean; clipped: boolean; scrolls: boolean; rect: string }>(
          `(() => {
            const card = document.querySelector('takedown-lens-card').shadowRoot.querySelector('.card');
            const body = card.querySelector('.body');
            const r = card.getBoundingClientRect();
            return {
              inside: r.left >= 0 && r.top >= 0 && r.right <= innerWidth && r.bottom <= innerHeight,
              clipped: card.scrollWidth > card.clientWidth || body.scrollWidth > body.clientWidth,
              scrolls: body.scrollHeight > body.clientHeight && getComputedStyle(body).overflowY === 'auto',
              rect: [r.left, r.top, r.right, r.bottom].map(Math.round).join(',') + ' in ' + innerWidth + 'x' + innerHeight,
            };
          })()`,
        );
        const { rect, ...fits } = layout;
        expect(fits, `the card at ${rect}`).toEqual({ inside: true, clipped: false, scrolls: true });
        await tab.close();
      }
    });

    it('moves from a case card to an agency card and back', async () => {
      const tab = await openArticle();
      await tab.click('tl-mark[data-entity="sparks-group"]');
      await tab.waitFor(CARD_OPEN);
      await tab.eval(
        `[...document.querySelector('takedown-lens-card').shadowRoot.querySelectorAll('button.link')].find((b) => b.textContent.startsWith('Europol')).click()`,
      );
      await tab.waitFor(
        `document.querySelector('takedown-lens-card').shadowRoot.querySelector('.card').dataset.entity === 'europol'`,
      );
      await tab.eval(
        `document.querySelector('takedown-lens-card').shadowRoot.querySelector('button[aria-label="Back"]').click()`,
      );
      await tab.waitFor(
        `document.querySelector('takedown-lens-card').shadowRoot.querySelector('.card').dataset.entity === 'sparks-group'`,
      );
      await tab.close();
    });

    /** The body as the browser parses the served HTML, before any script or extension touched it. */
    const PARSED_BODY = `new DOMParser().parseFromString(await (await fetch(location.href)).text(), 'text/html').body.innerHTML`;

    it('switching off in the popup removes every mark and card and restores the page exactly; on puts them back', async () => {
      const tab = await openArticle();
      const markedText = await tab.eval<string>('document.body.innerText');
      await tab.hover('tl-mark[data-entity="europol"]');
      await tab.waitFor(CARD_OPEN);
      const popup = await browser.openPopup(tab);
      await popup.waitFor(`document.querySelector('#enabled') !== null`);
      await popup.click('#enabled');
      await tab.waitFor(
        `document.querySelectorAll('tl-mark').length === 0 && !document.querySelector('takedown-lens-card')`,
      );
      expect(await tab.eval<string>('document.body.innerHTML')).toBe(await tab.eval<string>(PARSED_BODY));
      expect(await tab.eval<string>('document.body.innerText')).toBe(markedText);
      await popup.click('#enabled');
      await tab.waitFor(`document.querySelectorAll('tl-mark').length >= 8`);
      await popup.close();
      await tab.close();
    });
  });
}
