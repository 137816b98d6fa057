// The connector test tools ship in the package as `softphone-bridge/testing` (src/testing/
// connector-tools.ts); the repository's connector tests keep importing them from here.
export {
  bridgeWithFakeCrm,
  connectorContext,
  manualClock,
  PARTNER,
  recordingLogger,
  settle,
  tick,
  type ManualClock,
} from '../../src/testing/index.js';
