import preact from '@preact/preset-vite';
import { defineConfig } from 'wxt';
import { pageModuleHooks } from './lib/build/page-module';
import { datasetPlugin } from './lib/dataset/vite-plugin';

export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  outDir: '.output',
  // Every module imports what it uses. Auto-imports also bind bare names a scanner mistakes for
  // free (an arrow function's `t` parameter became the i18n helper, pulling the polyfill into
  // the page module).
  imports: false,
  // Icons and translations are UI assets; the project keeps them with the components.
  publicDir: 'components/assets',
  hooks: pageModuleHooks(),
  vite: () => ({
    plugins: [preact(), datasetPlugin()],
    build: { sourcemap: false },
  }),
  manifest: ({ browser }) => ({
    name: '__MSG_extensionName__',
    description: '__MSG_extensionDescription__',
    default_locale: 'en',
    permissions: ['storage'],
    // Extension pages load only their own files and may reach nothing on the network.
    content_security_policy: {
      extension_pages:
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'none'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    },
    icons: { 16: 'icon/16.png', 32: 'icon/32.png', 48: 'icon/48.png', 128: 'icon/128.png' },
    action: { default_title: '__MSG_extensionName__', default_icon: { 16: 'icon/16.png', 32: 'icon/32.png' } },
    commands: {
      'toggle-site': {
        suggested_key: { default: 'Alt+Shift+L' },
        description: '__MSG_commandToggleSite__',
      },
    },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'takedown-lens@takedown-lens.example',
              strict_min_version: '140.0',
              data_collection_permissions: { required: ['none'] },
            },
            gecko_android: { strict_min_version: '142.0' },
          },
        }
      : {}),
  }),
  zip: {
    artifactTemplate: '{{name}}-{{version}}-{{browser}}.zip',
    sourcesTemplate: '{{name}}-{{version}}-sources.zip',
    excludeSources: ['artifacts/**', 'coverage/**', '.ci/**', 'tests/e2e/**', '**/*.log'],
  },
});
