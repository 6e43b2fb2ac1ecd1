import { resolve } from 'node:path';
import type { InlineConfig, PluginOption } from 'vite';
import type { Entrypoint, UserConfig } from 'wxt';
import { CARD_VIEW_PATH, PAGE_MODULE_DIR, PAGE_MODULE_PATH } from './page-module-path';

/**
 * The content script is two files. `content.js` (what the manifest injects) is the thin
 * part every page pays for: settings, messages, and the decision whether to read the page.
 * Only a page with text to read loads the page module, built here as ES modules so that
 * the card (Preact, Floating UI) is a chunk of its own that loads when a card first opens.
 * WXT bundles content scripts as single IIFE files, so this is a second Vite build, run
 * after WXT's with the content script's own Vite configuration (aliases, the dataset plugin).
 */
/**
 * The page module and, as a second entry, the card view loaded when the first card opens. The
 * two must share no module: Rollup would split it into a chunk of its own, imported at the
 * extension's fixed address, which Chrome refuses for files served at a per-session one
 * (tests/e2e/manifest.test.ts checks that the page module imports nothing).
 */
const ENTRIES = { page: 'entrypoints/content/page.ts', 'card-view': 'entrypoints/content/card-view.tsx' };
const CONTENT_MATCHES = ['http://*/*', 'https://*/*'];

type Hooks = NonNullable<UserConfig['hooks']>;

export function pageModuleHooks(): Hooks {
  let contentConfig: InlineConfig | undefined;
  return {
    'vite:build:extendConfig': (entrypoints: readonly Entrypoint[], config: InlineConfig) => {
      if (entrypoints.some((e) => e.name === 'content')) contentConfig = config;
    },
    'build:done': async (wxt) => {
      if (!contentConfig) throw new Error('the page module needs the content script built first');
      const { build } = await import('vite');
      await build(pageModuleConfig(contentConfig, wxt.config.root, wxt.config.outDir));
    },
    'build:manifestGenerated': (wxt, manifest) => {
      // The content script can only import files pages may load too. So that a site cannot
      // tell the extension is installed by requesting a fixed URL, Chrome serves them only at
      // a per-session address (runtime.getURL gives it); Firefox's addresses already differ
      // for every installation.
      const resources = {
        resources: [`${PAGE_MODULE_DIR}/*`],
        matches: CONTENT_MATCHES,
        ...(wxt.config.manifestVersion === 3 ? { use_dynamic_url: true } : {}),
      };
      // MV3 shape; WXT rewrites it for Firefox's MV2 build.
      (manifest.web_accessible_resources as unknown[] | undefined) ??= [];
      (manifest.web_accessible_resources as unknown[]).push(resources);
    },
    'prepare:publicPaths': (_wxt, paths) => {
      paths.push(PAGE_MODULE_PATH.slice(1), CARD_VIEW_PATH.slice(1));
    },
  };
}

function pageModuleConfig(content: InlineConfig, root: string, outDir: string): InlineConfig {
  // WXT's IIFE wrapper would turn the module's exports into a global.
  const plugins = (content.plugins ?? []).filter(
    (p: PluginOption) => !(p && typeof p === 'object' && 'name' in p && p.name === 'wxt:iife-footer'),
  );
  return {
    ...content,
    plugins: [...plugins, compileHint('page')],
    build: {
      ...content.build,
      lib: false,
      outDir: resolve(outDir, PAGE_MODULE_DIR),
      emptyOutDir: false,
      copyPublicDir: false,
      modulePreload: false,
      rollupOptions: {
        input: Object.fromEntries(Object.entries(ENTRIES).map(([name, path]) => [name, resolve(root, path)])),
        preserveEntrySignatures: 'strict',
        output: { format: 'es', entryFileNames: '[name].js', chunkFileNames: '[name]-[hash].js' },
      },
    },
  };
}

/**
 * V8's explicit compile hint: nearly every function of the page module runs on every page with
 * text, so Chromium compiles them all while it streams the module in, off the main thread,
 * instead of one at a time in the middle of the first pass (3 to 5 ms of it). Added after
 * minifying, which drops comments; other browsers read a comment.
 */
function compileHint(entry: string): PluginOption {
  return {
    name: 'takedown-lens:compile-hint',
    generateBundle(_options, bundle) {
      for (const chunk of Object.values(bundle)) {
        if (chunk.type === 'chunk' && chunk.name === entry) chunk.code = `//# allFunctionsCalledOnLoad\n${chunk.code}`;
      }
    },
  };
}
