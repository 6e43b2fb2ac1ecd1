import type { Settings } from './schema';

/*
 * Per-site switching, apart from the schema so that code that only asks "is this site on?"
 * (the page module) does not carry the schema's validation library.
 */

/** The key a site is remembered by: its hostname, lowercase, without a leading "www.". */
export function siteKey(hostname: string): string {
  return hostname
    .trim()
    .toLowerCase()
    .replace(/\.$/, '')
    .replace(/^www\./, '');
}

/** Why Takedown Lens is not at work on a site, or undefined when it is; off everywhere comes first. */
export function switchedOff(settings: Settings | undefined, hostname: string): 'off' | 'site-off' | undefined {
  if (!settings?.enabled) return 'off';
  return isSiteEnabled(settings, hostname) ? undefined : 'site-off';
}

export function isSiteEnabled(settings: Settings, hostname: string): boolean {
  return !settings.disabledSites.includes(siteKey(hostname));
}

export function withSite(settings: Settings, hostname: string, enabled: boolean): Settings {
  const key = siteKey(hostname);
  const rest = settings.disabledSites.filter((s) => s !== key);
  return { ...settings, disabledSites: enabled ? rest : [...rest, key] };
}
