/**
 * Before dist/softphone-bridge.dynamics.iife.js, in the frame: Dynamics' part as the widget
 * fixture of the browser tests plays it (test/adapters/dynamics/fixtures/widget.ts): a fake
 * `Microsoft.CIFramework` (what msdyn_ciLibrary.js puts on the widget page) over the harness's
 * organisation, and the page's configuration.
 */
import { FakeCif } from '../../../fakes/fake-cif.js';
import { org, PARTNER } from '../../../adapters/dynamics/harness.js';

const page = window as unknown as {
  Microsoft: { CIFramework: FakeCif };
  relCif: FakeCif;
  softphoneBridgeConfig: unknown;
};
page.relCif = new FakeCif(org());
page.Microsoft = { CIFramework: page.relCif };
page.softphoneBridgeConfig = { partnerConfig: PARTNER, dispositions: ['resolved'] };
