import { useMemo, useState } from 'preact/hooks';
import { caseYears, type Details } from '../lib/dataset/compile';
import { entityDetails } from '../lib/dataset/lookup';
import { filterValues, searchDataset } from '../lib/dataset/search';
import { Card } from './Card';
import type { Translate } from './i18n';

/** Every agency and case, searchable and filterable, each shown as its full card with sources. */
export function DatasetBrowser({ details, t }: { details: Details; t: Translate }) {
  const [text, setText] = useState('');
  const [type, setType] = useState<'' | 'agency' | 'case'>('');
  const [country, setCountry] = useState('');
  const [year, setYear] = useState('');
  const [stack, setStack] = useState<string[]>([]);
  const values = useMemo(() => filterValues(details), [details]);
  const results = useMemo(
    () =>
      searchDataset(details, {
        text,
        type: type || undefined,
        country: country || undefined,
        year: year ? Number(year) : undefined,
      }),
    [details, text, type, country, year],
  );
  const open = stack.length > 0 ? entityDetails(details, stack[stack.length - 1] as string) : null;

  return (
    <div class="browser">
      <search class="filters">
        <label>
          {t('optionsSearch')}
          <input type="search" value={text} onInput={(e) => setText(e.currentTarget.value)} />
        </label>
        <label>
          {t('optionsType')}
          <select value={type} onChange={(e) => setType(e.currentTarget.value as '' | 'agency' | 'case')}>
            <option value="">{t('optionsAll')}</option>
            <option value="agency">{t('popupAgencies')}</option>
            <option value="case">{t('popupCases')}</option>
          </select>
        </label>
        <label>
          {t('optionsCountry')}
          <select value={country} onChange={(e) => setCountry(e.currentTarget.value)}>
            <option value="">{t('optionsAll')}</option>
            {values.countries.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('optionsYear')}
          <select value={year} onChange={(e) => setYear(e.currentTarget.value)}>
            <option value="">{t('optionsAll')}</option>
            {values.years.map((y) => (
              <option key={y} value={String(y)}>
                {y}
              </option>
            ))}
          </select>
        </label>
      </search>
      <div class="panes">
        <div>
          <p class="muted" aria-live="polite">
            {t('optionsResults', String(results.length))}
          </p>
          <ul class="results">
            {results.map((e) => (
              <li key={e.id}>
                <button
                  type="button"
                  class="result"
                  aria-current={stack[0] === e.id ? 'true' : undefined}
                  onClick={() => setStack([e.id])}
                >
                  <span>{e.name}</span>
                  <span class="muted">{e.type === 'case' ? caseYears(e) : e.jurisdiction}</span>
                </button>
              </li>
            ))}
          </ul>
        </div>
        <div class="detail">
          {open ? (
            <Card
              details={open}
              t={t}
              titleId="dataset-card-title"
              onNavigate={(id) => setStack([...stack, id])}
              onBack={stack.length > 1 ? () => setStack(stack.slice(0, -1)) : undefined}
              onClose={() => setStack([])}
            />
          ) : (
            <p class="muted">{t('optionsPick')}</p>
          )}
        </div>
      </div>
    </div>
  );
}
