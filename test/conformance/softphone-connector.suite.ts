// The suite ships in the package as `softphone-bridge/testing` (src/testing/); the repository's own
// connector tests keep importing it from here.
export { runConnectorConformance, type ConnectorHarness } from '../../src/testing/index.js';
