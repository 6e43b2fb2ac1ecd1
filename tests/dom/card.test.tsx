import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { render } from 'preact';
import { describe, expect, it } from 'vitest';
import { Card, formatDate } from '../../components/Card';
import type { Translate } from '../../components/i18n';
import { entityDetails } from '../../lib/dataset/lookup';
import { loadDataset } from '../support/dataset';

const messages = JSON.parse(
  readFileSync(resolve(import.meta.dirname, '../../components/assets/_locales/en/messages.json'), 'utf8'),
) as Record<string, { message: string }>;
/** The English strings, substituted as browser.i18n does. */
const t: Translate = (key, ...subs) =>
  key === '@@ui_locale'
    ? 'en'
    : (messages[key]?.message ?? key).replace(/\$(\d)/g, (_, n) => subs[Number(n) - 1] ?? '');

const { details } = loadDataset();

function show(id: string) {
  const container = document.createElement('div');
  document.body.replaceChildren(container);
  const d = entityDetails(details, id);
  if (!d) throw new Error(`no ${id}`);
  render(<Card details={d} t={t} titleId="t" onNavigate={() => {}} onClose={() => {}} />, container);
  return container;
}

describe('the card', () => {
  it('shows a case with its timeline, people and legal statuses, each fact citing a listed source', () => {
    const card = show('sparks-group');
    const text = card.textContent ?? '';
    expect(text).toContain('Sparks Group takedown');
    expect(text).toContain('George Bridi');
    expect(text).toMatch(/Pleaded guilty Nov 18, 2021/);
    expect(text).toMatch(/Sentenced Feb 7, 2022: Sentenced to 22 months/);
    const sources = card.querySelectorAll('details.sources li').length;
    const cites = [...card.querySelectorAll('sup.cite a')].map((a) => Number(a.textContent?.slice(1, -1)));
    expect(cites.length).toBeGreaterThan(10);
    expect(Math.max(...cites)).toBeLessThanOrEqual(sources);
  });

  it('opens every link in a new tab without giving the page a reference back', () => {
    const card = show('europol');
    const links = [...card.querySelectorAll('a')];
    expect(links.length).toBeGreaterThan(0);
    for (const a of links) {
      expect(a.getAttribute('target')).toBe('_blank');
      expect(a.getAttribute('rel')).toBe('noopener noreferrer');
      expect(a.getAttribute('href')).toMatch(/^https:\/\//);
    }
  });

  it('lists an agency’s cases, derived from the cases themselves', () => {
    const card = show('europol');
    const cases = [...card.querySelectorAll('.chips button')].map((b) => b.textContent);
    expect(cases.some((c) => c?.startsWith('Sparks Group takedown'))).toBe(true);
  });

  it('writes dates at the precision the source gave', () => {
    expect(formatDate('2020', t)).toBe('2020');
    expect(formatDate('2020-08', t)).toBe('Aug 2020');
    expect(formatDate('2020-08-26', t)).toBe('Aug 26, 2020');
  });
});
