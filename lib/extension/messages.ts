import { browser } from 'wxt/browser';
import type { Entry } from '../dataset/schema';
import type { Findings } from '../page/annotator';

/** What the popup shows about a tab: the content script's findings plus why it may be idle. */
export interface PageReport {
  host: string;
  /** `off`: switched off everywhere; `site-off`: off for this site; `not-relevant`: not about piracy enforcement. */
  state: Findings['state'] | 'off' | 'site-off';
  findings: Findings;
}

export interface RelatedName {
  name: string;
  type: 'agency' | 'case';
  years?: string;
}

export interface EntityDetails {
  entry: Entry;
  /** For an agency: its cases in the dataset, newest first. */
  cases: string[];
  /** Display names of every entity the card links to. */
  names: Record<string, RelatedName>;
}

/** Messages to the background, each with the type of its answer. */
export interface BackgroundMessages {
  'entity-details': { request: { id: string }; response: EntityDetails | null };
  'page-report': { request: { report: PageReport }; response: null };
}

/** Messages to a tab's content script. */
export interface TabMessages {
  'get-report': { request: Record<never, never>; response: PageReport };
  reveal: { request: { id: string }; response: boolean };
  'annotate-anyway': { request: Record<never, never>; response: PageReport };
}

export type Envelope<M, K extends keyof M> = { type: K } & (M[K] extends { request: infer R } ? R : never);
export type AnyEnvelope<M> = { [K in keyof M]: Envelope<M, K> }[keyof M];
export type Answer<M, K extends keyof M> = M[K] extends { response: infer R } ? R : never;

// Async, so that an API that throws at once (an extension reloaded under an open page:
// "Extension context invalidated") rejects like any other failure instead of escaping.
export async function sendToBackground<K extends keyof BackgroundMessages>(
  message: Envelope<BackgroundMessages, K>,
): Promise<Answer<BackgroundMessages, K>> {
  return (await browser.runtime.sendMessage(message)) as Answer<BackgroundMessages, K>;
}

export async function sendToTab<K extends keyof TabMessages>(
  tabId: number,
  message: Envelope<TabMessages, K>,
): Promise<Answer<TabMessages, K>> {
  return (await browser.tabs.sendMessage(tabId, message)) as Answer<TabMessages, K>;
}

/** Only our own pages and scripts talk to us; anything else, or any other shape, is ignored. */
export function isMessageOf<M>(types: readonly (keyof M)[], value: unknown): value is AnyEnvelope<M> {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { type?: unknown }).type === 'string' &&
    (types as readonly string[]).includes((value as { type: string }).type)
  );
}

export const BACKGROUND_MESSAGE_TYPES = [
  'entity-details',
  'page-report',
] as const satisfies readonly (keyof BackgroundMessages)[];
export const TAB_MESSAGE_TYPES = [
  'get-report',
  'reveal',
  'annotate-anyway',
] as const satisfies readonly (keyof TabMessages)[];
