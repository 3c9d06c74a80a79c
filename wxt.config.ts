import preact from '@preact/preset-vite';
import { defineConfig } from 'wxt';

/**
 * The public key of the Chromium build's manifest: it fixes the extension's id,
 * kfldjgjiojpafodgmakpjomcjajbjefi, on every machine, so that an organisation's policy can
 * address the unpacked build (`3rdparty.extensions.<id>`, README "For IT admins"). A store's
 * build gets the store's id instead. The private key is not kept: an unpacked extension needs none.
 */
const CHROMIUM_MANIFEST_KEY =
  'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAsrqehXRqmtjV6yPgzaLsG4IQASWLgbZB3++zQyvHoN4x9Q03trk4jeblnfb6KEeG9jReCGIEKF2EVgPzql/KVU76ZP8c0gYw8tUn+NCty5tr7mDwwwPtW1CyvSjqumsjEIQHwnT5/UdTyqb3iZouzSzfbtjM87nprvHA/mpkdf2spHIWW4+zjac+9b99w7kLPvI7hTZbSacujIerZ8/7Dp+ZCpQ+6kg5qEU71i8ELt11EvC7ImVCnK3BzsdaStpRGylKA5qAsfXNGx3rB4jLFQRgraifx0NAm5FZnuZdqwSxCUEB2D0X4gQyOjWlI7vv+dw8NvHY5gG+qY7mY7JgJQIDAQAB';

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
    // The checker frame (src/checker/protocol.ts) is the one page of ours that Partner Center's
    // claim pages may show, invisibly, inside the content script's shadow root.
    web_accessible_resources:
      browser === 'firefox'
        ? (['checker.html'] as never)
        : [{ resources: ['checker.html'], matches: ['https://partner.microsoft.com/*'] }],
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
        { key: CHROMIUM_MANIFEST_KEY, storage: { managed_schema: 'managed-schema.json' } }),
  }),
  vite: () => ({
    plugins: [preact()],
    build: { chunkSizeWarningLimit: 2000 },
  }),
});
