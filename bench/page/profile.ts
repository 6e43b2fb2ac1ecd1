/**
 * `--profile`: where Takedown Lens's time goes on one page, from V8's sampling profiler (CDP
 * `Profiler`): over the whole load, and over the first pass alone (`takedown-lens:start` to
 * the idle after it), with what ran outside the content script meanwhile (garbage collection,
 * the browser's own work). Run against a build that is not minified, so functions keep their names.
 */
import { runFeed, whenIdle } from './in-page';
import { type BenchEnv, settle } from './measure';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** Where the non-minified build for profiles goes, next to the measured one. */
export const PROFILE_BUILD_DIR = 'chrome-mv3-bench-profile';

export async function buildForProfile(root: string): Promise<void> {
  const { build } = await import('wxt');
  await build({
    root,
    mode: 'bench',
    outDirTemplate: PROFILE_BUILD_DIR,
    vite: () => ({ build: { minify: false } }),
  });
}

/**
 * `--sizes`: what the content script's bytes are made of. Each part (a package, the
 * dataset's match index, the project's own folders) is minified and compressed alone, so
 * the parts add up to a little more than the whole, which compresses across them.
 */
export async function contentScriptParts(root: string): Promise<string> {
  const { build } = await import('wxt');
  const { transformWithEsbuild } = await import('vite');
  const modules = new Map<string, string>();
  await build({
    root,
    // The release, which the size budget weighs (the bench build adds its events).
    mode: 'production',
    outDirTemplate: 'chrome-mv3-bench-sizes',
    vite: () => ({
      plugins: [
        {
          name: 'takedown-lens-bench-sizes',
          generateBundle(
            _options: unknown,
            bundle: Record<
              string,
              { type: string; fileName: string; modules?: Record<string, { code: string | null }> }
            >,
          ) {
            for (const chunk of Object.values(bundle)) {
              // The injected script (WXT's build) and the page module it loads (the second build, whose
              // outDir is already content-scripts/page); not the card view, which loads when a card opens.
              const loaded = chunk.fileName.startsWith('content-scripts/') || chunk.fileName === 'page.js';
              if (chunk.type !== 'chunk' || !loaded) continue;
              for (const [id, m] of Object.entries(chunk.modules ?? {})) modules.set(id, m.code ?? '');
            }
          },
        },
      ],
    }),
  });
  const groups = new Map<string, string[]>();
  for (const [id, code] of modules) {
    const clean = id.replace(/^\0/, '');
    const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(clean)?.[1];
    const local = clean.startsWith(root)
      ? clean
          .slice(root.length + 1)
          .split('/')
          .slice(0, 2)
          .join('/')
      : clean;
    const virtual = clean.startsWith('virtual:takedown-lens') ? `${clean} (the dataset's names and pattern)` : 'wxt';
    const key = pkg ?? (clean.startsWith('virtual:') ? virtual : local);
    groups.set(key, [...(groups.get(key) ?? []), code]);
  }
  const { gzipSync } = await import('node:zlib');
  const rows: { key: string; min: number; gz: number }[] = [];
  for (const [key, codes] of groups) {
    // Each module minified alone (two modules of a part may declare the same top-level name), then compressed together.
    const mins = await Promise.all(
      codes.map(async (c) => (await transformWithEsbuild(c, 'part.js', { minify: true })).code),
    );
    const min = mins.join('\n');
    rows.push({ key, min: Buffer.byteLength(min), gz: gzipSync(min, { level: 9 }).length });
  }
  rows.sort((a, b) => b.gz - a.gz);
  return [
    'Content script by part (each minified and gzipped alone):',
    ...rows.map(
      (r) =>
        `  ${(r.gz / 1000).toFixed(1).padStart(6)} kB gzip  ${(r.min / 1000).toFixed(1).padStart(6)} kB min  ${r.key}`,
    ),
  ].join('\n');
}

/** With `feed`, the live page's feed runs after the first pass and the profile covers it too. */
export async function profilePage(env: BenchEnv, path: string, label: string, feed = false): Promise<string> {
  const tab = await env.browser.newPage();
  try {
    const cdp = await tab.context().newCDPSession(tab);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 50 });
    // The pass alone, profiled from the page: console.profile runs synchronously in the bench
    // build's own events, so the window is exactly start to idle, with no round trip to Node.
    const passProfile = new Promise<CpuProfile>((resolve) =>
      cdp.on('Profiler.consoleProfileFinished', (e) => resolve((e as unknown as { profile: CpuProfile }).profile)),
    );
    await tab.addInitScript(() => {
      let started = false;
      document.addEventListener('takedown-lens:start', () => {
        if (started) return;
        started = true;
        console.profile('pass');
      });
      document.addEventListener('takedown-lens:idle', () => {
        if (started) console.profileEnd('pass');
      });
    });
    await cdp.send('Profiler.start');
    await tab.goto(`${env.onOrigin}${path}`, { waitUntil: 'load', timeout: 120_000 });
    const state = await tab.evaluate(whenIdle, 180_000);
    if (feed) {
      await tab.evaluate(runFeed, false);
      await tab.evaluate(settle, 400);
    }
    const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: CpuProfile };
    const start = state.start[0];
    const idle = start === undefined ? undefined : state.idle.find((t) => t >= start);
    if (start === undefined || idle === undefined) throw new Error(`${label}: Takedown Lens did not finish`);
    return [
      summarise(profile, env.extensionUrl, `${label} (sampled every 50 µs, the whole load)`, idle - start),
      summarise(await passProfile, env.extensionUrl, `${label}, the first pass only (start to idle)`, idle - start),
    ].join('\n\n');
  } finally {
    await tab.close();
  }
}

function summarise(profile: CpuProfile, extensionUrl: string, label: string, windowMs: number): string {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  let scriptMs = 0;
  let gcMs = 0;
  const others = new Map<string, number>();
  const key = (n: ProfileNode) => {
    const f = n.callFrame;
    const where = f.url
      ? `${f.url.split('/').pop()}${f.url.startsWith(extensionUrl) ? `:${f.lineNumber + 1}` : ''}`
      : '';
    const name = f.functionName || '(anonymous)';
    return `${name.length > 60 ? `${name.slice(0, 57)}…` : name} ${where}`.trim();
  };
  profile.samples.forEach((id, i) => {
    const ms = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    const node = byId.get(id);
    if (!node) return;
    const stack: ProfileNode[] = [];
    for (let n: ProfileNode | undefined = node; n; n = byId.get(parent.get(n.id) ?? -1)) stack.push(n);
    const ours = stack.some((n) => n.callFrame.url.startsWith(extensionUrl));
    if (node.callFrame.functionName === '(garbage collector)') gcMs += ms;
    if (!ours) {
      const k = node.callFrame.functionName || key(node);
      others.set(k, (others.get(k) ?? 0) + ms);
      return;
    }
    scriptMs += ms;
    self.set(key(node), (self.get(key(node)) ?? 0) + ms);
    for (const k of new Set(stack.map(key))) total.set(k, (total.get(k) ?? 0) + ms);
  });
  const top = (m: Map<string, number>, n: number) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([k, v]) => `  ${v.toFixed(2).padStart(9)} ms  ${k}`)
      .join('\n');
  return [
    `Profile of Takedown Lens on ${label}:`,
    `  first pass, start to idle: ${windowMs.toFixed(2)} ms; samples in the content script: ${scriptMs.toFixed(2)} ms; ` +
      `garbage collection (all): ${gcMs.toFixed(2)} ms`,
    'Outside the content script:',
    top(others, 8),
    'Self time:',
    top(self, 25),
    'Total time (function and what it calls):',
    top(total, 25),
  ].join('\n');
}
