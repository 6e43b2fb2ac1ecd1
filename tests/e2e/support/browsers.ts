import { resolve } from 'node:path';
import { chromiumAvailable } from '../../../scripts/harness/chromium';
import { FIREFOX_PATH, firefoxAvailable } from '../../../scripts/harness/firefox';
import { chromiumDriver } from './chromium-driver';
import type { BrowserDriver } from './driver';
import { firefoxDriver } from './firefox-driver';

export const ROOT = resolve(import.meta.dirname, '../../..');
export const FIXTURES = resolve(ROOT, 'tests/fixtures/pages');

export interface BrowserTarget {
  name: 'chromium' | 'firefox';
  /** Why the tier is skipped on this machine, or undefined when it runs. */
  skip?: string;
  launch(): Promise<BrowserDriver>;
}

/** The browsers the end-to-end suite runs in; a missing browser is skipped with a reason, never silently. */
export function browserTargets(): BrowserTarget[] {
  return [
    {
      name: 'chromium',
      skip: chromiumAvailable() ? undefined : 'Chromium not found at /usr/bin/chromium (apt-get install -y chromium)',
      launch: () => chromiumDriver(resolve(ROOT, '.output/chrome-mv3')),
    },
    {
      name: 'firefox',
      skip: firefoxAvailable()
        ? undefined
        : `Firefox ESR not found at ${FIREFOX_PATH} (apt-get install -y firefox-esr)`,
      launch: () => firefoxDriver(resolve(ROOT, '.output/firefox-mv2')),
    },
  ];
}
