import {
  adapterConnectFailed,
  adapterWriteFailed,
  adapterWriteRefused,
  callbackFailed,
  isRecord,
  screenPopFailed,
  toBridgeError,
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
import { clickedNumber } from '../shared/clicked-number.js';
import { dialRequest } from '../shared/call-settings.js';
import { connection } from '../shared/connection.js';
import { Cif } from './cif.js';
import type { CifApi } from './cif.types.js';
import { idQuery, matchedSpelling, numberVariants, odataString, phoneQuery, recordsOf } from './find-callers.js';
import {
  parseDynamicsSettings,
  type DynamicsSettings,
  type DynamicsSettingsInput,
  type SearchEntity,
} from './settings.js';
import { toPhoneCall } from './to-phonecall.js';

/** Options of {@link dynamicsAdapter}: the CIF library (injected) and the admin's settings. */
export interface DynamicsAdapterOptions extends DynamicsSettingsInput {
  /** `Microsoft.CIFramework`, or a function resolving with it once initialised (see `cifReady`). */
  readonly cif: CifApi | (() => Promise<CifApi>);
  /** How long any CIF call may take. Default 10 s, CIF 1.0's own limit. */
  readonly callTimeoutMs?: number;
}

/** The entity a call is logged as. */
const PHONECALL = 'phonecall';

/**
 * The Dynamics 365 adapter, over the Channel Integration Framework (`Microsoft.CIFramework`).
 *
 * - screen pop: `searchAndOpenRecords` (search only) over contacts then accounts by phone; one
 *   match is opened, several open the search page filled with the number (`renderSearchPage`),
 *   none opens a quick-create form;
 * - one `phonecall` activity per conversation: `createRecord` once, `updateRecord` by the
 *   remembered id; without a receipt it first searches the conversation id (`keyAttribute`);
 * - click-to-act (`onclicktoact`) → `start_call` in E.164, linked to the clicked record (the
 *   event's `entityId`, else the page's record from `getEnvironment`);
 * - the panel docks (and takes `panelWidth`) when a call rings;
 * - presence (CIF 2.0 `setPresence`, and `onPresenceChange` → `update_presence`) when
 *   `presenceMap` is configured.
 *
 * @see https://learn.microsoft.com/dynamics365/channel-integration-framework/v1/develop/reference/microsoft-ciframework
 */
export function dynamicsAdapter(options: DynamicsAdapterOptions): CrmAdapter {
  const live = connection<{ cif: Cif; context: AdapterContext; settings: DynamicsSettings }>('Dynamics');
  const { ready } = live;
  /** The conversation the panel was last docked for: a ringing call changes several times. */
  let panelShownFor: string | undefined;

  const onClickToAct = async (eventData: unknown): Promise<void> => {
    const { cif, context, settings } = ready();
    const data = parseEventData(eventData);
    // The docs show "phone", a captured production payload "Phone": any case is a phone field.
    const format = data['format'];
    if (format !== undefined && String(format).toLowerCase() !== 'phone') return; // an e-mail or URL field
    const value = data['value'];
    const dialTo = clickedNumber(value, settings.defaultCountry, 'onclicktoact', context);
    if (dialTo === undefined) return;
    const record = clickedRecord(data) ?? (await recordOnScreen(cif, data['entityLogicalName']));
    await context
      .requestCall(dialRequest(dialTo, settings, record))
      .catch((error: unknown) =>
        context.refuse(
          toBridgeError(error, (cause) =>
            callbackFailed('onclicktoact: the softphone did not take the call.', { cause }),
          ),
        ),
      );
  };
  // CIF awaits the handler's promise; a failure inside must not reject into CIF.
  const clickHandler = (eventData: unknown) => onClickToAct(eventData).catch(() => undefined);

  /** CIF 2.0 `onPresenceChange`: the presence text maps back to a softphone status (`presenceMap`). */
  const presenceHandler = async (eventData: unknown): Promise<void> => {
    const state = live.current;
    if (state === undefined) return;
    const info = parseEventData(eventData)['presenceInfo'];
    const text = isRecord(info) ? info['presenceText'] : undefined;
    const softphoneId = [...(state.settings.presenceMap ?? [])].find(([, presence]) => presence === text)?.[0];
    // An id-only event, or a presence no softphone status maps to, changes nothing.
    if (softphoneId !== undefined) await state.context.updatePresence(softphoneId).catch(() => undefined);
  };

  const findByKey = async (conversationId: string): Promise<string | undefined> => {
    const { cif, settings } = ready();
    const query = `?$select=activityid&$filter=${settings.keyAttribute} eq ${odataString(conversationId)}`;
    const found = recordsOf(await cif.json('searchAndOpenRecords', [PHONECALL, query, true]), {
      entity: 'activity',
      nameField: 'subject',
      phoneFields: [],
    });
    return found[0]?.id;
  };

  const adapter: CrmAdapter = {
    name: 'dynamics',

    async connect(context: AdapterContext): Promise<AdapterConfig> {
      const settings = parseDynamicsSettings(options);
      const api = typeof options.cif === 'function' ? await options.cif() : options.cif;
      const cif = new Cif(api, context.clock, options.callTimeoutMs ?? 10_000);
      live.set({ cif, context, settings });
      Promise.resolve(api.addHandler('onclicktoact', clickHandler)).catch(() =>
        context.logger.warn('CIF refused the click-to-act handler', {}),
      );
      // Presence flows back only where it can: CIF 2.0 (it has setPresence) and a presenceMap.
      if (settings.presenceMap !== undefined && typeof api.setPresence === 'function')
        Promise.resolve(api.addHandler('onPresenceChange', presenceHandler)).catch(() => undefined);
      await cif.call('setClickToAct', [true], adapterConnectFailed);
      return {
        dispositions: settings.dispositions,
        partnerConfig: settings.partnerConfig,
        policy: { screenPopOn: settings.screenPopOn, logRejectedCalls: settings.logRejectedCalls },
      };
    },

    async disconnect() {
      const cif = live.clear()?.cif;
      if (cif === undefined) return;
      // Disconnecting never fails on a handler CIF already dropped.
      void Promise.resolve()
        .then(() => cif.api.removeHandler('onclicktoact', clickHandler))
        .then(() => cif.api.removeHandler('onPresenceChange', presenceHandler))
        .catch(() => undefined);
    },

    async writeCallLog(write: CallLogWrite): Promise<WriteReceipt> {
      const { cif, settings } = ready();
      const data = JSON.stringify(toPhoneCall(write.call, settings));
      // Without a receipt the previous reply may have been lost after CIF created the record.
      const id = write.receipt?.recordId ?? (await findByKey(write.call.conversationId));
      if (id !== undefined) {
        await cif.call('updateRecord', [PHONECALL, id, data]);
        return { recordId: id, recordType: PHONECALL };
      }
      const created = (await cif.json('createRecord', [PHONECALL, data])) as { id?: unknown } | null;
      if (typeof created?.id !== 'string' || created.id === '')
        throw adapterWriteFailed('Dynamics created the phone call but returned no id.', {
          details: { key: write.key },
        });
      return { recordId: created.id, recordType: PHONECALL };
    },

    async screenPop(request: ScreenPopRequest): Promise<ScreenPopResult> {
      const { cif, settings } = ready();
      const numbers = numberVariants(request.phoneNumber, settings.defaultCountry);
      if (numbers.length === 0) return {};
      const found: { entity: SearchEntity; records: CrmRecordRef[]; spelling: string | undefined }[] = [];
      for (const entity of settings.searchEntities) {
        const answer = await cif.json(
          'searchAndOpenRecords',
          [entity.entity, phoneQuery(entity, numbers), true],
          screenPopFailed,
        );
        const records = recordsOf(answer, entity);
        if (records.length > 0) found.push({ entity, records, spelling: matchedSpelling(answer, entity, numbers) });
      }
      const total = found.reduce((n, f) => n + f.records.length, 0);
      const first = found[0];
      if (total === 1 && first !== undefined) {
        const only = first.records[0] as CrmRecordRef;
        await cif.call(
          'searchAndOpenRecords',
          [first.entity.entity, idQuery(first.entity, only.id), false],
          screenPopFailed,
        );
        return { record: only };
      }
      if (first !== undefined) {
        // Several: the search page of the first entity (contacts before accounts), filled with the
        // number as stored. Not searchAndOpenRecords(…, false): CIF fills its search page only
        // from a `$search` option, so a `$filter` query opens it blank.
        await cif.call(
          'renderSearchPage',
          [first.entity.entity, first.spelling ?? (numbers[numbers.length - 1] as string)],
          screenPopFailed,
        );
        return {};
      }
      if (request.direction === 'inbound' && settings.newRecordEntity !== null) {
        const phoneField =
          settings.searchEntities.find((e) => e.entity === settings.newRecordEntity)?.phoneFields[0] ?? 'telephone1';
        await cif.call(
          'openForm',
          [
            JSON.stringify({ entityName: settings.newRecordEntity, useQuickCreateForm: true }),
            JSON.stringify({ [phoneField]: numbers[numbers.length - 1] }),
          ],
          screenPopFailed,
        );
      }
      return {};
    },

    callUpdated(call: CallRecord) {
      const state = live.current;
      if (
        state === undefined ||
        call.state !== 'ringing' ||
        call.direction !== 'inbound' ||
        panelShownFor === call.conversationId
      )
        return;
      panelShownFor = call.conversationId;
      const { cif, settings } = state;
      // Dock the panel so the agent sees the ringing call; a failure changes nothing logged.
      cif.call('setMode', [1]).catch(() => undefined);
      if (settings.panelWidth !== undefined) cif.call('setWidth', [settings.panelWidth]).catch(() => undefined);
    },
  };

  if (options.presenceMap !== undefined) {
    adapter.setPresence = async (write: PresenceWrite): Promise<WriteReceipt> => {
      const { cif, settings } = ready();
      const text = settings.presenceMap?.get(write.softphoneId);
      if (text === undefined)
        throw adapterWriteRefused('No Omnichannel presence is mapped to this softphone status (presenceMap).', {
          details: { key: write.key },
        });
      if (typeof cif.api.setPresence !== 'function')
        throw adapterWriteRefused(
          'This organisation runs Channel Integration Framework 1.0, which has no presence API.',
          { details: { key: write.key } },
        );
      const accepted = await cif.call<unknown>('setPresence', [text]);
      if (accepted !== true)
        throw adapterWriteRefused(
          'Omnichannel did not accept the presence (the text must match a configured presence exactly).',
          { details: { key: write.key } },
        );
      return { recordId: text };
    };
  }
  return adapter;
}

/** `onclicktoact` event data: a JSON string in CIF 1.0, an object in some builds. */
function parseEventData(eventData: unknown): Record<string, unknown> {
  if (typeof eventData === 'string') {
    try {
      const parsed = JSON.parse(eventData) as unknown;
      return isRecord(parsed) ? parsed : {};
    } catch {
      return {};
    }
  }
  return isRecord(eventData) ? eventData : {};
}

/** A Dataverse record id: a guid, braces and case as CIF may give them. */
const GUID = /^\{?([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\}?$/i;

/**
 * The record a click-to-act event names itself: production payloads carry `entityId` and
 * `recordTitle` beside `entityLogicalName` (the documented example shows neither). Only a guid
 * id and a logical name are trusted; anything else falls back to {@link recordOnScreen}.
 */
function clickedRecord(data: Record<string, unknown>): CrmRecordRef | undefined {
  const { entityId, entityLogicalName: type, recordTitle: name } = data;
  const id = typeof entityId === 'string' ? GUID.exec(entityId)?.[1] : undefined;
  if (id === undefined || typeof type !== 'string' || !/^\w+$/.test(type)) return undefined;
  return { id: id.toLowerCase(), type, ...(typeof name === 'string' && name !== '' ? { name } : {}) };
}

/**
 * The record on the agent's page, for an event that names only the entity: `getEnvironment`'s
 * `etn` and `id`, when the page shows a record of that entity.
 */
async function recordOnScreen(cif: Cif, entity: unknown): Promise<CrmRecordRef | undefined> {
  if (typeof entity !== 'string' || entity === '') return undefined;
  try {
    const env = (await cif.json('getEnvironment', [])) as Record<string, unknown> | null;
    const id = env?.['id'];
    if (env?.['etn'] !== entity || typeof id !== 'string' || id === '') return undefined;
    return { id: id.replace(/[{}]/g, '').toLowerCase(), type: entity };
  } catch {
    return undefined; // the call is still placed, only not pre-linked
  }
}
