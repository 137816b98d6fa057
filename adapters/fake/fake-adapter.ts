import {
  adapterWriteFailed,
  notConnected,
  type AdapterConfig,
  type AdapterContext,
  type CallLogWrite,
  type CrmAdapter,
  type DialRequest,
  type PresenceWrite,
  type ScreenPopRequest,
  type ScreenPopResult,
  type WriteReceipt,
} from '../../src/contract/index.js';
import { FakeCrm } from './fake-crm.js';

/** The fake adapter, plus the handles a test or the demo uses to act as the CRM's user. */
export interface FakeAdapter extends CrmAdapter {
  readonly crm: FakeCrm;
  /** The agent clicks a phone number in the CRM. */
  clickToDial(request: DialRequest): Promise<void>;
  /** The agent changes presence in the CRM. */
  changePresence(softphoneId: string): Promise<void>;
}

/**
 * The reference adapter: an in-memory CRM ({@link FakeCrm}) behind the full adapter interface,
 * with every capability. Tests use it to drive the bridge; the demo shows its records.
 */
export function fakeAdapter(crm: FakeCrm = new FakeCrm()): FakeAdapter {
  let context: AdapterContext | undefined;
  const connected = (): AdapterContext => {
    if (context === undefined) throw notConnected('The fake adapter');
    return context;
  };
  return {
    name: 'fake',
    crm,
    async connect(ctx: AdapterContext): Promise<AdapterConfig> {
      context = ctx;
      return {
        ...(crm.dispositions === undefined ? {} : { dispositions: crm.dispositions }),
        ...(crm.partnerConfig === undefined ? {} : { partnerConfig: crm.partnerConfig }),
      };
    },
    async disconnect() {
      context = undefined;
    },
    async writeCallLog(write: CallLogWrite): Promise<WriteReceipt> {
      try {
        const record = crm.saveCallLog(write.key, write.call, write.receipt?.recordId);
        return { recordId: record.id, recordType: 'CallLog' };
      } catch (cause) {
        throw adapterWriteFailed('The fake CRM did not confirm the call log.', { cause, details: { key: write.key } });
      }
    },
    async screenPop(request: ScreenPopRequest): Promise<ScreenPopResult> {
      const matches = crm.findContacts(request.phoneNumber);
      const only = matches.length === 1 ? matches[0] : undefined;
      if (only !== undefined) {
        const record = { id: only.id, type: 'Contact', name: only.name };
        crm.pops.push({ conversationId: request.conversationId, phoneNumber: request.phoneNumber, shown: record });
        return { record };
      }
      crm.pops.push({
        conversationId: request.conversationId,
        phoneNumber: request.phoneNumber,
        shown: matches.length === 0 ? 'new' : 'search',
      });
      return {};
    },
    async setPresence(write: PresenceWrite): Promise<WriteReceipt> {
      crm.presence.push(write.softphoneId);
      return { recordId: `presence-${crm.presence.length}` };
    },
    clickToDial: (request) => connected().requestCall(request),
    changePresence: (softphoneId) => connected().updatePresence(softphoneId),
  };
}
