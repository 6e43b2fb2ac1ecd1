import type { ComponentChildren } from 'preact';
import { caseYears } from '../lib/dataset/compile';
import type { Agency, Case, Source } from '../lib/dataset/schema';
import type { EntityDetails } from '../lib/extension/messages';
import type { Translate } from './i18n';

export interface CardProps {
  details: EntityDetails;
  t: Translate;
  /** Open another entity's card in place of this one. */
  onNavigate: (id: string) => void;
  /** Present when there is a card to go back to. */
  onBack?: () => void;
  onClose: () => void;
  /** Headings in the card are labelled by this id. */
  titleId: string;
}

/** Superscript links to the sources a fact came from, numbered as in the card's source list. */
function Cite({ ids, sources }: { ids: readonly string[]; sources: readonly Source[] }) {
  return (
    <sup class="cite">
      {ids.map((id) => {
        const n = sources.findIndex((s) => s.id === id) + 1;
        const source = sources[n - 1];
        if (!source) return null;
        return (
          <a
            key={id}
            href={source.url}
            target="_blank"
            rel="noopener noreferrer"
            title={`${source.publisher}: ${source.title}`}
          >
            [{n}]
          </a>
        );
      })}
    </sup>
  );
}

function Sources({ sources, t }: { sources: readonly Source[]; t: Translate }) {
  return (
    <details class="sources">
      <summary>{t('cardSources', String(sources.length))}</summary>
      <ol>
        {sources.map((s) => (
          <li key={s.id}>
            <a href={s.url} target="_blank" rel="noopener noreferrer">
              {s.title}
            </a>
            <span class="muted">
              {' '}
              {s.publisher}
              {s.date ? `, ${formatDate(s.date, t)}` : ''}
              {s.primary ? ` · ${t('cardPrimarySource')}` : ''}
            </span>
          </li>
        ))}
      </ol>
    </details>
  );
}

/** Dates at the precision the source gave ("2020", "Aug 2020", "Aug 25, 2020"), in the browser's UI language. */
export function formatDate(iso: string, t: Translate): string {
  const [y = 0, m, d] = iso.split('-').map(Number);
  if (!m) return String(y);
  const ui = t('@@ui_locale');
  const locale = /^[a-z]{2,3}([_-][A-Za-z]+)?$/.test(ui) ? ui.replace('_', '-') : 'en';
  const options: Intl.DateTimeFormatOptions = d
    ? { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }
    : { month: 'short', year: 'numeric', timeZone: 'UTC' };
  try {
    return new Intl.DateTimeFormat(locale, options).format(Date.UTC(y, m - 1, d ?? 1));
  } catch {
    return iso;
  }
}

function EntityLink({
  id,
  details,
  onNavigate,
}: {
  id: string;
  details: EntityDetails;
  onNavigate: (id: string) => void;
}) {
  const related = details.names[id];
  if (!related) return null;
  return (
    <button type="button" class="link" onClick={() => onNavigate(id)}>
      {related.name}
      {related.years ? <span class="muted"> ({related.years})</span> : null}
    </button>
  );
}

function Section({ title, children }: { title: string; children: ComponentChildren }) {
  return (
    <section>
      <h3>{title}</h3>
      {children}
    </section>
  );
}

function Discrepancies({
  items,
  sources,
  t,
}: {
  items?: readonly { text: string; sources: string[] }[];
  sources: readonly Source[];
  t: Translate;
}) {
  if (!items || items.length === 0) return null;
  return (
    <Section title={t('cardDiscrepancies')}>
      <ul class="notes">
        {items.map((d) => (
          <li key={d.text}>
            {d.text}
            <Cite ids={d.sources} sources={sources} />
          </li>
        ))}
      </ul>
    </Section>
  );
}

function AgencyBody({ agency, details, t, onNavigate }: { agency: Agency } & Omit<CardProps, 'onClose' | 'titleId'>) {
  const s = agency.sources;
  const facts: [string, ComponentChildren][] = [];
  if (agency.parent) {
    facts.push([
      t('cardParent'),
      <>
        {agency.parent.id && details.names[agency.parent.id] ? (
          <EntityLink id={agency.parent.id} details={details} onNavigate={onNavigate} />
        ) : (
          agency.parent.name
        )}
        <Cite ids={agency.parent.sources} sources={s} />
      </>,
    ]);
  }
  if (agency.headquarters) {
    facts.push([
      t('cardHeadquarters'),
      <>
        {agency.headquarters.text}
        <Cite ids={agency.headquarters.sources} sources={s} />
      </>,
    ]);
  }
  if (agency.founded) {
    facts.push([
      t('cardFounded'),
      <>
        {agency.founded.year}
        <Cite ids={agency.founded.sources} sources={s} />
      </>,
    ]);
  }
  return (
    <>
      <p>
        {agency.about.text}
        <Cite ids={agency.about.sources} sources={s} />
      </p>
      <Section title={t('cardPiracyRole')}>
        <p>
          {agency.role.text}
          <Cite ids={agency.role.sources} sources={s} />
        </p>
      </Section>
      {facts.length > 0 ? (
        <dl class="facts">
          {facts.map(([label, value]) => (
            <div key={label}>
              <dt>{label}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
      ) : null}
      {agency.formerNames && agency.formerNames.length > 0 ? (
        <p class="muted">
          {t('cardFormerly')}{' '}
          {agency.formerNames.map((f, i) => (
            <span key={f.name}>
              {i > 0 ? '; ' : ''}
              {f.name}
              {f.until ? ` (${t('cardUntil', formatDate(f.until, t))})` : ''}
              <Cite ids={f.sources} sources={s} />
            </span>
          ))}
        </p>
      ) : null}
      {details.cases.length > 0 ? (
        <Section title={t('cardAgencyCases', String(details.cases.length))}>
          <ul class="chips">
            {details.cases.map((id) => (
              <li key={id}>
                <EntityLink id={id} details={details} onNavigate={onNavigate} />
              </li>
            ))}
          </ul>
        </Section>
      ) : null}
      <Discrepancies items={agency.discrepancies} sources={s} t={t} />
      {agency.website ? (
        <p>
          <a href={agency.website} target="_blank" rel="noopener noreferrer">
            {t('cardWebsite')}
          </a>
          <Cite ids={agency.identitySources} sources={s} />
        </p>
      ) : null}
    </>
  );
}

const STATUS_KEYS: Record<string, string> = {
  arrested: 'statusArrested',
  charged: 'statusCharged',
  indicted: 'statusIndicted',
  extradited: 'statusExtradited',
  'pleaded-guilty': 'statusPleadedGuilty',
  convicted: 'statusConvicted',
  acquitted: 'statusAcquitted',
  sentenced: 'statusSentenced',
  fined: 'statusFined',
  'charges-dismissed': 'statusChargesDismissed',
  'at-large': 'statusAtLarge',
  'found-liable': 'statusFoundLiable',
  settled: 'statusSettled',
  died: 'statusDied',
};

const ROLE_KEYS: Record<string, string> = {
  investigated: 'roleInvestigated',
  prosecuted: 'roleProsecuted',
  coordinated: 'roleCoordinated',
  supported: 'roleSupported',
  sued: 'roleSued',
  complained: 'roleComplained',
  ordered: 'roleOrdered',
};

function CaseBody({ c, details, t, onNavigate }: { c: Case } & Omit<CardProps, 'onClose' | 'titleId'>) {
  const s = c.sources;
  const byAgency = new Map<string, { roles: string[]; sources: string[] }>();
  for (const link of c.agencies) {
    const entry = byAgency.get(link.id) ?? { roles: [], sources: [] };
    entry.roles.push(t(ROLE_KEYS[link.role] ?? link.role));
    entry.sources.push(...link.sources.filter((x) => !entry.sources.includes(x)));
    byAgency.set(link.id, entry);
  }
  const timeline = [...c.timeline].sort((a, b) => a.date.localeCompare(b.date));
  return (
    <>
      <p>
        {c.summary.text}
        <Cite ids={c.summary.sources} sources={s} />
      </p>
      {c.outcome ? (
        <p class="outcome">
          <strong>{c.outcome.status === 'ongoing' ? t('cardOngoing') : t('cardConcluded')}</strong>{' '}
          <span class="muted">({t('cardAsOf', formatDate(c.outcome.asOf, t))})</span> {c.outcome.text}
          <Cite ids={c.outcome.sources} sources={s} />
        </p>
      ) : null}
      <Section title={t('cardTimeline')}>
        <ol class="timeline">
          {timeline.map((e) => (
            <li key={`${e.date}-${e.text}`}>
              <time dateTime={e.date}>{formatDate(e.date, t)}</time> {e.text}
              <Cite ids={e.sources} sources={s} />
            </li>
          ))}
        </ol>
      </Section>
      {byAgency.size > 0 ? (
        <Section title={t('cardAgencies')}>
          <ul class="agencies">
            {[...byAgency].map(([id, info]) => (
              <li key={id}>
                {details.names[id] ? <EntityLink id={id} details={details} onNavigate={onNavigate} /> : id}
                <span class="muted"> {info.roles.join(', ')}</span>
                <Cite ids={info.sources} sources={s} />
              </li>
            ))}
          </ul>
        </Section>
      ) : null}
      {c.people && c.people.length > 0 ? (
        <Section title={t('cardPeople')}>
          <ul class="people">
            {c.people.map((p) => (
              <li key={p.name}>
                <strong>{p.name}</strong>
                {p.description ? <span class="muted">, {p.description}</span> : null}
                <ul>
                  {[...p.events]
                    .sort((a, b) => a.date.localeCompare(b.date))
                    .map((e) => (
                      <li key={`${e.status}-${e.date}`}>
                        {t(STATUS_KEYS[e.status] ?? e.status)} {formatDate(e.date, t)}
                        {e.detail ? `: ${e.detail}` : ''}
                        <Cite ids={e.sources} sources={s} />
                      </li>
                    ))}
                </ul>
              </li>
            ))}
          </ul>
        </Section>
      ) : null}
      {c.figures && c.figures.length > 0 ? (
        <Section title={t('cardFigures')}>
          <dl class="facts">
            {c.figures.map((f) => (
              <div key={f.label}>
                <dt>{f.label}</dt>
                <dd>
                  {f.value}
                  <Cite ids={f.sources} sources={s} />
                </dd>
              </div>
            ))}
          </dl>
        </Section>
      ) : null}
      <Discrepancies items={c.discrepancies} sources={s} t={t} />
      {c.related && c.related.length > 0 ? (
        <Section title={t('cardRelated')}>
          <ul class="chips">
            {c.related.map((id) => (
              <li key={id}>
                <EntityLink id={id} details={details} onNavigate={onNavigate} />
              </li>
            ))}
          </ul>
        </Section>
      ) : null}
    </>
  );
}

const AGENCY_KIND_KEYS: Record<string, string> = {
  police: 'kindPolice',
  customs: 'kindCustoms',
  prosecutor: 'kindProsecutor',
  judicial: 'kindJudicial',
  government: 'kindGovernment',
  regulator: 'kindRegulator',
  international: 'kindInternational',
  industry: 'kindIndustry',
};

const CASE_KIND_KEYS: Record<string, string> = {
  criminal: 'caseKindCriminal',
  civil: 'caseKindCivil',
  raid: 'caseKindRaid',
  closure: 'caseKindClosure',
  operation: 'caseKindOperation',
  administrative: 'caseKindAdministrative',
};

/** A few countries by code, then how many more: a case can span twenty. */
function countryList(countries: readonly string[], t: Translate): string {
  const shown = countries.slice(0, 4).join(', ');
  return countries.length > 4 ? `${shown} ${t('cardMoreCountries', String(countries.length - 4))}` : shown;
}

/** The card for one agency or case: what it is, what happened, and where each fact comes from. */
export function Card({ details, t, onNavigate, onBack, onClose, titleId }: CardProps) {
  const { entry } = details;
  const subtitle =
    entry.type === 'agency'
      ? [
          entry.acronym && entry.acronym !== entry.name ? entry.acronym : undefined,
          t(AGENCY_KIND_KEYS[entry.kind] ?? entry.kind),
          entry.jurisdiction,
        ]
      : [caseYears(entry), t(CASE_KIND_KEYS[entry.kind] ?? entry.kind), countryList(entry.countries, t)];
  return (
    <article class="card" data-entity={entry.id}>
      <header>
        {onBack ? (
          <button type="button" class="icon" onClick={onBack} aria-label={t('cardBack')}>
            ←
          </button>
        ) : null}
        <div class="titles">
          <h2 id={titleId}>{entry.type === 'agency' ? entry.fullName : entry.name}</h2>
          <p class="muted">{subtitle.filter(Boolean).join(' · ')}</p>
        </div>
        <button type="button" class="icon" onClick={onClose} aria-label={t('cardClose')}>
          ×
        </button>
      </header>
      <div class="body">
        {entry.type === 'agency' ? (
          <AgencyBody agency={entry} details={details} t={t} onNavigate={onNavigate} />
        ) : (
          <CaseBody c={entry} details={details} t={t} onNavigate={onNavigate} />
        )}
        <Sources sources={entry.sources} t={t} />
      </div>
      <footer class="muted">{t('cardFooter')}</footer>
    </article>
  );
}
