import type { Page } from 'playwright-core';
import { type ExtensionBrowser, launchChromium } from '../../../scripts/harness/chromium';
import type { BrowserDriver, Tab } from './driver';

export async function chromiumDriver(extensionDir: string): Promise<BrowserDriver> {
  const browser: ExtensionBrowser = await launchChromium(extensionDir);
  const pages = new Map<Tab, Page>();
  const errors = new Map<Tab, string[]>();

  const wrap = (page: Page): Tab => {
    const tab: Tab = {
      eval: (expression) => page.evaluate(`(async () => (${expression}))()`),
      // Polled through page.evaluate: Playwright's string predicates use eval, which a strict page CSP forbids.
      waitFor: async (expression, timeoutMs = 10_000) => {
        const deadline = Date.now() + timeoutMs;
        for (;;) {
          // A navigation under way destroys the context being asked: ask the next one.
          const met = await page.evaluate(`!!(${expression})`).catch((error: Error) => {
            if (/context was destroyed|navigation/i.test(error.message)) return false;
            throw error;
          });
          if (met) return;
          if (Date.now() > deadline) throw new Error(`waited ${timeoutMs} ms for ${expression}`);
          await page.waitForTimeout(50);
        }
      },
      hover: (selector) => page.hover(selector),
      hoverAway: () => page.mouse.move(2, 2),
      click: (selector) => page.click(selector),
      async tap(selector) {
        let x = 2;
        let y = 2;
        if (selector !== null) {
          const target = page.locator(selector).first();
          await target.scrollIntoViewIfNeeded();
          const box = await target.boundingBox();
          if (!box) throw new Error(`${selector} is not rendered`);
          x = box.x + box.width / 2;
          y = box.y + box.height / 2;
        }
        // What Playwright's touchscreen does, without making every page of the run a touch page.
        const cdp = await page.context().newCDPSession(page);
        await cdp.send('Emulation.setTouchEmulationEnabled', { enabled: true, maxTouchPoints: 1 });
        await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x, y }] });
        await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
        await cdp.detach();
      },
      press: (key) => page.keyboard.press(key === ' ' ? 'Space' : key),
      screenshot: async (path) => {
        await page.screenshot({ path });
      },
      resize: (width, height) => page.setViewportSize({ width, height }),
      bringToFront: () => page.bringToFront(),
      close: () => page.close(),
    };
    pages.set(tab, page);
    const list: string[] = [];
    errors.set(tab, list);
    page.on('pageerror', (e) => list.push(e.message));
    return tab;
  };

  return {
    name: 'chromium',
    async open(url) {
      const page = await browser.newPage();
      await page.goto(url, { timeout: 90_000 });
      return wrap(page);
    },
    async openPopup(target) {
      const page = pages.get(target);
      if (!page) throw new Error('unknown tab');
      const tabId = await browser.tabIdOf(page);
      const popup = await browser.newPage();
      await popup.goto(`chrome-extension://${browser.extensionId}/popup.html?tab=${tabId}`);
      return wrap(popup);
    },
    async badgeText(target) {
      const page = pages.get(target);
      if (!page) throw new Error('unknown tab');
      const tabId = await browser.tabIdOf(page);
      return browser.worker.evaluate(
        (id) =>
          (
            globalThis as unknown as { chrome: { action: { getBadgeText(d: { tabId: number }): Promise<string> } } }
          ).chrome.action.getBadgeText({ tabId: id }),
        tabId,
      );
    },
    pageErrors: (target) => errors.get(target) ?? [],
    close: () => browser.close(),
  };
}
