/**
 * Chromium traces of one page load (CDP `Tracing`), and what the benchmark reads from them:
 * every main-thread task with its exact duration (the long-task observer only reports
 * tasks over 50 ms), and style and layout work, both inside a time window set by User
 * Timing marks the page leaves.
 */
import type { CDPSession } from 'playwright-core';

export interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  args?: { data?: Record<string, unknown> };
}

const CATEGORIES = [
  'toplevel',
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'blink.user_timing',
  'v8.execute',
  'disabled-by-default-v8.compile',
  'renderer',
].join(',');

/** Time given to a new trace session to reach the renderers; 150 ms made the failure go away in every run tried. */
const SESSION_REACHES_RENDERERS_MS = 150;

export interface Tracer {
  stop(): Promise<TraceEvent[]>;
}

/**
 * V8's compile events are recorded too: tracing makes V8 collect source positions for every
 * function it reports (a cost untraced pages never pay), and they name that time so it can
 * be taken out.
 */
export async function startTrace(cdp: CDPSession): Promise<Tracer> {
  const events: TraceEvent[] = [];
  const collect = (e: { value: object[] }) => events.push(...(e.value as TraceEvent[]));
  cdp.on('Tracing.dataCollected', collect);
  await cdp.send('Tracing.start', { categories: CATEGORIES, transferMode: 'ReportEvents' });
  // The page will load in a renderer Chromium started beforehand, which records the disabled-by-default
  // categories (EvaluateScript among them) only once it has heard of the session: without a pause, a
  // content script injected early in the load was sometimes missing from the trace.
  await new Promise((ok) => setTimeout(ok, SESSION_REACHES_RENDERERS_MS));
  return {
    async stop() {
      const complete = new Promise<void>((ok) => cdp.once('Tracing.tracingComplete', () => ok()));
      await cdp.send('Tracing.end');
      await complete;
      cdp.off('Tracing.dataCollected', collect);
      return events;
    },
  };
}

const TASK_NAMES = new Set(['ThreadControllerImpl::RunTask', 'RunTask']);
const STYLE_LAYOUT = new Set(['Layout', 'UpdateLayoutTree', 'RecalculateStyles']);
const GARBAGE_COLLECTION = new Set(['MinorGC', 'MajorGC']);
const us = (n: number) => n / 1000;
/**
 * The browser's own work a task may hold, named for the report. Chrome also reads a page's text
 * a moment after it loads (ChromeRenderFrameObserver), extension or not: on a page of 20,000
 * paragraphs that takes longer than any task of the extension's.
 */
const BROWSER_WORK = new Map([
  ['UpdateLayoutTree', 'style'],
  ['Layout', 'layout'],
  ['PrePaint', 'pre-paint'],
  ['Paint', 'paint'],
  ['ChromeRenderFrameObserver::CapturePageText', "Chrome's capture of the page's text"],
]);

/** A page's main thread in a trace, found by a User Timing mark that the page left. */
export class MainThread {
  readonly events: TraceEvent[];
  /** Top-level tasks, in order, never nested in each other. */
  readonly tasks: TraceEvent[];

  constructor(all: TraceEvent[], markName: string) {
    const mark = all.find((e) => e.cat.includes('blink.user_timing') && e.name === markName);
    if (!mark) throw new Error(`the trace has no "${markName}" mark`);
    this.events = all.filter((e) => e.pid === mark.pid && e.tid === mark.tid).sort((a, b) => a.ts - b.ts);
    this.tasks = [];
    let end = Number.NEGATIVE_INFINITY;
    for (const e of this.events) {
      if (e.ph !== 'X' || !TASK_NAMES.has(e.name) || e.dur === undefined) continue;
      if (e.ts < end) continue;
      this.tasks.push(e);
      end = e.ts + e.dur;
    }
  }

  /** Timestamps (µs, trace clock) of every mark with this name. */
  marks(name: string): number[] {
    return this.events.filter((e) => e.name === name && e.cat.includes('blink.user_timing')).map((e) => e.ts);
  }

  /** The task running at `ts`. */
  taskAt(ts: number): TraceEvent | undefined {
    return this.tasks.find((t) => t.ts <= ts && ts <= t.ts + (t.dur ?? 0));
  }

  /** Tasks that overlap [from, to]. */
  tasksIn(from: number, to: number): TraceEvent[] {
    return this.tasks.filter((t) => t.ts + (t.dur ?? 0) >= from && t.ts <= to);
  }

  /** The longest task overlapping [from, to], in ms, less what the measurement added to it. */
  longestTaskMs(from: number, to: number): number {
    const longest = this.longestTask(from, to);
    return longest ? us(this.netDuration(longest)) : 0;
  }

  private longestTask(from: number, to: number): TraceEvent | undefined {
    let longest: TraceEvent | undefined;
    for (const t of this.tasksIn(from, to))
      if (!longest || this.netDuration(t) > this.netDuration(longest)) longest = t;
    return longest;
  }

  private netDuration(task: TraceEvent): number {
    return Math.max(0, (task.dur ?? 0) - this.instrumentation(task));
  }

  /**
   * What the longest task overlapping [from, to] was doing, for people reading the report: how
   * long it ran scripts from `urlPrefix`, rendered or read the page's text for Chrome, and how much
   * of it the trace does not break down (such as a frame waiting on its compositor).
   */
  longestTaskWhat(from: number, to: number, urlPrefix: string): string {
    const longest = this.longestTask(from, to);
    if (!longest) return 'no task';
    const end = longest.ts + (longest.dur ?? 0);
    const parts = new Map<string, number>();
    let partEnd = Number.NEGATIVE_INFINITY;
    for (let i = this.indexAt(longest.ts); i < this.events.length; i++) {
      const e = this.events[i] as TraceEvent;
      if (e.ts > end) break;
      if (e.ph !== 'X' || e.dur === undefined || e.ts < partEnd) continue;
      const ours =
        (e.name === 'FunctionCall' || e.name === 'EvaluateScript') &&
        String(e.args?.data?.url ?? '').startsWith(urlPrefix);
      const name = ours ? "Takedown Lens's script" : BROWSER_WORK.get(e.name);
      if (!name) continue;
      parts.set(name, (parts.get(name) ?? 0) + e.dur);
      partEnd = e.ts + e.dur;
    }
    const named = [...parts].map(([name, dur]) => `${name} ${us(dur).toFixed(1)} ms`);
    const rest = us(this.netDuration(longest) - [...parts.values()].reduce((n, d) => n + d, 0));
    if (rest >= 1) named.push(`${rest.toFixed(1)} ms the trace does not break down`);
    return named.join(', ');
  }

  /** Time inside `task` that only the measurement caused (see `isInstrumentation`), in µs. */
  private instrumentation(task: TraceEvent): number {
    const end = task.ts + (task.dur ?? 0);
    let total = 0;
    let skipEnd = Number.NEGATIVE_INFINITY;
    for (let i = this.indexAt(task.ts); i < this.events.length; i++) {
      const e = this.events[i] as TraceEvent;
      if (e.ts > end) break;
      if (e.ph !== 'X' || e.dur === undefined || e.ts < skipEnd || !isInstrumentation(e)) continue;
      total += e.dur;
      skipEnd = e.ts + e.dur;
    }
    return total;
  }

  /** Style recalculation and layout that started in [from, to] (outermost events only), in ms. */
  styleLayoutMs(from: number, to: number, within?: (e: TraceEvent) => boolean): number {
    return this.sumMs(STYLE_LAYOUT, from, to, within);
  }

  /**
   * V8's garbage collections on this thread that started in [from, to], in ms. Whoever allocates
   * when the heap's young generation is full pays for the collection, which mostly copies what is
   * still alive: the page's objects as well as the content script's.
   */
  garbageCollectionMs(from: number, to: number): number {
    return this.sumMs(GARBAGE_COLLECTION, from, to);
  }

  private sumMs(names: ReadonlySet<string>, from: number, to: number, within?: (e: TraceEvent) => boolean): number {
    let total = 0;
    let end = Number.NEGATIVE_INFINITY;
    for (const e of this.events) {
      if (e.ph !== 'X' || !names.has(e.name) || e.ts < from || e.ts > to || e.ts < end) continue;
      if (within && !within(e)) continue;
      total += e.dur ?? 0;
      end = e.ts + (e.dur ?? 0);
    }
    return us(total);
  }

  /** Index of the first event at or after `ts`. */
  private indexAt(ts: number): number {
    let lo = 0;
    let hi = this.events.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.events[mid] as TraceEvent).ts < ts) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /**
   * The part of each task in [from, to] that ran scripts whose URL starts with `urlPrefix`:
   * the whole task when only they ran in it, else just its calls (a page's task can deliver a mutation
   * record to the content script's observer). Style and layout forced inside those calls too.
   * With `continuations`, a task that ran no script's call but promise reactions counts as
   * well: on a page without scripts of its own, those are the content script's (the replies
   * of the extension APIs it awaits).
   */
  scriptTasks(urlPrefix: string, from: number, to: number, continuations = false): ScriptTask[] {
    const out: ScriptTask[] = [];
    for (const task of this.tasksIn(from, to)) {
      const end = task.ts + (task.dur ?? 0);
      let ours = 0;
      let theirs = 0;
      let reactions = 0;
      let bench = 0;
      let styleLayout = 0;
      let callEnd = Number.NEGATIVE_INFINITY;
      let ourEnd = Number.NEGATIVE_INFINITY;
      let styleEnd = Number.NEGATIVE_INFINITY;
      for (let i = this.indexAt(task.ts); i < this.events.length; i++) {
        const e = this.events[i] as TraceEvent;
        if (e.ts > end) break;
        if (e.ph !== 'X' || e.dur === undefined) continue;
        if (e.name === 'FunctionCall' || e.name === 'EvaluateScript') {
          if (e.ts < callEnd) continue;
          callEnd = e.ts + e.dur;
          if (String(e.args?.data?.url ?? '').startsWith(urlPrefix)) {
            ours += e.dur;
            ourEnd = callEnd;
          } else {
            theirs += e.dur;
          }
        } else if (STYLE_LAYOUT.has(e.name) && e.ts < ourEnd && e.ts >= styleEnd) {
          styleLayout += e.dur;
          styleEnd = e.ts + e.dur;
        } else if (isInstrumentation(e)) {
          bench += e.dur;
        } else if (e.name === 'RunMicrotasks' && e.ts >= callEnd) {
          reactions += e.dur;
        }
      }
      if (ours === 0 && !(continuations && theirs === 0 && reactions > 0)) continue;
      const ms = (ours === 0 ? reactions : theirs === 0 ? (task.dur ?? 0) : ours) - bench;
      out.push({ at: task.ts, ms: us(ms), styleLayoutMs: us(styleLayout) });
    }
    return out;
  }
}

/**
 * Time the measurement itself adds: the listeners of Takedown Lens's bench events are the
 * benchmark's, and V8 collects source positions only because a trace asks for them.
 */
function isInstrumentation(e: TraceEvent): boolean {
  if (e.name === 'V8.CollectSourcePositions') return true;
  return e.name === 'EventDispatch' && String(e.args?.data?.type ?? '').startsWith('takedown-lens:');
}

export interface ScriptTask {
  at: number;
  ms: number;
  styleLayoutMs: number;
}

export const traceMs = us;
