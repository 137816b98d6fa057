// Which source builds into which dist file. Shared by rollup.config.mjs and
// test/node/build-output.test.mjs so the config and the output check cannot drift apart.
// Paths are relative to the repository root.

/** ESM library entries, dependencies external; one rollup build, shared code in dist/chunks/. */
export const libraryEntries = [
  { name: 'index', input: 'src/index.ts', output: 'dist/index.js', types: 'dist/types/src/index.d.ts' },
  {
    name: 'contract',
    input: 'src/contract/index.ts',
    output: 'dist/contract.js',
    types: 'dist/types/src/contract/index.d.ts',
  },
  { name: 'ui', input: 'src/ui/index.ts', output: 'dist/ui.js', types: 'dist/types/src/ui/index.d.ts' },
  { name: 'ui/define', input: 'src/ui/define.ts', output: 'dist/ui/define.js', types: 'dist/types/src/ui/define.d.ts' },
  {
    name: 'adapters/fake',
    input: 'adapters/fake/index.ts',
    output: 'dist/adapters/fake.js',
    types: 'dist/types/adapters/fake/index.d.ts',
  },
  {
    name: 'adapters/salesforce',
    input: 'adapters/salesforce/index.ts',
    output: 'dist/adapters/salesforce.js',
    types: 'dist/types/adapters/salesforce/index.d.ts',
  },
  {
    name: 'adapters/dynamics',
    input: 'adapters/dynamics/index.ts',
    output: 'dist/adapters/dynamics.js',
    types: 'dist/types/adapters/dynamics/index.d.ts',
  },
  {
    name: 'adapters/hubspot',
    input: 'adapters/hubspot/index.ts',
    output: 'dist/adapters/hubspot.js',
    types: 'dist/types/adapters/hubspot/index.d.ts',
  },
  {
    name: 'adapters/zendesk',
    input: 'adapters/zendesk/index.ts',
    output: 'dist/adapters/zendesk.js',
    types: 'dist/types/adapters/zendesk/index.d.ts',
  },
  {
    name: 'adapters/webhook',
    input: 'adapters/webhook/index.ts',
    output: 'dist/adapters/webhook.js',
    types: 'dist/types/adapters/webhook/index.d.ts',
  },
  {
    name: 'connectors/sobot',
    input: 'connectors/sobot/index.ts',
    output: 'dist/connectors/sobot.js',
    types: 'dist/types/connectors/sobot/index.d.ts',
  },
  {
    name: 'connectors/voicenter',
    input: 'connectors/voicenter/index.ts',
    output: 'dist/connectors/voicenter.js',
    types: 'dist/types/connectors/voicenter/index.d.ts',
  },
  {
    name: 'connectors/sociomile',
    input: 'connectors/sociomile/index.ts',
    output: 'dist/connectors/sociomile.js',
    types: 'dist/types/connectors/sociomile/index.d.ts',
  },
  // What adapter and connector authors build on (docs/writing-an-adapter.md, docs/writing-a-connector.md),
  // and the conformance suites with their tools for both: chai is bundled in.
  {
    name: 'adapters/shared',
    input: 'adapters/shared/index.ts',
    output: 'dist/adapters/shared.js',
    types: 'dist/types/adapters/shared/index.d.ts',
  },
  {
    name: 'connectors/shared',
    input: 'connectors/shared/index.ts',
    output: 'dist/connectors/shared.js',
    types: 'dist/types/connectors/shared/index.d.ts',
  },
  {
    name: 'testing',
    input: 'src/testing/index.ts',
    output: 'dist/testing.js',
    types: 'dist/types/src/testing/index.d.ts',
  },
];

/**
 * Self-contained minified IIFEs for a <script> tag. `globalName` is the global the library
 * exports land on; bundles without one set up `window.softphoneBridge` themselves.
 * `budgetGzip` is the most a bundle may weigh gzipped: the build's size table compares against it,
 * and `npm test` fails above it once `budgetEnforced` is set. The bundles with a budget validate with
 * the compiled contract schemas (ADR 0007). `httpsOnly` marks the bundles that run only inside a CRM's
 * https pages in current browsers, which all have Web Locks: their entry files pass no `fallbackLock`,
 * so they leave out the drain lock's localStorage lease, which test/node/lean-bundles.test.mjs checks
 * (ADR 0009). The config swaps no module: a bundle carries what its entry file imports.
 */
export const iifeEntries = [
  { input: 'src/index.ts', output: 'dist/softphone-bridge.iife.js', globalName: 'SoftphoneBridge' },
  // 15 KB until 2026-12-02; 18 KB since (ADR 0009's amendments: correctness against the real browser and Open CTI,
  // storage-blocked frames, calls that survive reloads and one active phone per browser, ADR 0011); 19 KB since
  // issue 15 split the bridge along its data path and gave it one checked way to be constructed (ADR 0009).
  {
    input: 'adapters/salesforce/bundle.ts',
    output: 'dist/softphone-bridge.salesforce.iife.js',
    httpsOnly: true,
    budgetGzip: 19 * 1024,
    budgetEnforced: true,
  },
  // The other CRMs' bundles (issue 6): sizes printed beside the Salesforce one; budgets enforced once met.
  {
    input: 'adapters/dynamics/bundle.ts',
    output: 'dist/softphone-bridge.dynamics.iife.js',
    httpsOnly: true,
    budgetGzip: 15 * 1024,
    budgetEnforced: false,
  },
  {
    input: 'adapters/hubspot/bundle.ts',
    output: 'dist/softphone-bridge.hubspot.iife.js',
    httpsOnly: true,
    budgetGzip: 15 * 1024,
    budgetEnforced: false,
  },
  {
    input: 'adapters/zendesk/bundle.ts',
    output: 'dist/softphone-bridge.zendesk.iife.js',
    httpsOnly: true,
    budgetGzip: 15 * 1024,
    budgetEnforced: false,
  },
  // 15 KB until issue 15, 16 KB since (the bridge split and its checked construction, and the error factories: ADR 0009).
  {
    input: 'adapters/webhook/bundle.ts',
    output: 'dist/softphone-bridge.webhook.iife.js',
    budgetGzip: 16 * 1024,
    budgetEnforced: true,
  },
  // The softphone frame's side of the remote transport (src/remote/): plain TS, no zod, no eventemitter3.
  {
    input: 'src/remote/iife.ts',
    output: 'dist/softphone-bridge.remote.iife.js',
    budgetGzip: 3 * 1024,
    budgetEnforced: true,
  },
  // The Visualforce host page's side of it: serves the Salesforce bundle's bridge to a cross-origin
  // softphone frame. Apart from the budgeted bundle because the host parses with zod/mini (ADR 0005).
  { input: 'adapters/salesforce/host-bundle.ts', output: 'dist/softphone-bridge.salesforce-host.iife.js' },
];

/**
 * Self-contained minified ESM bundles for the demo's two pages (demo/server.mjs serves them on two
 * origins): the CRM console that hosts the bridge, and the softphone page it frames.
 */
export const demoEntries = [
  { input: 'demo/console/main.ts', output: 'dist/demo/console.js' },
  { input: 'demo/softphone/main.ts', output: 'dist/demo/softphone.js' },
];
