import { describe, expect, it } from 'vitest';
import { filterValues, searchDataset } from '../../lib/dataset/search';
import { DEFAULT_SETTINGS } from '../../lib/settings/schema';
import { exportSettings, importSettings } from '../../lib/settings/transfer';
import { loadDataset } from '../support/dataset';

const { details } = loadDataset();

describe('searching the dataset', () => {
  it('finds entries by any of their names, ignoring case and accents', () => {
    expect(searchDataset(details, { text: 'policia nacional' }).map((e) => e.id)).toContain('policia-nacional');
    expect(searchDataset(details, { text: 'KAT' }).map((e) => e.id)).toContain('kickass-torrents');
    expect(searchDataset(details, { text: 'Fiamme Gialle' }).map((e) => e.id)).toEqual(['guardia-di-finanza']);
  });

  it('filters by type, kind, country and year', () => {
    const cases2020 = searchDataset(details, { type: 'case', year: 2020 });
    expect(cases2020.map((e) => e.id)).toContain('sparks-group');
    expect(cases2020.every((e) => e.type === 'case')).toBe(true);
    const swedish = searchDataset(details, { country: 'SE', type: 'case' }).map((e) => e.id);
    expect(swedish).toContain('the-pirate-bay');
    expect(searchDataset(details, { type: 'agency', kind: 'industry' }).map((e) => e.id)).toContain('brein');
    expect(searchDataset(details, { type: 'case', year: 1850 })).toEqual([]);
  });

  it('offers only filter values that occur in the data', () => {
    const values = filterValues(details);
    expect(values.countries).toContain('US');
    expect(values.years[0]).toBeGreaterThanOrEqual(1990);
    expect(values.kinds.agency).toContain('industry');
  });
});

describe('settings files', () => {
  it('round-trips the reader’s settings', () => {
    const mine = { ...DEFAULT_SETTINGS, style: 'highlight' as const, disabledSites: ['example.org'] };
    const back = importSettings(exportSettings(mine));
    expect(back.ok && back.settings).toEqual(mine);
  });

  it('refuses a file that is not a settings file, saying why', () => {
    expect(importSettings('{oops')).toEqual({ ok: false, error: 'not-json' });
    expect(importSettings('{"enabled": false}')).toEqual({ ok: false, error: 'not-settings' });
  });

  it('keeps the good fields of a damaged file and names the bad ones', () => {
    const result = importSettings(
      JSON.stringify({ format: 'takedown-lens-settings', version: 1, settings: { enabled: false, style: 42 } }),
    );
    expect(result.ok && result.settings.enabled).toBe(false);
    expect(result.ok && result.rejected).toEqual(['style']);
  });
});
