import {
  adapterConnectFailed,
  adapterWriteFailed,
  adapterWriteRefused,
  BridgeError,
  callbackFailed,
  dialNumberInvalid,
  isRecord,
  screenPopFailed,
  toBridgeError,
  toE164,
  type AdapterConfig,
  type AdapterContext,
  type CallLogWrite,
  type CallRecord,
  type CrmAdapter,
  type CrmRecordRef,
  type Logger,
  type PresenceWrite,
  type ScreenPopRequest,
  type ScreenPopResult,
  type WriteReceipt,
} from '../../src/contract/index.js';
import { dialRequest } from '../shared/call-settings.js';
import { connection } from '../shared/connection.js';
import { createOpenCti, type OpenCti } from './open-cti.js';
import type { OpenCtiApi } from './open-cti.types.js';
import { parseSettings, type SalesforceSettings } from './settings.js';
import { toTask } from './to-task.js';

/** The Lightning message channel shared with the call button and the presence companion. */
export const MESSAGE_CHANNEL = 'SoftphoneBridge__c';

/** The Apex class and method of the optional server-side upsert (force-app/main/default/classes). */
export const APEX_UPSERT = { apexClass: 'SoftphoneBridgeCallLog', methodName: 'upsertCallLog' } as const;

/**
 * The class's no-op method. Open CTI describes every `runApex` server error as "Could not load Apex
 * class", so only a method that cannot fail tells "not deployed" from "the upsert failed".
 */
export const APEX_PROBE = { apexClass: APEX_UPSERT.apexClass, methodName: 'probe' } as const;

/** Options of {@link salesforceAdapter}. */
export interface SalesforceAdapterOptions {
  /** `sforce.opencti`, or a function that loads it (the bundle loads the script on demand), given the bridge's logger. */
  readonly openCti: OpenCtiApi | ((logger: Logger) => Promise<OpenCtiApi>);
  /** How long to wait for any Open CTI callback. Default 10 s. */
  readonly callbackTimeoutMs?: number;
}

/** What `connect` sets up: the Open CTI facade, the bridge's context and the call center settings. */
interface Live {
  readonly cti: OpenCti;
  readonly context: AdapterContext;
  readonly settings: SalesforceSettings;
}

/**
 * The Salesforce adapter: Open CTI for Lightning (the utility-bar softphone).
 *
 * - configuration from the call center's `SoftphoneBridge` section (`getCallCenterSettings`);
 * - screen pops with `searchAndScreenPop` (deferred), then one record → open it, several → the
 *   search page and the record the agent opens from it, none → a new-record form with the number;
 * - one Task per conversation with `saveLog` (update by the remembered Task Id), or through the
 *   Apex upsert when `ApexUpsert` is on and the class answers its probe (else `saveLog`);
 * - click-to-dial and the call button (Lightning message channel) → `start_call` in E.164;
 * - presence through the message channel and the Omni-Channel companion component.
 *
 * @see https://developer.salesforce.com/docs/atlas.en-us.api_cti.meta/api_cti/sforce_api_cti_methods_lightning.htm
 */
export function salesforceAdapter(options: SalesforceAdapterOptions): CrmAdapter {
  /** What `connect` set up; `undefined` before it and after `disconnect`. */
  const live = connection<Live>('Salesforce');
  const { ready } = live;
  /** The Apex class answered a probe in this session: from then on every call log goes through it. */
  let apexDeployed = false;
  /** The probe in flight, shared by the writes waiting for it. */
  let probing: Promise<boolean> | undefined;
  /** Keys whose Task this session created (or tried to create) with saveLog: they stay on saveLog. */
  const viaSaveLog = new Set<string>();
  /** A live call whose number matched several records: the record the agent opens among them is linked. */
  let choice: { conversationId: string; candidates: Map<string, CrmRecordRef> } | undefined;

  /**
   * A click-to-dial or call-button request (`recordId`, `objectType`, `recordName` in `payload`):
   * normalised to E.164, or refused with a reason.
   */
  const dial = (number: unknown, payload: Record<string, unknown>, source: string) => {
    const { context, settings } = ready();
    // Anything but text or a number reads as no number at all ("empty").
    const normalised = toE164(
      typeof number === 'string' || typeof number === 'number' ? String(number) : '',
      settings.defaultCountry,
    );
    if (!normalised.ok) {
      context.refuse(dialNumberInvalid(source, normalised.problem));
      return;
    }
    const record = recordFrom(payload['recordId'], payload['objectType'], payload['recordName']);
    context
      .requestCall(dialRequest(normalised.e164, settings, record))
      .catch((error: unknown) =>
        context.refuse(
          toBridgeError(error, (cause) => callbackFailed(`${source}: the softphone did not take the call.`, { cause })),
        ),
      );
  };

  const onMessage = (message: unknown) => {
    const m = fieldsOf(message);
    if (m['type'] === 'dial') {
      dial(m['dialTo'], m, 'Call button');
    } else if (m['type'] === 'presence' && m['source'] === 'omni' && typeof m['statusDeveloperName'] === 'string') {
      const { context, settings } = ready();
      const softphoneId = settings.presenceMap.toSoftphone.get(m['statusDeveloperName']);
      if (softphoneId !== undefined) void context.updatePresence(softphoneId).catch(() => undefined);
    }
  };

  const onNavigation = (payload: unknown) => {
    const recordId = fieldsOf(payload)['recordId'];
    const chosen = typeof recordId === 'string' ? choice?.candidates.get(recordId) : undefined;
    if (choice === undefined || chosen === undefined) return;
    const { conversationId } = choice;
    choice = undefined;
    void ready()
      .context.linkRecord(conversationId, chosen)
      .catch(() => undefined);
  };

  const saveLog = async (cti: OpenCti, write: CallLogWrite, fields: Record<string, unknown>): Promise<string> => {
    // TaskSubtype can be set only when the Task is created; an update that names it is refused.
    const { TaskSubtype: _createOnly, ...updatable } = fields;
    const value =
      write.receipt === undefined ? { entityApiName: 'Task', ...fields } : { Id: write.receipt.recordId, ...updatable };
    // Lightning answers `{recordId}` on create and update (the Open CTI guide types returnValue as an object).
    const saved = (await cti.call('saveLog', { value })) as { recordId?: unknown } | null;
    return taskIdFrom(saved?.recordId, 'saveLog', write);
  };

  /**
   * Whether the Apex class is deployed: `true` once it answered, `false` when the probe got an error
   * answer. A probe that got no answer decides nothing: it rejects (retryable), so the write waits
   * and probes again rather than taking a path another attempt may not have taken.
   */
  const probe = ({ cti, context }: Live): Promise<boolean> =>
    (probing ??= cti
      .call('runApex', APEX_PROBE)
      .then(
        () => (apexDeployed = true),
        // The facade rejects only with BridgeErrors: a timeout is no answer, anything else is one.
        (error: BridgeError) => {
          if (error.code === 'ADAPTER_TIMEOUT') throw error;
          context.logger.warn('SoftphoneBridgeCallLog did not answer its probe; using saveLog');
          return false;
        },
      )
      .finally(() => (probing = undefined)));

  /** Whether `write` goes through the Apex upsert: a write never changes path between its attempts. */
  const useApex = async (connection: Live, write: CallLogWrite): Promise<boolean> =>
    connection.settings.apexUpsert && !viaSaveLog.has(write.key) && (apexDeployed || (await probe(connection)));

  const apexUpsert = async (cti: OpenCti, write: CallLogWrite, fields: Record<string, unknown>): Promise<string> => {
    // Percent-encoded (a space is %20, never "+"): runApex passes methodParams as a query string.
    const methodParams = `callKey=${encodeURIComponent(write.key)}&fieldsJson=${encodeURIComponent(JSON.stringify(fields))}`;
    // Any failure, "Could not load Apex class" included, is retried as runApex: the write may have committed.
    const result = (await cti.call('runApex', { ...APEX_UPSERT, methodParams })) as { runApex?: unknown } | null;
    return taskIdFrom(result?.runApex, 'runApex', write);
  };

  return {
    name: 'salesforce',

    async connect(ctx: AdapterContext): Promise<AdapterConfig> {
      const api = typeof options.openCti === 'function' ? await options.openCti(ctx.logger) : options.openCti;
      const cti = createOpenCti(api, ctx.clock, options.callbackTimeoutMs ?? 10_000);
      const settings = parseSettings(await cti.call('getCallCenterSettings', {}, adapterConnectFailed));
      const connected = { cti, context: ctx, settings };
      live.set(connected);
      // Probed now so that the first call log does not wait for it; a failed probe is repeated by the write.
      if (settings.apexUpsert) probe(connected).catch(() => undefined);
      cti.listen('onClickToDial', (payload) => {
        const p = fieldsOf(payload);
        dial(p['number'], p, 'Click-to-dial');
      });
      cti.listen('onNavigationChange', onNavigation);
      await cti.call('enableClickToDial', {}, adapterConnectFailed);
      await cti.call('subscribe', { channelName: MESSAGE_CHANNEL, listener: onMessage }, adapterConnectFailed);
      return {
        dispositions: settings.dispositions,
        partnerConfig: settings.partnerConfig,
        policy: { screenPopOn: settings.screenPopOn, logRejectedCalls: settings.logRejectedCalls },
      };
    },

    async disconnect() {
      live.clear();
      choice = undefined;
      apexDeployed = false;
      viaSaveLog.clear();
    },

    async writeCallLog(write: CallLogWrite): Promise<WriteReceipt> {
      const connection = ready();
      const { cti } = connection;
      const fields: Record<string, unknown> = toTask(write.call);
      let id: string;
      if (await useApex(connection, write)) id = await apexUpsert(cti, write, fields);
      else {
        // A saveLog create whose reply is lost is retried as saveLog; Apex would not know its Task.
        viaSaveLog.add(write.key);
        id = await saveLog(cti, write, fields);
      }
      // The agent's view shows the new activity; a refresh that fails changes nothing logged.
      cti.call('refreshView', {}).catch(() => undefined);
      return { recordId: id, recordType: 'Task' };
    },

    async screenPop(request: ScreenPopRequest): Promise<ScreenPopResult> {
      const { cti, settings } = ready();
      const { CALL_TYPE, SCREENPOP_TYPE } = cti.api;
      const pop = (type: string, params: object) => cti.call('screenPop', { type, params }, screenPopFailed);
      const callType = request.direction === 'inbound' ? CALL_TYPE.INBOUND : CALL_TYPE.OUTBOUND;
      const found = (await cti.call(
        'searchAndScreenPop',
        { searchParams: request.phoneNumber, callType, deferred: true },
        screenPopFailed,
      )) as Record<string, unknown> | null;
      const matches = matchesOf(found);
      const [only] = matches;
      if (matches.length === 1 && only !== undefined) {
        await pop(SCREENPOP_TYPE.SOBJECT, { recordId: only.id });
        return { record: only };
      }
      if (matches.length > 1) {
        choice = { conversationId: request.conversationId, candidates: new Map(matches.map((m) => [m.id, m])) };
        const popData = found?.['SCREEN_POP_DATA'];
        // Opaque to us: the guide says to hand it to screenPop unmodified, every key of it.
        if (isRecord(popData)) await cti.call('screenPop', popData, screenPopFailed);
        else if (request.phoneNumber.length >= 3)
          await pop(SCREENPOP_TYPE.SEARCH, { searchString: request.phoneNumber });
      } else if (request.direction === 'inbound') {
        await pop(SCREENPOP_TYPE.NEW_RECORD_MODAL, {
          entityName: settings.newRecordEntity,
          defaultFieldValues: { Phone: request.phoneNumber },
        });
      }
      return {};
    },

    async setPresence(write: PresenceWrite): Promise<WriteReceipt> {
      const { cti, settings } = ready();
      const statusDeveloperName = settings.presenceMap.toSalesforce.get(write.softphoneId);
      if (statusDeveloperName === undefined) {
        throw adapterWriteRefused('PresenceMap maps this softphone status to no Omni-Channel status.', {
          details: { key: write.key },
        });
      }
      await cti.call('publish', {
        channelName: MESSAGE_CHANNEL,
        message: { type: 'setPresence', source: 'softphone', statusDeveloperName },
      });
      return { recordId: statusDeveloperName };
    },

    callUpdated(call: CallRecord) {
      // An incoming call shows the softphone panel, whether or not the pop waits for the accept.
      if (call.state === 'ringing' && call.direction === 'inbound')
        live.current?.cti.call('setSoftphonePanelVisibility', { visible: true }).catch(() => undefined);
    },
  };
}

/** The fields of an Open CTI payload or message; none when it is not an object. */
function fieldsOf(value: unknown): Record<string, unknown> {
  return isRecord(value) ? value : {};
}

function recordFrom(id: unknown, type: unknown, name: unknown): CrmRecordRef | undefined {
  if (typeof id !== 'string' || id === '') return undefined;
  return {
    id,
    ...(typeof type === 'string' && type !== '' ? { type } : {}),
    ...(typeof name === 'string' && name !== '' ? { name } : {}),
  };
}

/**
 * The records of a deferred `searchAndScreenPop` answer: every key but `SCREEN_POP_DATA`. Entries
 * hold only the softphone layout's fields and may lack `Id` and `RecordType` (the guide's Account
 * sample has `object` and `displayName` instead), so the key is the Id and `object` the type.
 * `displayName` is the object's label ("Company"), never the record's name.
 */
function matchesOf(found: unknown): CrmRecordRef[] {
  return Object.entries(fieldsOf(found)).flatMap(([key, value]) => {
    if (key === 'SCREEN_POP_DATA' || !isRecord(value)) return [];
    return (
      recordFrom(
        typeof value['Id'] === 'string' ? value['Id'] : key,
        value['RecordType'] ?? value['object'],
        value['Name'],
      ) ?? []
    );
  });
}

/** The Task Id Salesforce answered `method` with; without one the write failed (and is retried). */
function taskIdFrom(id: unknown, method: string, write: CallLogWrite): string {
  if (typeof id === 'string' && id !== '') return id;
  throw adapterWriteFailed(`${method} returned no Task Id.`, { details: { key: write.key } });
}
