import { type DispositionEvent, type PartnerConfigEvent, SettingsReader } from '../../src/contract/index.js';
import {
  readCallPolicy,
  readDialSettings,
  readDispositionList,
  type CallPolicySettings,
  type DialSettings,
} from '../shared/call-settings.js';

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
export interface ZendeskSettings extends DialSettings, CallPolicySettings {
  readonly partnerConfig: PartnerConfigEvent;
  readonly dispositions: DispositionEvent;
  readonly screenPopTarget: 'user' | 'ticket';
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
  const { input, problem, text, list, choice } = reader;
  const required = (key: string): string => {
    const value = text(key);
    if (value === undefined) problem(key, 'is required');
    else if (value.length > 256) problem(key, 'is longer than 256 characters');
    return value ?? '';
  };

  const partnerConfig = {
    partnerId: required('partnerId'),
    businessSegmentId: required('businessSegmentId'),
    channelOriginId: required('channelOriginId'),
  };
  const dispositions = readDispositionList(reader);
  const dial = readDialSettings(reader);

  const ticketTags = list('ticketTags') ?? ['softphone_bridge'];
  if (ticketTags.some((tag) => !TAG.test(tag))) problem('ticketTags', 'must be comma-separated tags without spaces');

  const panel = input['openPanelOnRing'];
  if (panel !== undefined && typeof panel !== 'boolean')
    problem('openPanelOnRing', 'must be a checkbox (true or false)');

  const settings: ZendeskSettings = {
    partnerConfig,
    dispositions,
    ...dial,
    ...readCallPolicy(reader),
    screenPopTarget: choice('screenPopTarget', ['user', 'ticket'] as const, 'user'),
    ticketTags,
    openPanelOnRing: panel !== false,
  };
  reader.finish('Zendesk app settings');
  return settings;
}
