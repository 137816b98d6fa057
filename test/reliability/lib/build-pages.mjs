// Bundles the reliability pages (test/reliability/pages) with esbuild into `outDir`, with their
// HTML. Pages load only scripts from their own origin, so they run under the server's strict CSP.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const pages = fileURLToPath(new URL('../pages/', import.meta.url));

const modulePage = (name) =>
  `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>reliability: ${name}</title><script type="module" src="/rel/${name}.js"></script></head><body></body></html>\n`;

/** The Salesforce softphone page: the fake Open CTI, the built bundle, the softphone, as plain scripts. */
const salesforcePage = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>reliability: Salesforce bundle under a strict CSP</title>
<script src="/rel/sf/fake-cti.js"></script>
<script src="/dist/softphone-bridge.salesforce.iife.js"></script>
<script src="/rel/sf/softphone.js"></script>
</head><body></body></html>
`;

/** The pages of the blocked-storage scenario: vendor set-up, the built bundle, the CRM's count, the calls (or, around a frame, the vendor's host). */
const blockedPage = (title, scripts) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>reliability: ${title} in a cross-site frame with storage blocked</title>
${scripts.map((src) => `<script src="${src}"></script>`).join('\n')}
</head><body></body></html>
`;

/** A CRM page on 127.0.0.1 whose script frames the bundle's page from localhost and answers its SDK. */
const hostPage = (crm, script) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>reliability: ${crm} around a cross-site frame with storage blocked</title></head>
<body><script src="${script}"></script></body></html>
`;

export async function buildPages(outDir) {
  const common = {
    bundle: true,
    target: 'es2022',
    platform: 'browser',
    conditions: ['production'],
    legalComments: 'none',
    logLevel: 'error',
    outdir: outDir,
    sourcemap: 'inline',
  };
  const modules = ['tab', 'faults', 'fuzz', 'presence'];
  await build({
    ...common,
    format: 'esm',
    entryPoints: Object.fromEntries(modules.map((m) => [m, join(pages, `${m}.ts`)])),
  });
  const blocked = [
    'calls',
    'sf-crm',
    'webhook-setup',
    'dynamics-setup',
    'dynamics-crm',
    'hubspot-setup',
    'hubspot-host',
    'zendesk-host',
  ];
  await build({
    ...common,
    format: 'iife',
    entryPoints: {
      'sf/fake-cti': join(pages, 'sf/fake-cti.ts'),
      'sf/softphone': join(pages, 'sf/softphone.ts'),
      ...Object.fromEntries(blocked.map((b) => [`blocked/${b}`, join(pages, `blocked/${b}.ts`)])),
    },
  });
  const files = {
    ...Object.fromEntries(modules.map((m) => [`${m}.html`, modulePage(m)])),
    'sf.html': salesforcePage,
    'tt/sf.html': salesforcePage,
    'blocked/top.html':
      '<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>reliability: the CRM page around a cross-site frame</title></head><body></body></html>\n',
    'blocked/salesforce.html': blockedPage('the Salesforce bundle', [
      '/rel/sf/fake-cti.js',
      '/dist/softphone-bridge.salesforce.iife.js',
      '/rel/blocked/sf-crm.js',
      '/rel/blocked/calls.js',
    ]),
    'blocked/webhook.html': blockedPage('the webhook bundle', [
      '/rel/blocked/webhook-setup.js',
      '/dist/softphone-bridge.webhook.iife.js',
      '/rel/blocked/calls.js',
    ]),
    'blocked/dynamics.html': blockedPage('the Dynamics bundle', [
      '/rel/blocked/dynamics-setup.js',
      '/dist/softphone-bridge.dynamics.iife.js',
      '/rel/blocked/dynamics-crm.js',
      '/rel/blocked/calls.js',
    ]),
    'blocked/hubspot.html': blockedPage('the HubSpot bundle', [
      '/rel/blocked/hubspot-setup.js',
      '/dist/softphone-bridge.hubspot.iife.js',
      '/rel/blocked/calls.js',
    ]),
    'blocked/zendesk.html': blockedPage('the Zendesk bundle', [
      '/dist/softphone-bridge.zendesk.iife.js',
      '/rel/blocked/calls.js',
    ]),
    // HubSpot's and Zendesk's SDKs talk to window.parent: their page frames the bundle's page itself.
    'blocked/hubspot-top.html': hostPage('HubSpot', '/rel/blocked/hubspot-host.js'),
    'blocked/zendesk-top.html': hostPage('Zendesk', '/rel/blocked/zendesk-host.js'),
  };
  for (const [file, html] of Object.entries(files)) {
    mkdirSync(dirname(join(outDir, file)), { recursive: true });
    writeFileSync(join(outDir, file), html);
  }
}
