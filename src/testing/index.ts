/**
 * `softphone-bridge/testing`: the conformance suites an adapter or connector author runs from their
 * own repository (under mocha, jest, vitest with globals, or @web/test-runner), and the test tools
 * they take. docs/writing-an-adapter.md and docs/writing-a-connector.md show how.
 */
export { runAdapterConformance, type AdapterHarness } from './adapter-conformance.js';
export { runConnectorConformance, type ConnectorHarness } from './connector-conformance.js';
export {
  bridgeWithFakeCrm,
  connectorContext,
  manualClock,
  PARTNER,
  recordingLogger,
  settle,
  tick,
  type ManualClock,
} from './connector-tools.js';
export { testApi, type TestApi } from './test-api.js';
