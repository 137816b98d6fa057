import { validateCallbackPayload, isKnownCountry, type DispositionEvent, toE164, type PartnerConfigEvent, SettingsReader } from '../../src/contract/index.js';

/**
 * The app settings an admin fills in (Admin Center → Apps → the app → Settings; the manifest's
 * `parameters`). Zendesk stores parameters as text or checkboxes, so lists are comma-separated.
 *
 * | setting | required | default |
 * |---|---|---|
 * | partnerId, businessSegmentId, channelOriginId | yes | — |
 * | dispositions | no | none |
 * | dialFrom, participantType | no | none |
 * | defaultCountry | no | US |
 * | screenPopOn | no | ring |
 * | screenPopTarget | no | user (or `ticket`: the caller's latest unsolved ticket) |
 * | logRejectedCalls | no | passive |
 * | ticketTags | no | softphone_bridge |
 * | openPanelOnRing | no | true |
 */
export interface ZendeskSettings {
  readonly partnerConfig: PartnerConfigEvent;
  readonly dispositions: DispositionEvent;
  readonly dialFrom: string | undefined;
  readonly participantType: string | undefined;
  readonly defaultCountry: string;
  readonly screenPopOn: 'ring' | 'accept';
  readonly screenPopTarget: 'user' | 'ticket';
  readonly logRejectedCalls: 'passive' | 'all' | 'none';
  readonly ticketTags: readonly string[];
  readonly openPanelOnRing: boolean;
}

/** Zendesk tags: no spaces (a space splits a tag in two), 80 characters at most. */
const TAG = /^[\p{L}\p{N}_\-:/.]{1,80}$/u;

/**
 * Reads the settings (`metadata().settings` over the page's defaults), or throws one
 * `CONFIG_INVALID` naming every setting at fault in `details.keys`.
 */
export function parseZendeskSettings(raw: unknown): ZendeskSettings {
  const reader = new SettingsReader(raw);
  const { input, problem, text } = reader;
  const list = (key: string): string[] | undefined => {
    const value = input[key];
    if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value.map((v: string) => v.trim()).filter((v) => v !== '');
    const t = text(key);
    return t === undefined ? undefined : t.split(',').map((v) => v.trim()).filter((v) => v !== '');
  };
  const required = (key: string): string => {
    const value = text(key);
    if (value === undefined) problem(key, 'is required');
    else if (value.length > 256) problem(key, 'is longer than 256 characters');
    return value ?? '';
  };
  const choice = <T extends string>(key: string, options: readonly T[], fallback: T): T => {
    const value = text(key);
    if (value === undefined) return fallback;
    const match = options.find((o) => o === value.toLowerCase());
    if (match === undefined) problem(key, `must be one of ${options.map((o) => `"${o}"`).join(', ')}`);
    return match ?? fallback;
  };

  const partnerConfig = { partnerId: required('partnerId'), businessSegmentId: required('businessSegmentId'), channelOriginId: required('channelOriginId') };
  const dispositions = list('dispositions') ?? [];
  if (!validateCallbackPayload('disposition', dispositions).success || new Set(dispositions).size !== dispositions.length) problem('dispositions', 'must be distinct codes of at most 255 characters');

  const defaultCountry = (text('defaultCountry') ?? 'US').toUpperCase();
  if (!isKnownCountry(defaultCountry)) problem('defaultCountry', 'must be a supported country code (US, GB, ...)');
  let dialFrom: string | undefined;
  const dialFromText = text('dialFrom');
  if (dialFromText !== undefined) {
    const normalised = toE164(dialFromText, isKnownCountry(defaultCountry) ? defaultCountry : 'US');
    if (normalised.ok) dialFrom = normalised.e164;
    else problem('dialFrom', `is not a valid phone number (${normalised.problem})`);
  }

  const ticketTags = list('ticketTags') ?? ['softphone_bridge'];
  if (ticketTags.some((tag) => !TAG.test(tag))) problem('ticketTags', 'must be comma-separated tags without spaces');

  const panel = input['openPanelOnRing'];
  if (panel !== undefined && typeof panel !== 'boolean') problem('openPanelOnRing', 'must be a checkbox (true or false)');

  const settings: ZendeskSettings = {
    partnerConfig,
    dispositions,
    dialFrom,
    participantType: text('participantType'),
    defaultCountry,
    screenPopOn: choice('screenPopOn', ['ring', 'accept'] as const, 'ring'),
    screenPopTarget: choice('screenPopTarget', ['user', 'ticket'] as const, 'user'),
    logRejectedCalls: choice('logRejectedCalls', ['passive', 'all', 'none'] as const, 'passive'),
    ticketTags,
    openPanelOnRing: panel !== false,
  };
  reader.finish('Zendesk app settings');
  return settings;
}
