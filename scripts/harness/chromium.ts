import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium, type Page, type Worker } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function chromiumAvailable(): boolean {
  return existsSync(CHROMIUM_PATH);
}

export interface ExtensionBrowser {
  context: BrowserContext;
  extensionId: string;
  worker: Worker;
  /** A fresh tab. */
  newPage(): Promise<Page>;
  /** The extension's own id for a tab, as its background sees it. */
  tabIdOf(page: Page): Promise<number>;
  close(): Promise<void>;
}

/**
 * Debian's Chromium with the built extension loaded, in a fresh profile, with everything
 * that would reach the network switched off.
 */
export async function launchChromium(extensionDir: string): Promise<ExtensionBrowser> {
  const profile = await mkdtemp(join(tmpdir(), 'takedown-lens-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    viewport: { width: 1280, height: 900 },
    args: [
      `--disable-extensions-except=${extensionDir}`,
      `--load-extension=${extensionDir}`,
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 20_000 }));
  const extensionId = new URL(worker.url()).host;
  return {
    context,
    extensionId,
    worker,
    newPage: () => context.newPage(),
    async tabIdOf(page) {
      await page.bringToFront();
      const id = await worker.evaluate(async () => {
        const api = (globalThis as unknown as { chrome: typeof import('webextension-polyfill') }).chrome;
        const [tab] = await api.tabs.query({ active: true, lastFocusedWindow: true });
        return tab?.id ?? -1;
      });
      if (id < 0) throw new Error('no active tab');
      return id;
    },
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}
