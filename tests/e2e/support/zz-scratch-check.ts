import { resolve } from 'node:path';
import { startServer } from '../../../scripts/harness/server';
import { FIXTURES, ROOT } from './browsers';
import { firefoxDriver } from './firefox-driver';

const server = await startServer([FIXTURES]);
const browser = await firefoxDriver(resolve(ROOT, '.output/firefox-mv2'));
const a = await browser.open(server.origin + '/sparks-group-article.html');
await a.waitFor(`document.querySelectorAll('tl-mark[data-entity="hsi"]').length > 0`);
await a.hover('tl-mark[data-entity="sparks-group"]');
await a.waitFor(
  `!!document.querySelector('takedown-lens-card')?.shadowRoot?.querySelector('[role="dialog"] .card[data-entity]')`,
);
await new Promise((ok) => setTimeout(ok, 1000));
console.log(
  await a.eval(`document.querySelector('takedown-lens-card').shadowRoot.querySelector('.card').style.transform`),
);
await a.screenshot('/tmp/ffcheck/card-later.png');
await a.eval(`void Promise.reject(new Error('rejected in page'))`);
await new Promise((ok) => setTimeout(ok, 1000));
console.log('errors a', browser.pageErrors(a));
await browser.close();
await server.close();
