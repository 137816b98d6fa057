import {
  isKnownCountry,
  POLICY_CHOICES,
  toE164,
  validateCallbackPayload,
  type CallPolicy,
  type CrmRecordRef,
  type DialRequest,
  type DispositionEvent,
  type PartnerConfigEvent,
  type SettingsReader,
} from '../../src/contract/index.js';

/** How the agent dials: the settings every CRM adapter reads for click-to-dial. */
export interface DialSettings {
  /** Country of numbers written without `+`. Default `US`. */
  readonly defaultCountry: string;
  /** The agent's own line, sent as `start_call.dialFrom` (E.164 after normalising). */
  readonly dialFrom: string | undefined;
  /** Sent as `start_call.participantType`; free text of at most 255 characters, as the contract allows. */
  readonly participantType: string | undefined;
}

/** The settings every CRM adapter takes, as a page's configuration (`window.softphoneBridgeConfig`) gives them. */
export interface CallSettingsInput {
  readonly partnerConfig: PartnerConfigEvent;
  readonly dialFrom?: string;
  readonly participantType?: string;
  /** Country of numbers written without `+` (click-to-dial, and the CRM's own numbers). Default `US`. */
  readonly defaultCountry?: string;
  readonly screenPopOn?: CallPolicySettings['screenPopOn'];
  readonly logRejectedCalls?: CallPolicySettings['logRejectedCalls'];
}

/**
 * The softphone's `start_call` request for `dialTo` (already E.164), with the agent's dial
 * settings and the record the click came from, if any.
 */
export function dialRequest(dialTo: string, settings: DialSettings, crmRecord?: CrmRecordRef): DialRequest {
  return {
    dialTo,
    ...(settings.dialFrom === undefined ? {} : { dialFrom: settings.dialFrom }),
    ...(settings.participantType === undefined ? {} : { participantType: settings.participantType }),
    ...(crmRecord === undefined ? {} : { crmRecord }),
  };
}

/** The bridge's call policy (`AdapterConfig.policy`), as every CRM adapter lets an admin set it. */
export type CallPolicySettings = Required<CallPolicy>;

/**
 * How an adapter spells a setting's name: as is (`dialFrom`), or its own way, e.g. Salesforce's
 * call center keys are capitalised (`DialFrom`).
 */
export type SettingName = (name: string) => string;

const asIs: SettingName = (name) => name;

/** The {@link SettingName} of a Salesforce call center section: `dialFrom` → `DialFrom`. */
export const capitalised: SettingName = (name) => name[0]!.toUpperCase() + name.slice(1);

/**
 * Reads `defaultCountry`, `dialFrom` and `participantType`, reporting each malformed one on
 * `reader`. A number given without `+` is read in the default country (`US` while that is wrong,
 * so that the problem named is the country's, not the number's).
 */
export function readDialSettings(reader: SettingsReader, name: SettingName = asIs): DialSettings {
  const { problem, text } = reader;
  const country = (text(name('defaultCountry')) ?? 'US').toUpperCase();
  const known = isKnownCountry(country);
  if (!known) problem(name('defaultCountry'), 'must be a supported country code (US, GB, ...)');
  const defaultCountry = known ? country : 'US';

  let dialFrom: string | undefined;
  const dialFromText = text(name('dialFrom'));
  if (dialFromText !== undefined) {
    const normalised = toE164(dialFromText, defaultCountry);
    if (normalised.ok) dialFrom = normalised.e164;
    else problem(name('dialFrom'), `is not a valid phone number (${normalised.problem})`);
  }

  const participantType = text(name('participantType'));
  if (participantType !== undefined && participantType.length > 255)
    problem(name('participantType'), 'is longer than 255 characters');
  return { defaultCountry, dialFrom, participantType };
}

/** Reads `screenPopOn` (default `ring`) and `logRejectedCalls` (default `passive`). */
export function readCallPolicy(reader: SettingsReader, name: SettingName = asIs): CallPolicySettings {
  return {
    screenPopOn: reader.choice(name('screenPopOn'), POLICY_CHOICES.screenPopOn, 'ring'),
    logRejectedCalls: reader.choice(name('logRejectedCalls'), POLICY_CHOICES.logRejectedCalls, 'passive'),
  };
}

/**
 * Reads `partnerConfig` given as one object (a page's configuration), reported when it lacks
 * `partnerId`, `businessSegmentId` or `channelOriginId`; empty texts stand in for it then.
 */
export function readPartnerConfig(reader: SettingsReader): PartnerConfigEvent {
  const partner = validateCallbackPayload('partner_config', reader.value('partnerConfig'));
  if (partner.success) return partner.data;
  reader.problem(
    'partnerConfig',
    'is required, with partnerId, businessSegmentId and channelOriginId as non-empty text',
  );
  return { partnerId: '', businessSegmentId: '', channelOriginId: '' };
}

/**
 * Reads `dispositions` as an admin's form gives them (comma-separated text, or a list): distinct
 * codes of 1 to 255 characters, as the contract's `disposition` event takes them. Default none.
 */
export function readDispositionList(reader: SettingsReader, name: SettingName = asIs): DispositionEvent {
  const dispositions = reader.list(name('dispositions')) ?? [];
  if (
    !validateCallbackPayload('disposition', dispositions).success ||
    new Set(dispositions).size !== dispositions.length
  )
    reader.problem(name('dispositions'), 'must be distinct codes of at most 255 characters');
  return dispositions;
}

/** A guid as Salesforce and HubSpot write them (`8-4-4-4-12` hex digits, any case). */
export const GUID = /^[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}$/i;
