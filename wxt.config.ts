import preact from '@preact/preset-vite';
import { defineConfig } from 'wxt';

// The extension reads only the claims pages of Partner Center and keeps everything on the
// partner's machine: no other host, no remote code, least permissions (issue 2).
export default defineConfig({
  srcDir: '.',
  entrypointsDir: 'entrypoints',
  publicDir: 'public',
  outDir: '.output',
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    permissions: ['storage', 'alarms', 'notifications'],
    host_permissions: ['https://partner.microsoft.com/*'],
    action: { default_title: '__MSG_extName__' },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'cpor-guard@cpor-guard.dev',
              // 140: the first Firefox (and ESR) that reads data_collection_permissions;
              // addons-linter warns at an older minimum (scripts/lint-firefox.mjs).
              strict_min_version: '140.0',
              data_collection_permissions: { required: ['none'] },
            },
            // Firefox for Android reads data_collection_permissions from 142 on.
            gecko_android: { strict_min_version: '142.0' },
          },
        }
      : // The organisation's policy values (src/packs/managed.ts). Firefox reads enterprise
        // policies' 3rdparty values without a schema (and does not know this key).
        { storage: { managed_schema: 'managed-schema.json' } }),
  }),
  vite: () => ({
    plugins: [preact()],
    build: { chunkSizeWarningLimit: 2000 },
  }),
});
