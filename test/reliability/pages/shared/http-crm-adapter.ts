import {
  BridgeError,
  type CallLogWrite,
  type CrmAdapter,
  type ScreenPopRequest,
  type ScreenPopResult,
  type WriteReceipt,
} from '../../../../src/contract/index.js';

/**
 * A CRM adapter over HTTP to the reliability server's fake CRM (`/crm/<run>/…`), whose ledger
 * lives in the test process: it survives page reloads and is shared by tabs, so "exactly once"
 * can be checked across pages. Writes carry the idempotency key, as an external-id upsert would;
 * the ledger counts every create it had to absorb.
 */
export function httpCrmAdapter(run: string, tab: string, page: string): CrmAdapter {
  const post = (action: 'log' | 'pop', body: Record<string, unknown>): Promise<Response> =>
    fetch(`/crm/${encodeURIComponent(run)}/${action}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ ...body, tab, page }),
    });
  return {
    name: 'reliability-http',
    connect: async () => ({}),
    disconnect: async () => {},
    async writeCallLog(write: CallLogWrite): Promise<WriteReceipt> {
      const { call } = write;
      const response = await post('log', {
        key: write.key,
        recordId: write.receipt?.recordId,
        attempt: write.attempt,
        call: {
          conversationId: call.conversationId,
          state: call.state,
          outcome: call.outcome ?? null,
          notes: call.notes ?? null,
          disposition: call.disposition ?? null,
          durationSeconds: call.durationSeconds ?? null,
          revision: call.revision,
        },
      });
      if (!response.ok)
        throw new BridgeError('ADAPTER_WRITE_FAILED', `The test CRM answered ${response.status}.`, {
          details: { status: response.status },
          retryable: response.status >= 500,
        });
      const body = (await response.json()) as { recordId: string };
      return { recordId: body.recordId, recordType: 'CallLog' };
    },
    async screenPop(request: ScreenPopRequest): Promise<ScreenPopResult> {
      await post('pop', { conversationId: request.conversationId });
      return {};
    },
  };
}
