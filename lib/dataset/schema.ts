import * as v from 'valibot';

/**
 * The shape of one dataset file (`lib/data/agencies/*.json`, `lib/data/cases/*.json`).
 * Every fact a card shows carries the ids of the sources it came from, so a reviewer
 * can trace any sentence back to a page that was read.
 */

function isCalendarDate(value: string): boolean {
  const [y = 0, m, d] = value.split('-').map(Number);
  if (m === undefined) return true;
  if (m < 1 || m > 12) return false;
  if (d === undefined) return true;
  const probe = new Date(Date.UTC(y, m - 1, d));
  return probe.getUTCMonth() === m - 1 && probe.getUTCDate() === d;
}

/** ISO 8601 calendar date with the precision the source gives: YYYY, YYYY-MM or YYYY-MM-DD. */
export const IsoDate = v.pipe(
  v.string(),
  v.regex(/^(19|20)\d{2}(-\d{2}(-\d{2})?)?$/, 'must be an ISO date (YYYY, YYYY-MM or YYYY-MM-DD)'),
  v.check(isCalendarDate, 'is not a real calendar date'),
);

export const HttpsUrl = v.pipe(
  v.string(),
  v.url('must be a URL'),
  v.startsWith('https://', 'must be an https URL'),
  v.check((u) => !/[\s<>"'`]/.test(u), 'contains characters not allowed in a URL'),
);

export const EntityId = v.pipe(
  v.string(),
  v.regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'ids are lowercase words joined by hyphens'),
);

const Text = v.pipe(v.string(), v.trim(), v.minLength(1, 'must not be empty'));
const SourceRefs = v.pipe(v.array(EntityId), v.minLength(1, 'needs at least one source id'));
const Country = v.pipe(v.string(), v.regex(/^[A-Z]{2}$/, 'ISO 3166-1 alpha-2 code'));
const Lang = v.pipe(v.string(), v.regex(/^[a-z]{2}$/, 'ISO 639-1 code'));

export const Source = v.strictObject({
  id: EntityId,
  url: HttpsUrl,
  publisher: Text,
  title: Text,
  date: v.optional(IsoDate),
  /** DOJ, U.S. Attorney's Offices, Europol, Eurojust, courts and the agencies' own sites. */
  primary: v.boolean(),
});

/**
 * How an alias may be matched on a page.
 * - `caseSensitive`: acronyms and words that are only names when written this way ("ICE").
 * - `ambiguous: "page"`: counts only on a page about piracy enforcement, or when the
 *   entity is also named unambiguously on the page ("ACE", "FACT").
 * - `ambiguous: "entity"`: counts only when the entity is named unambiguously on the
 *   page ("Sparks" after "Sparks Group").
 */
export const Alias = v.strictObject({
  text: Text,
  lang: v.optional(Lang),
  caseSensitive: v.optional(v.boolean()),
  ambiguous: v.optional(v.picklist(['page', 'entity'])),
});

const SourcedText = v.strictObject({ text: Text, sources: SourceRefs });

export const AGENCY_KINDS = [
  'police',
  'customs',
  'prosecutor',
  'judicial',
  'government',
  'regulator',
  'international',
  'industry',
] as const;

export const Agency = v.strictObject({
  id: EntityId,
  type: v.literal('agency'),
  /** Short display name, as news usually writes it ("Europol", "FBI"). */
  name: Text,
  fullName: Text,
  acronym: v.optional(Text),
  aliases: v.pipe(v.array(Alias), v.minLength(1)),
  localNames: v.optional(v.array(v.strictObject({ lang: Lang, name: Text }))),
  kind: v.picklist(AGENCY_KINDS),
  jurisdiction: Text,
  countries: v.array(Country),
  website: v.optional(HttpsUrl),
  /** Sources for the identity fields above (names, kind, jurisdiction, website). */
  identitySources: SourceRefs,
  about: SourcedText,
  role: SourcedText,
  parent: v.optional(v.strictObject({ id: v.optional(EntityId), name: Text, sources: SourceRefs })),
  headquarters: v.optional(SourcedText),
  founded: v.optional(
    v.strictObject({ year: v.pipe(v.number(), v.integer(), v.minValue(1800), v.maxValue(2100)), sources: SourceRefs }),
  ),
  formerNames: v.optional(v.array(v.strictObject({ name: Text, until: v.optional(IsoDate), sources: SourceRefs }))),
  discrepancies: v.optional(v.array(SourcedText)),
  sources: v.pipe(v.array(Source), v.minLength(1)),
});

export const CASE_KINDS = ['criminal', 'civil', 'raid', 'closure', 'operation', 'administrative'] as const;

export const AGENCY_ROLES = [
  'investigated',
  'prosecuted',
  'coordinated',
  'supported',
  'sued',
  'complained',
  'ordered',
] as const;

export const LEGAL_STATUSES = [
  'arrested',
  'charged',
  'indicted',
  'extradited',
  'pleaded-guilty',
  'convicted',
  'acquitted',
  'sentenced',
  'fined',
  'charges-dismissed',
  'at-large',
  'found-liable',
  'settled',
  'died',
] as const;

export const Case = v.strictObject({
  id: EntityId,
  type: v.literal('case'),
  name: Text,
  aliases: v.pipe(v.array(Alias), v.minLength(1)),
  kind: v.picklist(CASE_KINDS),
  countries: v.pipe(v.array(Country), v.minLength(1)),
  summary: SourcedText,
  timeline: v.pipe(
    v.array(v.strictObject({ date: IsoDate, text: Text, sources: SourceRefs })),
    v.minLength(1, 'a case needs at least one dated event'),
  ),
  agencies: v.array(v.strictObject({ id: EntityId, role: v.picklist(AGENCY_ROLES), sources: SourceRefs })),
  people: v.optional(
    v.array(
      v.strictObject({
        name: Text,
        description: v.optional(Text),
        events: v.pipe(
          v.array(
            v.strictObject({
              status: v.picklist(LEGAL_STATUSES),
              date: IsoDate,
              detail: v.optional(Text),
              sources: SourceRefs,
            }),
          ),
          v.minLength(1),
        ),
      }),
    ),
  ),
  outcome: v.optional(
    v.strictObject({
      status: v.picklist(['ongoing', 'concluded']),
      text: Text,
      asOf: IsoDate,
      sources: SourceRefs,
    }),
  ),
  figures: v.optional(v.array(v.strictObject({ label: Text, value: Text, sources: SourceRefs }))),
  related: v.optional(v.array(EntityId)),
  discrepancies: v.optional(v.array(SourcedText)),
  sources: v.pipe(v.array(Source), v.minLength(1)),
});

export const Entry = v.variant('type', [Agency, Case]);

export type Source = v.InferOutput<typeof Source>;
export type Alias = v.InferOutput<typeof Alias>;
export type Agency = v.InferOutput<typeof Agency>;
export type Case = v.InferOutput<typeof Case>;
export type Entry = v.InferOutput<typeof Entry>;
export type AgencyKind = (typeof AGENCY_KINDS)[number];
export type CaseKind = (typeof CASE_KINDS)[number];
export type AgencyRole = (typeof AGENCY_ROLES)[number];
export type LegalStatus = (typeof LEGAL_STATUSES)[number];
