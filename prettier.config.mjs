// Prettier for the whole tree (ADR 0012). The settings are the ones that change the fewest lines of
// the code as it was written by hand (measured in the ADR); printWidth 120 breaks the long one-liners.

/** @type {import('prettier').Config} */
export default {
  printWidth: 120,
  singleQuote: true,
  overrides: [
    // Salesforce's own project template uses no trailing commas, and the hand-written force-app code
    // has none: keeping that leaves the org's metadata as Salesforce tools format it.
    { files: 'force-app/**', options: { trailingComma: 'none' } },
    // Lightning (LWC and Aura) bundles are indented by 4, as in every Salesforce sample and template.
    { files: ['force-app/main/default/lwc/**', 'force-app/main/default/aura/**'], options: { tabWidth: 4 } },
    // LWC templates bind with unquoted `attr={expr}`; the html parser would quote and so break them.
    { files: 'force-app/main/default/lwc/**/*.html', options: { parser: 'lwc' } },
  ],
};
