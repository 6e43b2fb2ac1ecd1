/**
 * Functions that run inside the benchmarked page (Playwright serialises them), so every
 * duration here is taken with the page's own `performance.now()`, on the page's main thread,
 * with no round trip to Node inside the timed part.
 */

export interface ProbeState {
  /** `performance.now()` of each `takedown-lens:setup`, `takedown-lens:start` and `takedown-lens:idle`. */
  setup: number[];
  start: number[];
  idle: number[];
  longTasks: { start: number; duration: number }[];
  /** When the frame after the first idle (the one that lays out the marks) had been produced. */
  rendered?: number;
}

export interface PassResult {
  ms: number;
  /** Text nodes read, and what was done with them (characters read, or marks made). */
  nodes: number;
  count: number;
}

/**
 * Installed before any document script: records Takedown Lens's bench events and long
 * tasks. Each event also leaves a User Timing mark, which is how a trace finds the same
 * instants on its own clock.
 */
export function installProbe(): void {
  const state: ProbeState = { setup: [], start: [], idle: [], longTasks: [] };
  (window as unknown as { __bench: ProbeState }).__bench = state;
  document.addEventListener('takedown-lens:setup', () => {
    state.setup.push(performance.now());
    performance.mark('tl-setup');
  });
  document.addEventListener('takedown-lens:start', () => {
    state.start.push(performance.now());
    performance.mark('tl-start');
  });
  document.addEventListener('takedown-lens:idle', () => {
    state.idle.push(performance.now());
    performance.mark('tl-idle');
  });
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) state.longTasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch {}
}

/**
 * Resolves once Takedown Lens is idle after its first pass and the browser has produced the
 * next two frames (so laying out the marks is over), or with `timedOut` after `timeoutMs`.
 */
export function whenIdle(timeoutMs: number): Promise<ProbeState & { timedOut: boolean }> {
  const state = (window as unknown as { __bench: ProbeState }).__bench;
  return new Promise((resolve) => {
    // Event-driven rather than polled: a poll would be one more task competing with the work being timed.
    const check = () => {
      const start = state.start[0];
      if (start === undefined || !state.idle.some((t) => t >= start)) return;
      document.removeEventListener('takedown-lens:idle', check);
      clearTimeout(timer);
      requestAnimationFrame(() =>
        requestAnimationFrame(() => {
          state.rendered = performance.now();
          performance.mark('tl-rendered');
          // Long-task entries are delivered after their task; one more turn lets the last one in.
          setTimeout(() => resolve({ ...state, timedOut: false }), 0);
        }),
      );
    };
    const timer = setTimeout(() => {
      document.removeEventListener('takedown-lens:idle', check);
      resolve({ ...state, timedOut: true });
    }, timeoutMs);
    document.addEventListener('takedown-lens:idle', check);
    check();
  });
}

/** The floor: a TreeWalker over the body reading every text node's data, and nothing else. */
export function floorPass(): PassResult {
  const t0 = performance.now();
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  let nodes = 0;
  let count = 0;
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    nodes++;
    count += (n as Text).data.length;
  }
  return { ms: performance.now() - t0, nodes, count };
}

/**
 * The naive baseline: one combined `\b(?:…)\b` expression (flags `giu`) over every text node,
 * each hit wrapped in a `<mark>` by splitting the node. No folding, context or relevance.
 */
export function naivePass(source: string): PassResult {
  const t0 = performance.now();
  const re = new RegExp(source, 'giu');
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT, {
    acceptNode: (n) => {
      const tag = n.parentElement?.nodeName;
      return tag === 'SCRIPT' || tag === 'STYLE' ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT;
    },
  });
  const texts: Text[] = [];
  for (let n = walker.nextNode(); n; n = walker.nextNode()) texts.push(n as Text);
  let count = 0;
  for (const text of texts) {
    const hits: [number, number][] = [];
    re.lastIndex = 0;
    for (let m = re.exec(text.data); m; m = re.exec(text.data)) {
      if (m[0].length === 0) {
        re.lastIndex++;
        continue;
      }
      hits.push([m.index, m.index + m[0].length]);
    }
    // Last hit first, so the earlier offsets still point into `text`.
    for (let i = hits.length - 1; i >= 0; i--) {
      const [start, end] = hits[i] as [number, number];
      if (end < text.data.length) text.splitText(end);
      const hit = text.splitText(start);
      const mark = document.createElement('mark');
      hit.parentNode?.insertBefore(mark, hit);
      mark.appendChild(hit);
      count++;
    }
  }
  return { ms: performance.now() - t0, nodes: texts.length, count };
}

/** mark.js 8.11 (already loaded into the page) marking every alias, with its usual options for names. */
export function markJsPass(aliases: string[]): Promise<PassResult> {
  type MarkOptions = Record<string, unknown> & { done: (count: number) => void };
  const Mark = (window as unknown as { Mark: new (ctx: Element) => { mark(k: string[], o: MarkOptions): void } }).Mark;
  return new Promise((resolve) => {
    const t0 = performance.now();
    new Mark(document.body).mark(aliases, {
      separateWordSearch: false,
      caseSensitive: false,
      diacritics: true,
      accuracy: {
        value: 'exactly',
        limiters: [',', '.', ';', ':', '!', '?', '"', "'", '’', '“', '”', '(', ')', '[', ']', '«', '»', '-', '–', '—'],
      },
      done: (count: number) => resolve({ ms: performance.now() - t0, nodes: 0, count }),
    });
  });
}

export interface FeedState {
  /** Per batch: when it started, and the floor for the text it added (when measured). */
  batches: { start: number; floor?: number; chars?: number }[];
  done?: number;
}

/** Starts the live page's feed (its script defines `__startFeed`); resolves when the last batch is in. */
export function runFeed(measureFloor: boolean): Promise<FeedState> {
  const w = window as unknown as { __startFeed(floor: boolean): Promise<FeedState> };
  return w.__startFeed(measureFloor);
}
