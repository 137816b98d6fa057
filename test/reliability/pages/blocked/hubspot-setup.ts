/**
 * Before dist/softphone-bridge.hubspot.iife.js, in the frame: the widget page's configuration,
 * as the browser tests' widget fixture gives it (test/adapters/hubspot/bundle.test.ts).
 */
import { OUTCOMES, PARTNER } from '../../../adapters/hubspot/harness.js';

// HubSpot's answers come within the reply timeout; a create the hold swallows fails after it and is retried.
(window as unknown as { softphoneBridgeConfig: unknown }).softphoneBridgeConfig = {
  partnerConfig: PARTNER,
  dispositions: OUTCOMES,
  replyTimeoutMs: 1000,
};
