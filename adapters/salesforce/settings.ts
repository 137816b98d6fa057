import { SettingsReader, type DispositionEvent, type PartnerConfigEvent } from '../../src/contract/index.js';
import {
  capitalised,
  GUID,
  readCallPolicy,
  readDialSettings,
  readDispositionList,
  type CallPolicySettings,
  type DialSettings,
} from '../shared/call-settings.js';
import { API_NAME, parsePresenceMap, type PresenceMap } from './presence-map.js';

/** The call center section the admin edits (Setup → Call Centers → SoftphoneBridge). */
export const SETTINGS_SECTION = '/SoftphoneBridge/';

/**
 * The bridge's settings as read from the call center definition with `getCallCenterSettings`.
 * Keys and defaults (documented for admins in docs/salesforce-deploy.md):
 *
 * | key | required | default |
 * |---|---|---|
 * | PartnerId, BusinessSegmentId, ChannelOriginId | yes (guids) | — |
 * | Dispositions | no | none |
 * | DialFrom | no | none (E.164 after normalising) |
 * | ParticipantType | no | none |
 * | DefaultCountry | no | US |
 * | ScreenPopOn | no | ring |
 * | PresenceMap | no | no presence sync |
 * | LogRejectedCalls | no | passive |
 * | ApexUpsert | no | false |
 * | NewRecordEntity | no | Contact |
 */
export interface SalesforceSettings extends DialSettings, CallPolicySettings {
  readonly partnerConfig: PartnerConfigEvent;
  readonly dispositions: DispositionEvent;
  readonly presenceMap: PresenceMap;
  readonly apexUpsert: boolean;
  readonly newRecordEntity: string;
}

/**
 * Reads the settings, or throws one `CONFIG_INVALID` naming every missing or malformed key. A
 * malformed optional value is reported, never silently replaced by its default.
 */
export function parseSettings(raw: unknown): SalesforceSettings {
  const reader = new SettingsReader(raw, SETTINGS_SECTION);
  const { problem, text, choice } = reader;
  const guid = (key: string): string => {
    const value = text(key) ?? '';
    if (!GUID.test(value)) problem(key, value === '' ? 'is required' : 'must be a guid');
    return value;
  };
  /**
   * The text of `key` when `valid` accepts it, else `fallback`: when absent, or when malformed
   * after reporting it as `invalid` (so that the keys read after it are checked as usual).
   */
  const checked = (key: string, fallback: string, valid: (value: string) => boolean, invalid: string): string => {
    const value = text(key) ?? fallback;
    if (valid(value)) return value;
    problem(key, invalid);
    return fallback;
  };

  const partnerConfig = {
    partnerId: guid('PartnerId'),
    businessSegmentId: guid('BusinessSegmentId'),
    channelOriginId: guid('ChannelOriginId'),
  };

  const dispositions = readDispositionList(reader, capitalised);
  const dial = readDialSettings(reader, capitalised);

  const presenceMap = parsePresenceMap(text('PresenceMap') ?? '', (why) => problem('PresenceMap', why));

  const newRecordEntity = checked(
    'NewRecordEntity',
    'Contact',
    (name) => API_NAME.test(name),
    'must be an object API name (Contact, Lead, ...)',
  );

  const settings: SalesforceSettings = {
    partnerConfig,
    dispositions,
    ...dial,
    presenceMap,
    ...readCallPolicy(reader, capitalised),
    apexUpsert: choice('ApexUpsert', ['true', 'false'] as const, 'false') === 'true',
    newRecordEntity,
  };
  reader.finish('Call center settings');
  return settings;
}
