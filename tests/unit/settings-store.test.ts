import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { onSettingsChanged, readSettings } from '../../lib/extension/settings-reader';
import { loadSettings, saveSettings, watchSettings } from '../../lib/extension/settings-store';
import { DEFAULT_SETTINGS } from '../../lib/settings/schema';

describe('the settings store', () => {
  beforeEach(() => {
    fakeBrowser.reset();
  });

  it('gives the defaults on first run', async () => {
    expect(await loadSettings()).toEqual(DEFAULT_SETTINGS);
  });

  it('saves to storage.sync and reads back what it saved', async () => {
    const mine = { ...DEFAULT_SETTINGS, style: 'hover' as const, disabledSites: ['example.org'] };
    expect(await saveSettings(mine)).toEqual({ ok: true });
    expect((await fakeBrowser.storage.sync.get('settings')).settings).toMatchObject({ style: 'hover' });
    expect(await loadSettings()).toEqual(mine);
  });

  it('keeps the good fields of corrupted stored settings', async () => {
    await fakeBrowser.storage.sync.set({ settings: { enabled: false, style: 'glitter', disabledSites: [7] } });
    const settings = await loadSettings();
    expect(settings.enabled).toBe(false);
    expect(settings.style).toBe(DEFAULT_SETTINGS.style);
    expect(settings.disabledSites).toEqual([]);
  });

  it('reports a full quota instead of losing the change silently', async () => {
    vi.spyOn(fakeBrowser.storage.sync, 'set').mockRejectedValueOnce(new Error('QUOTA_BYTES_PER_ITEM quota exceeded'));
    const result = await saveSettings({ ...DEFAULT_SETTINGS, enabled: false });
    expect(result).toEqual({ ok: false, error: 'QUOTA_BYTES_PER_ITEM quota exceeded' });
    expect(await loadSettings()).toEqual(DEFAULT_SETTINGS);
  });

  it('tells open pages about a change, already parsed', async () => {
    const seen = vi.fn();
    const unwatch = watchSettings(seen);
    await fakeBrowser.storage.sync.set({ settings: { ...DEFAULT_SETTINGS, mentions: 'all', style: 99 } });
    await vi.waitFor(() => expect(seen).toHaveBeenCalled());
    expect(seen.mock.calls[0]?.[0]).toMatchObject({ mentions: 'all', style: DEFAULT_SETTINGS.style });
    unwatch();
  });
});

describe('what pages read of the settings', () => {
  beforeEach(() => {
    fakeBrowser.reset();
  });

  it('reads exactly what the popup saved, and the defaults before anything was saved', async () => {
    expect(await readSettings()).toEqual(DEFAULT_SETTINGS);
    const mine = { ...DEFAULT_SETTINGS, markCases: false, disabledSites: ['example.org'] };
    await saveSettings(mine);
    expect(await readSettings()).toEqual(mine);
  });

  it('keeps the good fields of corrupted stored settings, like the popup does', async () => {
    await fakeBrowser.storage.sync.set({ settings: { enabled: false, mentions: 'some', disabledSites: 'x' } });
    expect(await readSettings()).toEqual(await loadSettings());
    expect((await readSettings()).enabled).toBe(false);
  });

  it('hears a saved change, parsed, until it stops listening', async () => {
    const seen = vi.fn();
    const stop = onSettingsChanged(seen);
    await saveSettings({ ...DEFAULT_SETTINGS, style: 'highlight' });
    await vi.waitFor(() => expect(seen).toHaveBeenCalledTimes(1));
    expect(seen.mock.calls[0]?.[0]).toMatchObject({ style: 'highlight' });
    stop();
    await saveSettings({ ...DEFAULT_SETTINGS, style: 'hover' });
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(seen).toHaveBeenCalledTimes(1);
  });
});
