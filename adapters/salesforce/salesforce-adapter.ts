import {
  BridgeError,
  toE164,
  type AdapterConfig,
  type AdapterContext,
  type CallLogWrite,
  type CallRecord,
  type CrmAdapter,
  type CrmRecordRef,
  type PresenceWrite,
  type ScreenPopRequest,
  type ScreenPopResult,
  type WriteReceipt,
} from '../../src/contract/index.js';
import { OpenCti } from './open-cti.js';
import type { OpenCtiApi } from './open-cti.types.js';
import { parseSettings, type SalesforceSettings } from './settings.js';
import { toTask } from './to-task.js';

/** The Lightning message channel shared with the call button and the presence companion. */
export const MESSAGE_CHANNEL = 'SoftphoneBridge__c';

/** The Apex class and method of the optional server-side upsert (force-app/main/default/classes). */
export const APEX_UPSERT = { apexClass: 'SoftphoneBridgeCallLog', methodName: 'upsertCallLog' } as const;

/** Options of {@link salesforceAdapter}. */
export interface SalesforceAdapterOptions {
  /** `sforce.opencti`, or a function that loads it (the bundle loads the script on demand). */
  readonly openCti: OpenCtiApi | (() => Promise<OpenCtiApi>);
  /** How long to wait for any Open CTI callback. Default 10 s. */
  readonly callbackTimeoutMs?: number;
}

/**
 * The Salesforce adapter: Open CTI for Lightning (the utility-bar softphone).
 *
 * - configuration from the call center's `SoftphoneBridge` section (`getCallCenterSettings`);
 * - screen pops with `searchAndScreenPop` (deferred), then one record → open it, several → the
 *   search page and the record the agent opens from it, none → a new-record form with the number;
 * - one Task per conversation with `saveLog` (update by the remembered Task Id), or through the
 *   Apex upsert when `ApexUpsert` is on (falling back to `saveLog` when the class is absent);
 * - click-to-dial and the call button (Lightning message channel) → `start_call` in E.164;
 * - presence through the message channel and the Omni-Channel companion component.
 *
 * @see https://developer.salesforce.com/docs/atlas.en-us.api_cti.meta/api_cti/sforce_api_cti_methods_lightning.htm
 */
export function salesforceAdapter(options: SalesforceAdapterOptions): CrmAdapter {
  let cti: OpenCti | undefined;
  let context: AdapterContext | undefined;
  let settings: SalesforceSettings | undefined;
  let apexAvailable = true;
  /** A live call whose number matched several records: the record the agent opens among them is linked. */
  let choice: { conversationId: string; candidates: Map<string, CrmRecordRef> } | undefined;

  const ready = () => {
    if (cti === undefined || context === undefined || settings === undefined) throw new BridgeError('ADAPTER_CONNECT_FAILED', 'The Salesforce adapter is not connected.');
    return { cti, context, settings };
  };

  /** A click-to-dial or call-button request: normalised to E.164, or refused with a reason. */
  const dial = (number: unknown, record: CrmRecordRef | undefined, source: string) => {
    const { context: ctx, settings: s } = ready();
    const normalised = typeof number === 'string' || typeof number === 'number' ? toE164(String(number), s.defaultCountry) : ({ ok: false, problem: 'empty' } as const);
    if (!normalised.ok) {
      ctx.refuse(new BridgeError('DIAL_NUMBER_INVALID', `${source}: the number is not a valid phone number (${normalised.problem}); no call was started.`, { details: { source, problem: normalised.problem } }));
      return;
    }
    ctx
      .requestCall({
        dialTo: normalised.e164,
        ...(s.dialFrom === undefined ? {} : { dialFrom: s.dialFrom }),
        ...(s.participantType === undefined ? {} : { participantType: s.participantType }),
        ...(record === undefined ? {} : { crmRecord: record }),
      })
      .catch((error: unknown) => ctx.refuse(error instanceof BridgeError ? error : new BridgeError('CALLBACK_FAILED', `${source}: the softphone did not take the call.`, { cause: error })));
  };

  const onMessage = (message: unknown) => {
    if (typeof message !== 'object' || message === null) return;
    const m = message as Record<string, unknown>;
    if (m['type'] === 'dial') {
      dial(m['dialTo'], recordFrom(m['recordId'], m['objectType'], m['recordName']), 'Call button');
    } else if (m['type'] === 'presence' && m['source'] === 'omni' && typeof m['statusDeveloperName'] === 'string') {
      const { context: ctx, settings: s } = ready();
      const softphoneId = s.presenceMap.toSoftphone.get(m['statusDeveloperName']);
      if (softphoneId !== undefined) void ctx.updatePresence(softphoneId).catch(() => undefined);
    }
  };

  const onNavigation = (payload: unknown) => {
    if (choice === undefined || typeof payload !== 'object' || payload === null) return;
    const recordId = (payload as Record<string, unknown>)['recordId'];
    const chosen = typeof recordId === 'string' ? choice.candidates.get(recordId) : undefined;
    if (chosen === undefined) return;
    const { conversationId } = choice;
    choice = undefined;
    void ready().context.linkRecord(conversationId, chosen).catch(() => undefined);
  };

  const saveLog = async (write: CallLogWrite, fields: Record<string, unknown>): Promise<string> => {
    // TaskSubtype can be set only when the Task is created; an update that names it is refused.
    const { TaskSubtype: _createOnly, ...updatable } = fields;
    const value = write.receipt === undefined ? { entityApiName: 'Task', ...fields } : { Id: write.receipt.recordId, ...updatable };
    const id = await ready().cti.call('saveLog', { value });
    if (typeof id !== 'string' || id === '') throw new BridgeError('ADAPTER_WRITE_FAILED', 'Salesforce saved the Task but returned no Id.', { details: { key: write.key } });
    return id;
  };

  const apexUpsert = async (write: CallLogWrite, fields: Record<string, unknown>): Promise<string | undefined> => {
    // Percent-encoded (a space is %20, never "+"): runApex passes methodParams as a query string.
    const methodParams = `callKey=${encodeURIComponent(write.key)}&fieldsJson=${encodeURIComponent(JSON.stringify(fields))}`;
    try {
      const result = (await ready().cti.call('runApex', { ...APEX_UPSERT, methodParams })) as { runApex?: unknown } | null;
      if (typeof result?.runApex === 'string' && result.runApex !== '') return result.runApex;
      throw new BridgeError('ADAPTER_WRITE_FAILED', 'The Apex upsert returned no Task Id.', { details: { key: write.key } });
    } catch (error) {
      // "Could not load Apex class": the class is not deployed in this org. Fall back for good.
      if (error instanceof BridgeError && isMissingClass(error)) {
        apexAvailable = false;
        ready().context.logger.warn('Apex upsert class not found; logging calls with saveLog', { apexClass: APEX_UPSERT.apexClass });
        return undefined;
      }
      throw error;
    }
  };

  return {
    name: 'salesforce',

    async connect(ctx: AdapterContext): Promise<AdapterConfig> {
      const api = typeof options.openCti === 'function' ? await options.openCti() : options.openCti;
      cti = new OpenCti(api, ctx.clock, options.callbackTimeoutMs ?? 10_000);
      context = ctx;
      settings = parseSettings(await cti.call('getCallCenterSettings', {}, 'ADAPTER_CONNECT_FAILED'));
      cti.listen('onClickToDial', (payload) => {
        const p = (typeof payload === 'object' && payload !== null ? payload : {}) as Record<string, unknown>;
        dial(p['number'], recordFrom(p['recordId'], p['objectType'], p['recordName']), 'Click-to-dial');
      });
      cti.listen('onNavigationChange', onNavigation);
      await cti.call('enableClickToDial', {}, 'ADAPTER_CONNECT_FAILED');
      await cti.call('subscribe', { channelName: MESSAGE_CHANNEL, listener: onMessage }, 'ADAPTER_CONNECT_FAILED');
      return {
        dispositions: settings.dispositions,
        partnerConfig: settings.partnerConfig,
        policy: { screenPopOn: settings.screenPopOn, logRejectedCalls: settings.logRejectedCalls },
      };
    },

    async disconnect() {
      cti = undefined;
      context = undefined;
      choice = undefined;
    },

    async writeCallLog(write: CallLogWrite): Promise<WriteReceipt> {
      const { cti: api, settings: s } = ready();
      const fields = { ...toTask(write.call) };
      let id: string | undefined;
      if (s.apexUpsert && apexAvailable) id = await apexUpsert(write, fields);
      id ??= await saveLog(write, fields);
      // The agent's view shows the new activity; a refresh that fails changes nothing logged.
      api.call('refreshView', {}).catch(() => undefined);
      return { recordId: id, recordType: 'Task' };
    },

    async screenPop(request: ScreenPopRequest): Promise<ScreenPopResult> {
      const { cti: api, settings: s } = ready();
      const callType = request.direction === 'inbound' ? api.api.CALL_TYPE.INBOUND : api.api.CALL_TYPE.OUTBOUND;
      const found = (await api.call('searchAndScreenPop', { searchParams: request.phoneNumber, callType, deferred: true }, 'SCREEN_POP_FAILED')) as Record<string, unknown> | null;
      const matches = matchesOf(found);
      if (matches.length === 1) {
        const only = matches[0] as CrmRecordRef;
        await api.call('screenPop', { type: api.api.SCREENPOP_TYPE.SOBJECT, params: { recordId: only.id } }, 'SCREEN_POP_FAILED');
        return { record: only };
      }
      if (matches.length > 1) {
        choice = { conversationId: request.conversationId, candidates: new Map(matches.map((m) => [m.id, m])) };
        const popData = (found ?? {})['SCREEN_POP_DATA'] as { type?: unknown; params?: unknown } | undefined;
        const searchString = request.phoneNumber.length >= 3 ? request.phoneNumber : undefined;
        if (popData !== undefined && typeof popData.type === 'string') {
          await api.call('screenPop', { type: popData.type, params: popData.params ?? {} }, 'SCREEN_POP_FAILED');
        } else if (searchString !== undefined) {
          await api.call('screenPop', { type: api.api.SCREENPOP_TYPE.SEARCH, params: { searchString } }, 'SCREEN_POP_FAILED');
        }
        return {};
      }
      if (request.direction === 'inbound') {
        await api.call(
          'screenPop',
          { type: api.api.SCREENPOP_TYPE.NEW_RECORD_MODAL, params: { entityName: s.newRecordEntity, defaultFieldValues: { Phone: request.phoneNumber } } },
          'SCREEN_POP_FAILED',
        );
      }
      return {};
    },

    async setPresence(write: PresenceWrite): Promise<WriteReceipt> {
      const { cti: api, settings: s } = ready();
      const statusDeveloperName = s.presenceMap.toSalesforce.get(write.softphoneId);
      if (statusDeveloperName === undefined) {
        throw new BridgeError('ADAPTER_WRITE_REFUSED', 'No Omni-Channel status is mapped to this softphone status (PresenceMap).', { details: { key: write.key } });
      }
      await api.call('publish', { channelName: MESSAGE_CHANNEL, message: { type: 'setPresence', source: 'softphone', statusDeveloperName } });
      return { recordId: statusDeveloperName };
    },

    callUpdated(call: CallRecord) {
      if (cti === undefined) return;
      // An incoming call shows the softphone panel, whether or not the pop waits for the accept.
      if (call.state === 'ringing' && call.direction === 'inbound') cti.call('setSoftphonePanelVisibility', { visible: true }).catch(() => undefined);
    },
  };
}

function recordFrom(id: unknown, type: unknown, name: unknown): CrmRecordRef | undefined {
  if (typeof id !== 'string' || id === '') return undefined;
  return { id, ...(typeof type === 'string' && type !== '' ? { type } : {}), ...(typeof name === 'string' && name !== '' ? { name } : {}) };
}

/** The records of a deferred `searchAndScreenPop` answer: every key but `SCREEN_POP_DATA`. */
function matchesOf(found: Record<string, unknown> | null): CrmRecordRef[] {
  if (found === null || typeof found !== 'object') return [];
  const records: CrmRecordRef[] = [];
  for (const [id, value] of Object.entries(found)) {
    if (id === 'SCREEN_POP_DATA' || typeof value !== 'object' || value === null) continue;
    const v = value as Record<string, unknown>;
    const ref = recordFrom(typeof v['Id'] === 'string' ? v['Id'] : id, v['RecordType'], v['Name']);
    if (ref !== undefined) records.push(ref);
  }
  return records;
}

function isMissingClass(error: BridgeError): boolean {
  const cause = error.cause as readonly { description?: unknown }[] | undefined;
  return Array.isArray(cause) && cause.some((e) => typeof e?.description === 'string' && e.description.startsWith('Could not load Apex class'));
}
