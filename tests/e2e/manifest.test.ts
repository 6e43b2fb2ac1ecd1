import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './support/browsers';

/** The manifests that ship, as built by the suite's global setup. */
const builds = [
  { name: 'chrome-mv3', action: 'action' },
  { name: 'firefox-mv2', action: 'browser_action' },
] as const;

for (const build of builds) {
  describe(`${build.name} manifest`, () => {
    const manifest = JSON.parse(readFileSync(resolve(ROOT, '.output', build.name, 'manifest.json'), 'utf8'));

    it('asks only for storage, and runs its content script on web pages only', () => {
      expect(manifest.permissions).toEqual(['storage']);
      expect(manifest.host_permissions).toBeUndefined();
      expect(manifest.optional_permissions).toBeUndefined();
      expect(manifest.content_scripts.map((c: { matches: string[] }) => c.matches)).toEqual([
        ['http://*/*', 'https://*/*'],
      ]);
    });

    it('exposes only the page module to web pages, in Chrome only at a per-session address', () => {
      expect(manifest.externally_connectable).toBeUndefined();
      if (manifest.manifest_version === 3) {
        expect(manifest.web_accessible_resources).toEqual([
          { resources: ['content-scripts/page/*'], matches: ['http://*/*', 'https://*/*'], use_dynamic_url: true },
        ]);
      } else {
        expect(manifest.web_accessible_resources).toEqual(['content-scripts/page/*']);
      }
    });

    it('loads on every page only the injected script and the page module, which holds no extension API code', () => {
      const dir = resolve(ROOT, '.output', build.name, 'content-scripts/page');
      expect(readdirSync(dir).sort()).toEqual(['card-view.js', 'page.js']);
      const page = readFileSync(resolve(dir, 'page.js'), 'utf8');
      expect(page).not.toMatch(/import\s*["']|from\s*["']/);
      expect(page).not.toContain('browser extension');
    });

    it("asks Chromium to compile the page module's functions while loading it, off the main thread, not during the first pass", () => {
      const page = readFileSync(resolve(ROOT, '.output', build.name, 'content-scripts/page/page.js'), 'utf8');
      expect(page.startsWith('//# allFunctionsCalledOnLoad\n')).toBe(true);
      const card = readFileSync(resolve(ROOT, '.output', build.name, 'content-scripts/page/card-view.js'), 'utf8');
      expect(card).not.toContain('allFunctionsCalledOnLoad');
    });

    it('gives its own pages a CSP that forbids remote code and every network request', () => {
      const csp =
        typeof manifest.content_security_policy === 'string'
          ? manifest.content_security_policy
          : manifest.content_security_policy.extension_pages;
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("connect-src 'none'");
      expect(csp).toContain("object-src 'none'");
      expect(csp).not.toMatch(/unsafe-(eval|inline)|https?:/);
    });

    it('has a name, a description, icons and a toolbar button', () => {
      expect(manifest.name).toBe('__MSG_extensionName__');
      expect(manifest.default_locale).toBe('en');
      expect(Object.keys(manifest.icons)).toEqual(['16', '32', '48', '128']);
      expect(manifest[build.action].default_popup).toBe('popup.html');
    });
  });
}

describe('firefox-mv2 manifest', () => {
  it('declares its add-on id and that it collects no data', () => {
    const manifest = JSON.parse(readFileSync(resolve(ROOT, '.output/firefox-mv2/manifest.json'), 'utf8'));
    expect(manifest.browser_specific_settings.gecko.id).toMatch(/@/);
    expect(manifest.browser_specific_settings.gecko.data_collection_permissions).toEqual({ required: ['none'] });
  });
});
