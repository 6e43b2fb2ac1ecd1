import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { launchChromium } from '../scripts/harness/chromium';
import { startServer } from '../scripts/harness/server';

const ROOT = resolve(import.meta.dirname, '..');
const server = await startServer([]);
server.route('/blank.html', { body: '<!doctype html><html><head><title>b</title></head><body></body></html>' });
const b = await launchChromium(resolve(ROOT, '.output/chrome-mv3-bench'));
const page = await b.newPage();
await page.addInitScript(() => {
  const w = window as unknown as { __p: Record<string, number> };
  w.__p = {};
  document.addEventListener('takedown-lens:start', () => {
    w.__p.start = performance.now();
    performance.mark('tl-start');
  });
  document.addEventListener('takedown-lens:idle', () => {
    w.__p.idle = performance.now();
    performance.mark('tl-idle');
  });
});
const cdp = await page.context().newCDPSession(page);
const events: any[] = [];
cdp.on('Tracing.dataCollected', (e) => events.push(...e.value));
const done = new Promise((ok) => cdp.once('Tracing.tracingComplete', ok));
await cdp.send('Tracing.start', {
  categories: 'devtools.timeline,toplevel,blink.user_timing,v8,v8.execute,disabled-by-default-devtools.timeline',
  transferMode: 'ReportEvents',
});
const t0 = Date.now();
await page.goto(`${server.origin}/blank.html`);
await page.waitForFunction(() => (window as any).__p.idle !== undefined, undefined, { timeout: 10000 });
console.log('waited', Date.now() - t0, await page.evaluate(() => (window as any).__p));
await cdp.send('Tracing.end');
await done;
writeFileSync('/tmp/exp/trace.json', JSON.stringify(events));
console.log(events.length);
await b.close();
await server.close();
