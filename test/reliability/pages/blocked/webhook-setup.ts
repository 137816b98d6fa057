/**
 * Before dist/softphone-bridge.webhook.iife.js, in the frame: its configuration, with the URL and
 * secret of the reference receiver (examples/webhook-receiver/server.mjs) that the scenario runs
 * on the test server at 127.0.0.1, another site than this frame: the bundle's own `fetch` posts
 * there, CORS preflight included, so the scenario shows that a storage-blocked frame still reaches
 * its receiver, and the records outlive a reload of the frame.
 */
const query = new URLSearchParams(location.search);
(window as unknown as { softphoneBridgeConfig: unknown }).softphoneBridgeConfig = {
  url: query.get('hook'),
  secret: query.get('secret'),
  dispositions: ['resolved'],
};

export {}; // a module, so that `query` stays local to this file
