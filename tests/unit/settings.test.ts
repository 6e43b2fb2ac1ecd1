import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, parseSettings } from '../../lib/settings/schema';
import { isSiteEnabled, siteKey, switchedOff, withSite } from '../../lib/settings/sites';

describe('settings', () => {
  it('starts calm: on, first mention only, only on pages about piracy enforcement', () => {
    const { settings } = parseSettings(undefined);
    expect(settings).toEqual(DEFAULT_SETTINGS);
    expect(settings.mentions).toBe('first');
    expect(settings.scope).toBe('relevant');
  });

  it('keeps every valid field when one is corrupted', () => {
    const { settings, rejected } = parseSettings({ enabled: false, style: 'neon', mentions: 'all', markCases: 'yes' });
    expect(settings.enabled).toBe(false);
    expect(settings.mentions).toBe('all');
    expect(settings.style).toBe(DEFAULT_SETTINGS.style);
    expect(settings.markCases).toBe(true);
    expect(rejected.sort()).toEqual(['markCases', 'style']);
  });

  it('survives storage holding something that is not an object', () => {
    for (const raw of [null, 42, 'x', [], [1, 2]]) expect(parseSettings(raw).settings).toEqual(DEFAULT_SETTINGS);
  });

  it('ignores unknown fields', () => {
    expect(parseSettings({ enabled: true, theme: 'pink' }).settings).not.toHaveProperty('theme');
  });

  it('drops a site list with an invalid entry as a whole, without touching other fields', () => {
    const { settings, rejected } = parseSettings({ disabledSites: ['ok.example', '<script>'], enabled: false });
    expect(rejected).toEqual(['disabledSites']);
    expect(settings.enabled).toBe(false);
  });

  it('remembers sites by hostname without "www." and in lower case', () => {
    expect(siteKey('WWW.Example.COM.')).toBe('example.com');
    const off = withSite(DEFAULT_SETTINGS, 'www.news.example', false);
    expect(off.disabledSites).toEqual(['news.example']);
    expect(isSiteEnabled(off, 'news.example')).toBe(false);
    expect(isSiteEnabled(off, 'other.example')).toBe(true);
    expect(withSite(off, 'news.example', true).disabledSites).toEqual([]);
  });

  it('says why it is not at work on a site, switched off everywhere first', () => {
    const site = withSite(DEFAULT_SETTINGS, 'news.example', false);
    expect(switchedOff(site, 'www.news.example')).toBe('site-off');
    expect(switchedOff(site, 'other.example')).toBeUndefined();
    expect(switchedOff({ ...site, enabled: false }, 'news.example')).toBe('off');
    expect(switchedOff(undefined, 'news.example')).toBe('off');
  });

  it('normalises stored site names and removes duplicates', () => {
    expect(parseSettings({ disabledSites: ['www.a.example', 'A.example'] }).settings.disabledSites).toEqual([
      'a.example',
    ]);
  });
});
