/**
 * Measuring one page: the floor and the baselines on loads where Takedown Lens is switched
 * off for the site, and Takedown Lens itself on loads where it is on, every load a fresh tab.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { type ExtensionBrowser, launchChromium } from '../../scripts/harness/chromium';
import {
  type FeedState,
  floorPass,
  installProbe,
  markJsPass,
  naivePass,
  type PassResult,
  type ProbeState,
  runFeed,
  whenIdle,
} from './in-page';
import type { BenchPage } from './pages';
import { MainThread, startTrace, type TraceEvent, traceMs } from './trace';

export interface BenchEnv {
  browser: ExtensionBrowser;
  /** Origin where Takedown Lens works (127.0.0.1). */
  onOrigin: string;
  /** The same server under another host name, which the bench switches Takedown Lens off for. */
  offOrigin: string;
  /** The injected content script's URL, as trace events name it. */
  contentUrl: string;
  /** What every URL of the extension's code starts with: the content script and the modules it loads. */
  extensionUrl: string;
  aliases: string[];
  naiveSource: string;
  /** Served by the bench server: mark.js from node_modules. */
  markJsPath: string;
}

export interface RunPlan {
  floorRuns: number;
  tlRuns: number;
  /** Whether the naive baseline runs on this page (the full run samples it). */
  naive: boolean;
  markJs: boolean;
  markJsTimeoutMs: number;
  idleTimeoutMs: number;
  /** Loads of the live page, each with and without Takedown Lens (each takes more than 5 s). */
  liveRuns: number;
}

export interface PageResult {
  id: string;
  group: BenchPage['group'];
  htmlBytes: number;
  textChars: number;
  textNodes: number;
  floorMs: number;
  floorRunsMs: number[];
  /** From `takedown-lens:start` to `takedown-lens:idle`, median of the fresh loads. */
  tlMs: number;
  tlRunsMs: number[];
  /** Setting up before the first pass (matcher, annotator, observers, card layer), from the trace. */
  setupMs: number;
  /** Main-thread time busy between start and idle (the rest of `tlMs` is yielding to the page). */
  busyMs: number;
  marks: number;
  markJsMs?: number;
  /** mark.js did not finish within the timeout: `markJsMs` is a lower bound. */
  markJsTimedOut?: boolean;
  markJsCount?: number;
  naiveMs: number;
  naiveCount: number;
  /**
   * The longest task between start and the frame after idle: the traced load's (exact), or
   * the median over the timed loads of the longest the page's long-task observer saw (it
   * only sees tasks over 50 ms), whichever is longer.
   */
  longestTaskMs: number;
  longestTracedMs: number;
  /** What the traced load's longest task was doing (see `MainThread.longestTaskWhat`). */
  longestTaskWhat?: string;
  /** Timed loads in which the observer saw a task over 50 ms, out of `loads`; the longest it saw. */
  longTaskLoads: number;
  loads: number;
  longestObservedMs: number;
  styleLayoutMs: number;
  /** Garbage collection on the page's main thread from setup to the frame after idle, and the part of it between start and idle (traced load). */
  gcMs: number;
  gcInPassMs: number;
  heapAddedKb: number;
  feed?: FeedResult;
  error?: string;
}

export interface FeedResult {
  batches: number;
  /** Reading the text a batch added (median over batches and loads). */
  floorPerBatchMs: number;
  /** Takedown Lens's main-thread time per batch: its tasks after each batch, until idle. */
  tlPerBatchMs: number;
  longestTaskMs: number;
  styleLayoutMs: number;
}

const median = (xs: number[]): number => {
  if (xs.length === 0) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
};

export { median };

async function withTab<T>(env: BenchEnv, fn: (page: Page) => Promise<T>): Promise<T> {
  const page = await env.browser.newPage();
  try {
    return await fn(page);
  } finally {
    await page.close().catch(() => {});
  }
}

/** JS heap in use after a full collection, in bytes (the isolate's, so every world of the page). */
export async function heapAfterGc(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('HeapProfiler.collectGarbage');
    await cdp.send('HeapProfiler.collectGarbage');
    const { usedSize } = await cdp.send('Runtime.getHeapUsage');
    return usedSize;
  } finally {
    await cdp.detach().catch(() => {});
  }
}

/** Where the bench server serves a page: pages are numbered, their ids are for people. */
export function pagePath(index: number): string {
  return `/p/${index}.html`;
}

const sleep = (ms: number) => new Promise<void>((ok) => setTimeout(ok, ms));

export async function measurePage(env: BenchEnv, page: BenchPage, path: string, plan: RunPlan): Promise<PageResult> {
  const off = `${env.offOrigin}${path}`;
  const on = `${env.onOrigin}${path}`;
  const gotoTimeout = Math.max(30_000, plan.idleTimeoutMs);

  // The floor, and the heap of the page with the extension present but switched off.
  const floors: PassResult[] = [];
  let heapOff = 0;
  const floorLoad = (i: number) =>
    withTab(env, async (tab) => {
      await tab.goto(off, { waitUntil: 'load', timeout: gotoTimeout });
      if (i === 0) heapOff = await heapAfterGc(tab);
      floors.push(await tab.evaluate(floorPass));
    });

  // Takedown Lens: timed loads (nothing else runs in the page), then one traced load.
  const tlRuns: number[] = [];
  let longTasksSeen = 0;
  const observed: number[] = [];
  let heapOn = 0;
  let marks = 0;
  const tlLoad = (i: number) =>
    withTab(env, async (tab) => {
      await tab.goto(on, { waitUntil: 'load', timeout: gotoTimeout });
      const state = await tab.evaluate(whenIdle, plan.idleTimeoutMs);
      const { start, idle } = firstPass(state, page.id);
      tlRuns.push(idle - start);
      // From the start of setting up: its tasks are Takedown Lens's too.
      const from = state.setup.filter((t) => t <= start).pop() ?? start;
      const long = state.longTasks.filter((t) => t.start + t.duration >= from && t.start <= (state.rendered ?? idle));
      if (long.length > 0) longTasksSeen++;
      observed.push(Math.max(0, ...long.map((t) => t.duration)));
      if (i === 0) {
        marks = await tab.evaluate(() => document.querySelectorAll('tl-mark').length);
        heapOn = await heapAfterGc(tab);
      }
    });

  // In turns, so that the machine getting busier or quieter during a page shifts both alike.
  for (let i = 0; i < Math.max(plan.floorRuns, plan.tlRuns); i++) {
    if (i < plan.floorRuns) await floorLoad(i);
    if (i < plan.tlRuns) await tlLoad(i);
  }

  const naive = plan.naive
    ? await withTab(env, async (tab) => {
        await tab.goto(off, { waitUntil: 'load', timeout: gotoTimeout });
        return tab.evaluate(naivePass, env.naiveSource);
      })
    : { ms: Number.NaN, nodes: 0, count: 0 };

  let markJs: { ms: number; count?: number; timedOut: boolean } | undefined;
  if (plan.markJs) {
    markJs = await withTab(env, async (tab) => {
      await tab.goto(off, { waitUntil: 'load', timeout: gotoTimeout });
      await tab.addScriptTag({ url: env.markJsPath });
      const run = tab.evaluate(markJsPass, env.aliases);
      const result = await Promise.race([run, sleep(plan.markJsTimeoutMs).then(() => undefined)]);
      if (result) return { ms: result.ms, count: result.count, timedOut: false };
      run.catch(() => {});
      return { ms: plan.markJsTimeoutMs, timedOut: true };
    });
  }

  const traced = await withTab(env, async (tab) => {
    const cdp = await tab.context().newCDPSession(tab);
    const tracer = await startTrace(cdp);
    let events: TraceEvent[];
    try {
      await tab.goto(on, { waitUntil: 'load', timeout: gotoTimeout });
      const state = await tab.evaluate(whenIdle, plan.idleTimeoutMs);
      firstPass(state, page.id);
    } finally {
      events = await tracer.stop();
    }
    const main = new MainThread(events, 'tl-start');
    const start = main.marks('tl-start')[0] as number;
    const idle = main.marks('tl-idle').find((t) => t >= start) ?? start;
    const rendered = main.marks('tl-rendered')[0] ?? idle;
    // Setting up runs in several tasks (the pattern's compiles each get one): Takedown Lens's time in them.
    const setupAt = main
      .marks('tl-setup')
      .filter((t) => t <= start)
      .pop();
    const setupTasks = setupAt === undefined ? [] : main.scriptTasks(env.extensionUrl, setupAt, start);
    return {
      longestTaskMs: main.longestTaskMs(setupAt ?? start, rendered),
      longestTaskWhat: main.longestTaskWhat(setupAt ?? start, rendered, env.extensionUrl),
      styleLayoutMs: main.styleLayoutMs(start, rendered),
      gcMs: main.garbageCollectionMs(setupAt ?? start, rendered),
      gcInPassMs: main.garbageCollectionMs(start, idle),
      setupMs: setupTasks.reduce((n, t) => n + Math.min(t.ms, traceMs(start - t.at)), 0),
      busyMs: main.scriptTasks(env.extensionUrl, start, idle).reduce((n, t) => n + t.ms, 0),
    };
  });

  const floor = floors[0] as PassResult;
  return {
    id: page.id,
    group: page.group,
    htmlBytes: Buffer.byteLength(page.html),
    textChars: floor.count,
    textNodes: floor.nodes,
    floorMs: median(floors.map((f) => f.ms)),
    floorRunsMs: floors.map((f) => f.ms),
    tlMs: median(tlRuns),
    tlRunsMs: tlRuns,
    setupMs: traced.setupMs,
    busyMs: traced.busyMs,
    marks,
    markJsMs: markJs?.ms,
    markJsTimedOut: markJs?.timedOut,
    markJsCount: markJs?.count,
    naiveMs: naive.ms,
    naiveCount: naive.count,
    // A long task that shows in most loads counts; one in a single load is more likely the machine pausing the renderer.
    longestTaskMs: Math.max(traced.longestTaskMs, median(observed)),
    longestTracedMs: traced.longestTaskMs,
    longestTaskWhat:
      traced.longestTaskMs >= median(observed)
        ? traced.longestTaskWhat
        : 'seen by the long-task observer in the timed loads',
    longTaskLoads: longTasksSeen,
    loads: plan.tlRuns,
    longestObservedMs: Math.max(0, ...observed),
    styleLayoutMs: traced.styleLayoutMs,
    gcMs: traced.gcMs,
    gcInPassMs: traced.gcInPassMs,
    heapAddedKb: (heapOn - heapOff) / 1024,
  };
}

function firstPass(state: ProbeState & { timedOut: boolean }, id: string): { start: number; idle: number } {
  const start = state.start[0];
  const idle = start === undefined ? undefined : state.idle.find((t) => t >= start);
  if (state.timedOut || start === undefined || idle === undefined) {
    throw new Error(`${id}: Takedown Lens did not ${start === undefined ? 'start' : 'go idle'} in time`);
  }
  return { start, idle };
}

/**
 * The live page: Takedown Lens's main-thread time for what each batch adds, against reading
 * that text. The time is taken from traces, counting only Takedown Lens's own code in each
 * task, because the page's appends run in between and the mutation batching waits 100 ms on
 * purpose (that wait is not work).
 */
export async function measureFeed(env: BenchEnv, page: BenchPage, path: string, plan: RunPlan): Promise<PageResult> {
  const off = `${env.offOrigin}${path}`;
  const on = `${env.onOrigin}${path}`;
  const floorBatches: number[] = [];
  let textChars = 0;
  for (let i = 0; i < plan.liveRuns; i++) {
    await withTab(env, async (tab) => {
      await tab.goto(off, { waitUntil: 'load' });
      const feed: FeedState = await tab.evaluate(runFeed, true);
      for (const b of feed.batches) if (b.floor !== undefined) floorBatches.push(b.floor);
      textChars = median(feed.batches.map((b) => b.chars ?? 0));
    });
  }

  const perBatch: number[] = [];
  const longestPerRun: number[] = [];
  const styleLayoutPerRun: number[] = [];
  let batches = 0;
  for (let i = 0; i < plan.liveRuns; i++) {
    await withTab(env, async (tab) => {
      const cdp = await tab.context().newCDPSession(tab);
      const tracer = await startTrace(cdp);
      let events: TraceEvent[];
      let feed: FeedState;
      try {
        await tab.goto(on, { waitUntil: 'load' });
        firstPass(await tab.evaluate(whenIdle, plan.idleTimeoutMs), page.id);
        feed = await tab.evaluate(runFeed, false);
        await tab.evaluate(settle, 400);
      } finally {
        events = await tracer.stop();
      }
      batches = feed.batches.length;
      const main = new MainThread(events, 'feed-batch');
      const starts = main.marks('feed-batch');
      const end = main.marks('feed-settled')[0] ?? Number.POSITIVE_INFINITY;
      const ours = main.scriptTasks(env.extensionUrl, starts[0] as number, end);
      const total = ours.reduce((n, t) => n + t.ms, 0);
      perBatch.push(total / batches);
      longestPerRun.push(Math.max(0, ...ours.map((t) => t.ms)));
      styleLayoutPerRun.push(ours.reduce((n, t) => n + t.styleLayoutMs, 0));
    });
  }

  const longest = median(longestPerRun);
  const floorPerBatchMs = median(floorBatches);
  const tlPerBatchMs = median(perBatch);
  return {
    id: page.id,
    group: page.group,
    htmlBytes: Buffer.byteLength(page.html),
    textChars,
    textNodes: 0,
    floorMs: floorPerBatchMs,
    floorRunsMs: floorBatches,
    tlMs: tlPerBatchMs,
    tlRunsMs: perBatch,
    setupMs: 0,
    busyMs: tlPerBatchMs,
    marks: 0,
    naiveMs: Number.NaN,
    naiveCount: 0,
    longestTaskMs: longest,
    longestTracedMs: longest,
    longestTaskWhat: "Takedown Lens's script, reading a batch (only its own tasks are counted here)",
    longTaskLoads: longestPerRun.filter((t) => t > 50).length,
    loads: plan.liveRuns,
    longestObservedMs: Math.max(0, ...longestPerRun),
    styleLayoutMs: median(styleLayoutPerRun) / Math.max(1, batches),
    gcMs: Number.NaN,
    gcInPassMs: Number.NaN,
    heapAddedKb: Number.NaN,
    feed: {
      batches,
      floorPerBatchMs,
      tlPerBatchMs,
      longestTaskMs: longest,
      styleLayoutMs: median(styleLayoutPerRun) / Math.max(1, batches),
    },
  };
}

/** Resolves once no `takedown-lens:idle` has come for `quietMs`, then leaves a `feed-settled` mark. */
export function settle(quietMs: number): Promise<void> {
  const state = (window as unknown as { __bench: ProbeState }).__bench;
  return new Promise((resolve) => {
    let seen = state.idle.length;
    const check = () => {
      if (state.idle.length !== seen) {
        seen = state.idle.length;
        setTimeout(check, quietMs);
        return;
      }
      performance.mark('feed-settled');
      resolve();
    };
    setTimeout(check, quietMs);
  });
}

export interface BlankResult {
  /** Main-thread time of the content script from its injection at document_idle to idle, median. */
  costMs: number;
  costRunsMs: number[];
  /** The cost in the load the parts below come from. */
  typicalMs: number;
  /** Parts of it, from the median load: compiling the script, evaluating it (module and `main`), the rest. */
  compileMs: number;
  evaluateMs: number;
  setupMs: number;
  firstPassMs: number;
  /** Heap in use (after collection) with the content script on a blank page, less without it. */
  heapHeldKb: number;
  /** The same, with the content script present but switched off for the site. */
  heapSwitchedOffKb: number;
  /** What plain content scripts cost on the same page (measureReferenceScripts). */
  references: ReferenceCosts;
}

type BlankLoad = Omit<BlankResult, 'costRunsMs' | 'typicalMs' | 'heapHeldKb' | 'heapSwitchedOffKb' | 'references'>;

/** One traced load of a page without text: the content script's main-thread time from its injection to idle, in parts. */
async function traceBlankLoad(
  tab: Page,
  url: string,
  scripts: Pick<BenchEnv, 'contentUrl' | 'extensionUrl'>,
): Promise<BlankLoad> {
  const cdp = await tab.context().newCDPSession(tab);
  const tracer = await startTrace(cdp);
  let events: TraceEvent[];
  try {
    await tab.goto(url, { waitUntil: 'load' });
    firstPass(await tab.evaluate(whenIdle, 10_000), 'blank page');
  } finally {
    events = await tracer.stop();
  }
  const main = new MainThread(events, 'tl-start');
  const evaluation = main.events.find((e) => e.name === 'EvaluateScript' && e.args?.data?.url === scripts.contentUrl);
  if (!evaluation) throw new Error('the trace does not show the content script being evaluated');
  const injected = main.taskAt(evaluation.ts) ?? evaluation;
  const start = main.marks('tl-start')[0] as number;
  const idle = main.marks('tl-idle').find((t) => t >= start) as number;
  const compile = main.events.find(
    (e) => e.name === 'v8.compile' && e.ts >= evaluation.ts && e.ts <= evaluation.ts + (evaluation.dur ?? 0),
  );
  const first = main.taskAt(start);
  // A page without text never loads the page module: the loader reports start and idle in
  // one task, with no setup or pass (a real pass always yields between them).
  const setupMs = first && main.taskAt(idle) !== first ? traceMs(start - first.ts) : 0;
  const cost = (from: number, to: number) =>
    main.scriptTasks(scripts.extensionUrl, from, to, true).reduce((n, t) => n + t.ms, 0);
  return {
    costMs: cost(injected.ts, idle),
    compileMs: traceMs(compile?.dur ?? 0),
    evaluateMs: cost(injected.ts, injected.ts) - traceMs(compile?.dur ?? 0),
    setupMs,
    firstPassMs: Math.max(0, cost(start, idle) - setupMs),
  };
}

/** Where the bench server serves the blank page again for the two reference scripts. */
export const REFERENCE_PATHS = { empty: '/__bench/reference-empty.html', settings: '/__bench/reference-settings.html' };

const REFERENCE_SCRIPTS = {
  empty:
    "document.dispatchEvent(new CustomEvent('takedown-lens:start'));\ndocument.dispatchEvent(new CustomEvent('takedown-lens:idle'));\n",
  settings: [
    'chrome.runtime.onMessage.addListener(() => {});',
    'chrome.storage.onChanged.addListener(() => {});',
    "chrome.storage.sync.get('settings').then(() => {",
    "  document.dispatchEvent(new CustomEvent('takedown-lens:start'));",
    "  document.dispatchEvent(new CustomEvent('takedown-lens:idle'));",
    '});',
    '',
  ].join('\n'),
};

export interface ReferenceCosts {
  /** A content script that does nothing. */
  emptyMs: number;
  /** One that does the least a content script with settings does: read them, and listen for changes and messages. */
  settingsMs: number;
}

/**
 * The references for the blank page, in an extension of their own (plain scripts: no WXT, no
 * polyfill), on the same blank page, in the same run, measured the same way.
 */
export async function measureReferenceScripts(origin: string, runs: number): Promise<ReferenceCosts> {
  const dir = mkdtempSync(join(tmpdir(), 'takedown-lens-bench-reference-'));
  writeFileSync(
    join(dir, 'manifest.json'),
    JSON.stringify({
      manifest_version: 3,
      name: 'Reference content scripts (benchmark)',
      version: '1.0',
      permissions: ['storage'],
      background: { service_worker: 'background.js' },
      content_scripts: (['empty', 'settings'] as const).map((kind) => ({
        matches: [`http://*${REFERENCE_PATHS[kind]}`],
        js: [`${kind}.js`],
        run_at: 'document_idle',
      })),
    }),
  );
  writeFileSync(join(dir, 'background.js'), '');
  for (const kind of ['empty', 'settings'] as const) writeFileSync(join(dir, `${kind}.js`), REFERENCE_SCRIPTS[kind]);
  const browser = await launchChromium(dir);
  try {
    await browser.context.addInitScript('globalThis.__name = (f) => f;');
    await browser.context.addInitScript(installProbe);
    const extensionUrl = `chrome-extension://${browser.extensionId}/`;
    const measure = async (kind: 'empty' | 'settings') => {
      const costs: number[] = [];
      const scripts = { contentUrl: `${extensionUrl}${kind}.js`, extensionUrl };
      for (let i = 0; i < runs; i++) {
        // A freshly installed extension may not have its content scripts registered for the first load.
        const load = await retried(3, async () => {
          const tab = await browser.newPage();
          try {
            return await traceBlankLoad(tab, `${origin}${REFERENCE_PATHS[kind]}`, scripts);
          } finally {
            await tab.close().catch(() => {});
          }
        });
        costs.push(load.costMs);
      }
      return median(costs);
    };
    return { emptyMs: await measure('empty'), settingsMs: await measure('settings') };
  } finally {
    await browser.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function retried<T>(times: number, fn: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (error) {
      if (attempt >= times) throw error;
    }
  }
}

/**
 * A blank page: what merely having Takedown Lens installed costs. `noScriptUrl` is the same
 * page where no content script runs (a file: URL), the reference for the heap.
 */
export async function measureBlank(
  env: BenchEnv,
  path: string,
  noScriptUrl: string,
  runs: number,
): Promise<BlankResult> {
  const on = `${env.onOrigin}${path}`;
  const loads: BlankLoad[] = [];
  // A load whose trace lost the content script's evaluation (see startTrace) is loaded again.
  for (let i = 0; i < runs; i++) {
    loads.push(await retried(3, () => withTab(env, (tab) => traceBlankLoad(tab, on, env))));
  }
  const costs = loads.map((l) => l.costMs);
  const typical = [...loads].sort((a, b) => a.costMs - b.costMs)[Math.floor(loads.length / 2)] as BlankLoad;

  const heapOn = await withTab(env, async (tab) => {
    await tab.goto(on, { waitUntil: 'load' });
    firstPass(await tab.evaluate(whenIdle, 10_000), 'blank page');
    return heapAfterGc(tab);
  });
  const heapOff = await withTab(env, async (tab) => {
    await tab.goto(`${env.offOrigin}${path}`, { waitUntil: 'load' });
    await tab.waitForTimeout(300);
    return heapAfterGc(tab);
  });
  const heapNone = await withTab(env, async (tab) => {
    await tab.goto(noScriptUrl, { waitUntil: 'load' });
    await tab.waitForTimeout(300);
    return heapAfterGc(tab);
  });
  return {
    ...typical,
    typicalMs: typical.costMs,
    costMs: median(costs),
    costRunsMs: costs,
    heapHeldKb: (heapOn - heapNone) / 1024,
    heapSwitchedOffKb: (heapOff - heapNone) / 1024,
    references: await measureReferenceScripts(env.onOrigin, runs),
  };
}
