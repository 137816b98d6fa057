// The suite ships in the package as `softphone-bridge/testing` (src/testing/); the repository's own
// adapter tests keep importing it from here.
export { runAdapterConformance, type AdapterHarness } from '../../src/testing/index.js';
