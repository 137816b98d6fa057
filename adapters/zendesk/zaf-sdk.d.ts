/**
 * Types for `zendesk_app_framework_sdk`, which ships none: its CommonJS entry exports the
 * `ZAFClient` object. `init()` answers `false` when the page URL lacks the `origin` and
 * `app_guid` parameters Zendesk adds to an app's iframe.
 */
declare module 'zendesk_app_framework_sdk' {
  import type { ZafClient } from './zaf.types.js';

  const ZAFClient: {
    init(callback?: (context: unknown) => void): (ZafClient & { context(): Promise<unknown> }) | false;
  };
  export default ZAFClient;
}
