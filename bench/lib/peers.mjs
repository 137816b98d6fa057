// Peer bundle sizes as recorded in ../shared/research/perf-ecosystem.md §1 (measured 2026-11-21,
// Node 20.20.2; min = minified bytes, gz = gzip -9, br = brotli -q 11). "IIFE" means re-bundled
// with esbuild (--bundle --minify --format=iife) so every package is measured the same way.
// Copied here, not re-measured: the bench never downloads packages.

/** @type {{ name: string, file: string, min: number, gz: number, br: number, note?: string }[]} */
export const PEERS = [
  {
    name: '@hubspot/calling-extensions-sdk 0.9.7',
    file: 'IIFE of dist/main.esm.js',
    min: 10_632,
    gz: 3_635,
    br: 3_157,
  },
  {
    name: '@salesforce/scv-connector-base 3.6.2',
    file: 'dist/scv-connector-base.js (shipped)',
    min: 69_071,
    gz: 17_144,
    br: 14_878,
  },
  {
    name: 'amazon-connect-streams 2.28.2',
    file: 'release/connect-streams-min.js (shipped)',
    min: 730_481,
    gz: 190_512,
    br: 149_705,
  },
  { name: '@amazon-connect/app + contact + voice 1.0.x', file: 'IIFE (ESM only)', min: 86_741, gz: 16_614, br: 13_738 },
  { name: 'aircall-everywhere 2.0.6', file: 'IIFE', min: 7_229, gz: 2_717, br: 2_411 },
  { name: 'purecloud-client-app-sdk 2.6.10 (Genesys)', file: 'shipped .min.js', min: 39_074, gz: 10_552, br: 9_447 },
  { name: 'zendesk_app_framework_sdk 2.0.11 (ZAF)', file: 'IIFE', min: 11_633, gz: 4_146, br: 3_756 },
  { name: '@pipedrive/app-extensions-sdk 0.15.1', file: 'IIFE', min: 4_776, gz: 2_047, br: 1_716 },
];

export const PEER_SOURCE = '../shared/research/perf-ecosystem.md §1 (measured 2026-11-21)';
