// Runs the package's adapter conformance suite against the example adapter, importing only what a
// third party gets from npm: `softphone-bridge/testing` and `softphone-bridge/contract`.
import { runAdapterConformance } from 'softphone-bridge/testing';
import { FakeNotesApi } from './fake-notes-api.js';
import { notesAdapter } from './notes-adapter.js';

runAdapterConformance('notes (examples/minimal-adapter)', async () => {
  const api = new FakeNotesApi();
  return {
    adapter: notesAdapter({
      api,
      partnerConfig: { partnerId: 'partner-1', businessSegmentId: 'segment-1', channelOriginId: 'web' },
      dispositions: ['resolved'],
    }),
    async callLogsFor(key) {
      return [...api.notes.values()]
        .filter((n) => n.externalId === key)
        .map((n) => ({ notes: n.text, durationSeconds: n.seconds, disposition: n.outcome }));
    },
    failNextWrite: () => api.failNextWrite(),
    loseNextReply: () => api.loseNextReply(),
  };
});
