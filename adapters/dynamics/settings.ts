import {
  isRecord,
  validateCallbackPayload,
  type DispositionEvent,
  type PartnerConfigEvent,
  SettingsReader,
} from '../../src/contract/index.js';
import {
  readCallPolicy,
  readDialSettings,
  readPartnerConfig,
  type CallPolicySettings,
  type CallSettingsInput,
  type DialSettings,
} from '../shared/call-settings.js';

/** An entity searched for the caller: its logical name, the phone attributes compared, and the attribute shown as its name. */
export interface SearchEntity {
  readonly entity: string;
  readonly phoneFields: readonly string[];
  readonly nameField: string;
}

/** The configuration an admin gives the Dynamics adapter (usually `window.softphoneBridgeConfig`). */
export interface DynamicsSettingsInput extends CallSettingsInput {
  readonly dispositions?: readonly string[];
  /** Default: contact (telephone1, mobilephone, telephone2), then account (telephone1, telephone2). */
  readonly searchEntities?: readonly SearchEntity[];
  /** Quick-create form opened for an inbound number that matches nothing; `null` for none. Default `contact`. */
  readonly newRecordEntity?: string | null;
  /** Panel width in pixels set when a call rings; leave out to keep the agent's width. */
  readonly panelWidth?: number;
  /** The phonecall attribute holding the conversation id, searched before creating. Default `subcategory`. */
  readonly keyAttribute?: string;
  /** The phonecall attribute holding the disposition code. Default `category`. */
  readonly dispositionAttribute?: string;
  /** CIF 2.0 only: softphone status id → Omnichannel presence text. Without it, presence is not synced. */
  readonly presenceMap?: Readonly<Record<string, string>>;
}

/** The settings once checked, defaults applied. */
export interface DynamicsSettings extends DialSettings, CallPolicySettings {
  readonly partnerConfig: PartnerConfigEvent;
  readonly dispositions: DispositionEvent;
  readonly searchEntities: readonly SearchEntity[];
  readonly newRecordEntity: string | null;
  readonly panelWidth: number | undefined;
  readonly keyAttribute: string;
  readonly dispositionAttribute: string;
  readonly presenceMap: ReadonlyMap<string, string> | undefined;
}

/** The default search: contacts first (people), then accounts. */
export const DEFAULT_SEARCH: readonly SearchEntity[] = [
  { entity: 'contact', phoneFields: ['telephone1', 'mobilephone', 'telephone2'], nameField: 'fullname' },
  { entity: 'account', phoneFields: ['telephone1', 'telephone2'], nameField: 'name' },
];

/** Logical names: lower-case letters, digits and underscores, as Dataverse makes them. */
const LOGICAL_NAME = /^[a-z][a-z0-9_]{0,63}$/;

/**
 * Checks the adapter's configuration, or throws one `CONFIG_INVALID` naming every option at
 * fault (`details.keys`). A malformed optional value is reported, never replaced by its default.
 */
export function parseDynamicsSettings(raw: unknown): DynamicsSettings {
  const reader = new SettingsReader(raw);
  const { input, problem, text } = reader;
  const logicalName = (key: string, fallback: string): string => {
    const value = text(key) ?? fallback;
    if (!LOGICAL_NAME.test(value)) problem(key, 'must be a logical name such as subcategory or new_conversationid');
    return value;
  };

  const partnerConfig = readPartnerConfig(reader);
  const dispositions = validateCallbackPayload('disposition', input['dispositions'] ?? []);
  if (!dispositions.success) problem('dispositions', 'must be a list of codes of 1 to 255 characters');

  const dial = readDialSettings(reader);

  const searchEntities = input['searchEntities'] ?? DEFAULT_SEARCH;
  const searchOk =
    Array.isArray(searchEntities) &&
    searchEntities.length > 0 &&
    searchEntities.every(
      (s: Partial<SearchEntity>) =>
        LOGICAL_NAME.test(String(s?.entity)) &&
        LOGICAL_NAME.test(String(s?.nameField)) &&
        Array.isArray(s?.phoneFields) &&
        s.phoneFields.length > 0 &&
        s.phoneFields.every((f) => LOGICAL_NAME.test(String(f))),
    );
  if (!searchOk) problem('searchEntities', 'must list { entity, phoneFields, nameField } with logical names');

  let newRecordEntity: string | null = 'contact';
  if (input['newRecordEntity'] === null) newRecordEntity = null;
  else if (input['newRecordEntity'] !== undefined) newRecordEntity = logicalName('newRecordEntity', 'contact');

  const panelWidth = input['panelWidth'];
  if (
    panelWidth !== undefined &&
    (typeof panelWidth !== 'number' || !Number.isInteger(panelWidth) || panelWidth < 200 || panelWidth > 2000)
  ) {
    problem('panelWidth', 'must be a whole number of pixels from 200 to 2000');
  }

  let presenceMap: Map<string, string> | undefined;
  const presence = input['presenceMap'];
  if (presence !== undefined) {
    const entries = isRecord(presence) ? Object.entries(presence) : [];
    if (entries.length === 0 || entries.some(([k, v]) => k === '' || typeof v !== 'string' || v.trim() === ''))
      problem('presenceMap', 'must map softphone status ids to Omnichannel presence texts');
    else presenceMap = new Map(entries as [string, string][]);
  }

  const settings: DynamicsSettings = {
    partnerConfig,
    dispositions: dispositions.success ? dispositions.data : [],
    ...dial,
    ...readCallPolicy(reader),
    searchEntities: searchOk ? (searchEntities as SearchEntity[]) : DEFAULT_SEARCH,
    newRecordEntity,
    panelWidth: panelWidth as number | undefined,
    keyAttribute: logicalName('keyAttribute', 'subcategory'),
    dispositionAttribute: logicalName('dispositionAttribute', 'category'),
    presenceMap,
  };
  reader.finish('Dynamics adapter options');
  return settings;
}
