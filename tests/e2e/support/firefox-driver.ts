import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { type Bidi, type ExtensionFirefox, launchFirefox } from '../../../scripts/harness/firefox';
import type { BrowserDriver, Tab } from './driver';

/** The viewport the Chromium harness uses, so layouts (and screenshots) compare. */
const VIEWPORT = { width: 1280, height: 900 };

/** WebDriver's code points for the keys the tests press. */
const KEYS: Record<Parameters<Tab['press']>[0], string> = {
  Tab: '\uE004',
  Enter: '\uE007',
  Escape: '\uE00C',
  ' ': ' ',
};

interface RemoteValue {
  type: string;
  value?: unknown;
  sharedId?: string;
}

type EvaluateResult =
  | { type: 'success'; result: RemoteValue }
  | {
      type: 'exception';
      exceptionDetails: { text: string; stackTrace?: { callFrames: { url: string; lineNumber: number }[] } };
    };

interface LogEntry {
  type: string;
  level: string;
  text: string | null;
  source: { context?: string };
}

interface ContextInfo {
  context: string;
  parent?: string | null;
}

async function evaluate(bidi: Bidi, context: string, expression: string, ownership: 'none' | 'root' = 'none') {
  const result = await bidi.send<EvaluateResult>('script.evaluate', {
    expression,
    target: { context },
    awaitPromise: true,
    resultOwnership: ownership,
    serializationOptions: { maxDomDepth: 0, maxObjectDepth: 0 },
  });
  if (result.type === 'exception') throw new Error(`in the page: ${result.exceptionDetails.text}`);
  return result.result;
}

/** The page's value of an expression, carried as JSON like Playwright's `evaluate` does. */
async function evaluateJson<T>(bidi: Bidi, context: string, expression: string): Promise<T> {
  const value = await evaluate(
    bidi,
    context,
    `(async () => (${expression}))().then((v) => (v === undefined ? undefined : JSON.stringify(v)))`,
  );
  return (value.type === 'string' ? JSON.parse(value.value as string) : undefined) as T;
}

export async function firefoxDriver(extensionDir: string): Promise<BrowserDriver> {
  const browser: ExtensionFirefox = await launchFirefox(extensionDir);
  const { bidi } = browser;
  const contexts = new Map<Tab, string>();
  const errors = new Map<string, string[]>();
  // Errors in a frame count for the tab it is in, as they do for Playwright's `pageerror`.
  const topOf = new Map<string, string>();

  bidi.on('browsingContext.contextCreated', (params) => {
    const info = params as ContextInfo;
    topOf.set(info.context, info.parent ? (topOf.get(info.parent) ?? info.parent) : info.context);
  });
  bidi.on('log.entryAdded', (params) => {
    const entry = params as LogEntry;
    if (entry.type !== 'javascript' || entry.level !== 'error' || !entry.source.context) return;
    const top = topOf.get(entry.source.context) ?? entry.source.context;
    errors.get(top)?.push(entry.text ?? '(no message)');
  });
  try {
    await bidi.send('session.subscribe', { events: ['log.entryAdded', 'browsingContext.contextCreated'] });
  } catch (error) {
    await browser.close();
    throw error;
  }

  const contextOf = (tab: Tab): string => {
    const context = contexts.get(tab);
    if (!context) throw new Error('unknown tab');
    return context;
  };

  /** A new tab (or window) showing `url`, loaded. */
  const create = async (url: string, how: { type: 'tab' | 'window'; background?: boolean; near?: string }) => {
    const { context } = await bidi.send<{ context: string }>('browsingContext.create', {
      type: how.type,
      background: how.background ?? false,
      ...(how.near ? { referenceContext: how.near } : {}),
    });
    errors.set(context, []);
    topOf.set(context, context);
    await bidi.send('browsingContext.setViewport', { context, viewport: VIEWPORT });
    await bidi.send('browsingContext.navigate', { context, url, wait: 'complete' });
    return context;
  };

  /** Scrolls the first match into view when it is not, as Playwright's actions do, and returns its id. */
  const element = async (context: string, selector: string): Promise<string> => {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const value = await evaluate(
        bidi,
        context,
        `(() => {
          const el = document.querySelector(${JSON.stringify(selector)});
          if (!el) return null;
          const r = el.getBoundingClientRect();
          if (r.top < 0 || r.left < 0 || r.bottom > innerHeight || r.right > innerWidth) {
            el.scrollIntoView({ block: 'center', inline: 'center', behavior: 'instant' });
          }
          return el;
        })()`,
      );
      if (value.type === 'node' && value.sharedId) return value.sharedId;
      if (Date.now() > deadline) throw new Error(`no element matches ${selector}`);
      await new Promise((ok) => setTimeout(ok, 50));
    }
  };

  const pointer = (context: string, actions: Record<string, unknown>[]) =>
    bidi.send('input.performActions', {
      context,
      actions: [{ type: 'pointer', id: 'mouse', parameters: { pointerType: 'mouse' }, actions }],
    });

  const toElement = (sharedId: string) => ({
    type: 'pointerMove',
    x: 0,
    y: 0,
    origin: { type: 'element', element: { sharedId } },
  });

  const wrap = (context: string): Tab => {
    const tab: Tab = {
      eval: (expression) => evaluateJson(bidi, context, expression),
      async waitFor(expression, timeoutMs = 10_000) {
        const deadline = Date.now() + timeoutMs;
        while (!(await evaluateJson<boolean>(bidi, context, `!!(${expression})`))) {
          if (Date.now() > deadline) throw new Error(`waited ${timeoutMs} ms for ${expression}`);
          await new Promise((ok) => setTimeout(ok, 50));
        }
      },
      async hover(selector) {
        await pointer(context, [toElement(await element(context, selector))]);
      },
      async hoverAway() {
        await pointer(context, [{ type: 'pointerMove', x: 2, y: 2, origin: 'viewport' }]);
      },
      async click(selector) {
        await pointer(context, [
          toElement(await element(context, selector)),
          { type: 'pointerDown', button: 0 },
          { type: 'pointerUp', button: 0 },
        ]);
      },
      async tap(selector) {
        const at =
          selector === null
            ? { type: 'pointerMove', x: 2, y: 2, origin: 'viewport' }
            : toElement(await element(context, selector));
        await bidi.send('input.performActions', {
          context,
          actions: [
            {
              type: 'pointer',
              id: 'finger',
              parameters: { pointerType: 'touch' },
              actions: [at, { type: 'pointerDown', button: 0 }, { type: 'pointerUp', button: 0 }],
            },
          ],
        });
      },
      async press(key) {
        await bidi.send('input.performActions', {
          context,
          actions: [
            {
              type: 'key',
              id: 'keyboard',
              actions: [
                { type: 'keyDown', value: KEYS[key] },
                { type: 'keyUp', value: KEYS[key] },
              ],
            },
          ],
        });
      },
      async screenshot(path) {
        const { data } = await bidi.send<{ data: string }>('browsingContext.captureScreenshot', { context });
        await mkdir(dirname(path), { recursive: true });
        await writeFile(path, Buffer.from(data, 'base64'));
      },
      async resize(width, height) {
        await bidi.send('browsingContext.setViewport', { context, viewport: { width, height } });
      },
      async bringToFront() {
        await bidi.send('browsingContext.activate', { context });
      },
      async close() {
        await bidi.send('browsingContext.close', { context });
      },
    };
    contexts.set(tab, context);
    return tab;
  };

  /**
   * Runs `use` with the extension's id for `target` and an extension page to call its APIs
   * from. Without the "tabs" permission the extension cannot see a tab's URL or title, so
   * the target is made the active tab of its window and the page, opened in the background
   * beside it, asks for the active tab, exactly as the toolbar popup does.
   */
  const withTabId = async <T>(target: Tab, use: (page: string, tabId: number) => Promise<T>): Promise<T> => {
    const context = contextOf(target);
    await bidi.send('browsingContext.activate', { context });
    const page = await create(`${browser.extensionOrigin}/popup.html`, {
      type: 'tab',
      background: true,
      near: context,
    });
    try {
      const tabId = await evaluateJson<number>(
        bidi,
        page,
        `Promise.all([browser.tabs.getCurrent(), browser.tabs.query({ active: true, currentWindow: true })]).then(
          ([self, active]) => (active.length === 1 && active[0].id !== self?.id ? active[0].id : -1),
        )`,
      );
      if (tabId < 0) throw new Error('could not tell which tab is the target');
      return await use(page, tabId);
    } finally {
      await bidi.send('browsingContext.close', { context: page });
    }
  };

  return {
    name: 'firefox',
    async open(url) {
      return wrap(await create(url, { type: 'tab' }));
    },
    async openPopup(target) {
      const tabId = await withTabId(target, async (_page, id) => id);
      // A window of its own keeps the target the visible, selected tab of its window, as it
      // stays while the real toolbar popup is open.
      return wrap(await create(`${browser.extensionOrigin}/popup.html?tab=${tabId}`, { type: 'window' }));
    },
    badgeText(target) {
      return withTabId(target, (page, tabId) =>
        evaluateJson<string>(bidi, page, `(browser.action ?? browser.browserAction).getBadgeText({ tabId: ${tabId} })`),
      );
    },
    pageErrors: (target) => errors.get(contexts.get(target) ?? '') ?? [],
    close: () => browser.close(),
  };
}
