import { describe, expect, it, vi } from 'vitest';
import { createHoverIntent } from '../../lib/page/hover-intent';
import { createWorkQueue } from '../../lib/page/work-queue';

function fakeTimers() {
  let now = 0;
  let pending: { at: number; fn: () => void; id: number }[] = [];
  let nextId = 0;
  return {
    now: () => now,
    schedule: (fn: () => void, ms = 0) => {
      const id = nextId++;
      pending.push({ at: now + ms, fn, id });
      return () => {
        pending = pending.filter((p) => p.id !== id);
      };
    },
    advance(ms: number) {
      const until = now + ms;
      for (;;) {
        pending.sort((a, b) => a.at - b.at);
        const next = pending[0];
        if (!next || next.at > until) break;
        pending.shift();
        now = next.at;
        next.fn();
      }
      now = Math.max(now, until);
    },
    tick(ms: number) {
      now += ms;
    },
  };
}

describe('work queue', () => {
  it('splits work into slices no longer than its budget and yields between them', () => {
    const timers = fakeTimers();
    const slices: number[] = [];
    let sliceStart = 0;
    const queue = createWorkQueue({
      schedule: (run) =>
        timers.schedule(() => {
          sliceStart = timers.now();
          run();
          slices.push(timers.now() - sliceStart);
        }),
      now: timers.now,
      sliceMs: 8,
    });
    let steps = 0;
    queue.push(() => {
      timers.tick(3);
      steps++;
      return steps < 10;
    });
    timers.advance(1000);
    expect(steps).toBe(10);
    expect(slices.length).toBeGreaterThan(3);
    expect(Math.max(...slices)).toBeLessThanOrEqual(9);
  });

  it('drops a failing step, reports it and goes on', () => {
    const timers = fakeTimers();
    const errors: unknown[] = [];
    const queue = createWorkQueue({
      schedule: (run) => timers.schedule(run),
      now: timers.now,
      onError: (e) => errors.push(e),
    });
    const done = vi.fn(() => false);
    queue.push(() => {
      throw new Error('boom');
    });
    queue.push(done);
    timers.advance(1);
    expect(errors).toHaveLength(1);
    expect(done).toHaveBeenCalledOnce();
  });

  it('runs nothing after stop', () => {
    const timers = fakeTimers();
    const queue = createWorkQueue({ schedule: (run) => timers.schedule(run), now: timers.now });
    const step = vi.fn(() => false);
    queue.push(step);
    queue.stop();
    queue.push(step);
    timers.advance(100);
    expect(step).not.toHaveBeenCalled();
  });
});

describe('hover intent', () => {
  function setup() {
    const timers = fakeTimers();
    const open = vi.fn();
    const close = vi.fn();
    const intent = createHoverIntent({ schedule: timers.schedule, open, close, openDelayMs: 250, closeDelayMs: 300 });
    return { timers, open, close, intent };
  }
  const target = {} as Element;

  it('opens only after the pointer dwells', () => {
    const { timers, open, intent } = setup();
    intent.enter(target);
    timers.advance(200);
    expect(open).not.toHaveBeenCalled();
    timers.advance(100);
    expect(open).toHaveBeenCalledWith(target);
  });

  it('does not open for a pointer passing over a name', () => {
    const { timers, open, intent } = setup();
    intent.enter(target);
    timers.advance(100);
    intent.leave();
    timers.advance(1000);
    expect(open).not.toHaveBeenCalled();
  });

  it('stays open when the pointer moves into the card within the grace period', () => {
    const { timers, close, intent } = setup();
    intent.enter(target);
    timers.advance(300);
    intent.leave();
    timers.advance(150);
    intent.hold();
    timers.advance(1000);
    expect(close).not.toHaveBeenCalled();
    intent.leave();
    timers.advance(300);
    expect(close).toHaveBeenCalledOnce();
  });
});

describe('work queue settling', () => {
  it('settles once when a step queues more work while it runs', () => {
    let pending: (() => void)[] = [];
    const onIdle = vi.fn();
    const queue = createWorkQueue({
      schedule: (run) => {
        pending.push(run);
        return () => {
          pending = pending.filter((p) => p !== run);
        };
      },
      now: () => 0,
      onIdle,
    });
    queue.push(() => {
      queue.push(() => false);
      return false;
    });
    for (let i = 0; i < 5 && pending.length > 0; i++) {
      const batch = pending;
      pending = [];
      for (const run of batch) run();
    }
    expect(onIdle).toHaveBeenCalledTimes(1);
  });
});
