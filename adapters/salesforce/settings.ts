import { SettingsReader, isKnownCountry, toE164, type DispositionEvent, type PartnerConfigEvent } from '../../src/contract/index.js';
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
export interface SalesforceSettings {
  readonly partnerConfig: PartnerConfigEvent;
  readonly dispositions: DispositionEvent;
  readonly dialFrom: string | undefined;
  readonly participantType: string | undefined;
  readonly defaultCountry: string;
  readonly screenPopOn: 'ring' | 'accept';
  readonly presenceMap: PresenceMap;
  readonly logRejectedCalls: 'passive' | 'all' | 'none';
  readonly apexUpsert: boolean;
  readonly newRecordEntity: string;
}

const GUID = /^[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}$/i;

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

  const partnerConfig = { partnerId: guid('PartnerId'), businessSegmentId: guid('BusinessSegmentId'), channelOriginId: guid('ChannelOriginId') };

  const defaultCountry = checked('DefaultCountry', 'US', isKnownCountry, 'must be a supported country code (US, GB, ...)').toUpperCase();

  const dispositions = (text('Dispositions') ?? '').split(',').map((d) => d.trim()).filter((d) => d !== '');
  if (dispositions.some((d) => d.length > 255)) problem('Dispositions', 'has a code longer than 255 characters');
  if (new Set(dispositions).size !== dispositions.length) problem('Dispositions', 'lists a code twice');

  let dialFrom: string | undefined;
  const dialFromText = text('DialFrom');
  if (dialFromText !== undefined) {
    const normalised = toE164(dialFromText, defaultCountry);
    if (normalised.ok) dialFrom = normalised.e164;
    else problem('DialFrom', `is not a valid phone number (${normalised.problem})`);
  }

  const participantType = text('ParticipantType');
  if (participantType !== undefined && participantType.length > 255) problem('ParticipantType', 'is longer than 255 characters');

  const presenceMap = parsePresenceMap(text('PresenceMap') ?? '', (why) => problem('PresenceMap', why));

  const newRecordEntity = checked('NewRecordEntity', 'Contact', (name) => API_NAME.test(name), 'must be an object API name (Contact, Lead, ...)');

  const settings: SalesforceSettings = {
    partnerConfig,
    dispositions,
    dialFrom,
    participantType,
    defaultCountry,
    screenPopOn: choice('ScreenPopOn', ['ring', 'accept'] as const, 'ring'),
    presenceMap,
    logRejectedCalls: choice('LogRejectedCalls', ['passive', 'all', 'none'] as const, 'passive'),
    apexUpsert: choice('ApexUpsert', ['true', 'false'] as const, 'false') === 'true',
    newRecordEntity,
  };
  reader.finish('Call center settings');
  return settings;
}
