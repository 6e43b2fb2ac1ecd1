import { afterEach, describe, expect, it, vi } from 'vitest';
import { ContentScriptContext } from 'wxt/utils/content-script-context';
import { laterWhileValid } from '../../entrypoints/content/timers';

describe("the content script's timers", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('leave nothing behind on the context, however many a live page sets', () => {
    vi.useFakeTimers();
    const ctx = new ContentScriptContext('timers-test');
    const added = vi.spyOn(ctx.signal, 'addEventListener');
    const later = laterWhileValid(ctx);
    let ran = 0;
    for (let i = 0; i < 1000; i++) later(() => ran++, 100);
    vi.advanceTimersByTime(100);
    expect(ran).toBe(1000);
    expect(added).not.toHaveBeenCalled();
    ctx.abort();
  });

  it('run nothing once the extension has gone from under the page', () => {
    vi.useFakeTimers();
    const ctx = new ContentScriptContext('timers-test');
    const fn = vi.fn();
    laterWhileValid(ctx)(fn, 100);
    ctx.abort();
    vi.advanceTimersByTime(100);
    expect(fn).not.toHaveBeenCalled();
  });

  it('can be cancelled', () => {
    vi.useFakeTimers();
    const ctx = new ContentScriptContext('timers-test');
    const fn = vi.fn();
    laterWhileValid(ctx)(fn, 100)();
    vi.advanceTimersByTime(100);
    expect(fn).not.toHaveBeenCalled();
    ctx.abort();
  });
});
