/**
 * Runs the annotator's work in slices that yield to the page between them, so no task the
 * page waits on runs longer than a slice (default 8 ms, far under the 50 ms long-task line).
 */

/** One step of work; returns true while it has more to do. */
export type Step = () => boolean;

export interface WorkQueue {
  push(step: Step): void;
  /** Resolves when nothing is queued (immediately if nothing is). */
  idle(): Promise<void>;
  readonly busy: boolean;
  stop(): void;
}

export interface WorkQueueOptions {
  /** Calls `run` soon, after letting the page handle input and rendering; returns a cancel. */
  schedule: (run: () => void) => () => void;
  now: () => number;
  sliceMs?: number;
  onIdle?: () => void;
  /** A step that throws is dropped and reported here; the queue goes on. */
  onError?: (error: unknown) => void;
}

export function createWorkQueue(options: WorkQueueOptions): WorkQueue {
  const sliceMs = options.sliceMs ?? 8;
  const steps: Step[] = [];
  let cancel: (() => void) | undefined;
  let stopped = false;
  /** While a slice runs, work it queues is picked up by that slice or the next one it schedules. */
  let running = false;
  let waiters: (() => void)[] = [];

  const settle = () => {
    const done = waiters;
    waiters = [];
    for (const w of done) w();
    options.onIdle?.();
  };

  const run = () => {
    cancel = undefined;
    running = true;
    const deadline = options.now() + sliceMs;
    while (steps.length > 0 && !stopped) {
      const step = steps[0] as Step;
      let more = false;
      try {
        more = step();
      } catch (error) {
        options.onError?.(error);
      }
      if (!more) steps.shift();
      if (options.now() >= deadline) break;
    }
    running = false;
    if (stopped) return;
    if (steps.length > 0) cancel = options.schedule(run);
    else settle();
  };

  return {
    push(step) {
      if (stopped) return;
      steps.push(step);
      if (!running) cancel ??= options.schedule(run);
    },
    idle() {
      if (steps.length === 0 || stopped) return Promise.resolve();
      return new Promise((resolve) => waiters.push(resolve));
    },
    get busy() {
      return steps.length > 0;
    },
    stop() {
      stopped = true;
      steps.length = 0;
      cancel?.();
      cancel = undefined;
      const done = waiters;
      waiters = [];
      for (const w of done) w();
    },
  };
}
