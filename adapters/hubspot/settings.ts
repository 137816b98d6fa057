import { isRecord, type PartnerConfigEvent, SettingsReader } from '../../src/contract/index.js';
import {
  GUID,
  readCallPolicy,
  readDialSettings,
  readPartnerConfig,
  type CallPolicySettings,
  type CallSettingsInput,
  type DialSettings,
} from '../shared/call-settings.js';

/**
 * HubSpot's default call outcomes (`hs_call_disposition` values), as listed in the Calls API
 * guide. Portals can add their own; give their ids in `dispositions`.
 */
export const DEFAULT_OUTCOMES: Readonly<Record<string, string>> = {
  busy: '9d9162e7-6cf3-4944-bf63-4dff82258764',
  connected: 'f240bbac-87c9-4f6e-bf70-924b57d47db7',
  'left-live-message': 'a4c4c377-d246-4b32-a13b-75a56a4cd0ff',
  'left-voicemail': 'b2cf5968-551e-4856-9783-52b3da59a7d0',
  'no-answer': '73a0d17f-1163-4015-bdd5-ec830791da20',
  'wrong-number': '17b47fee-58de-441e-a44c-c6300d46f273',
};

/** The configuration a page gives the HubSpot adapter (usually `window.softphoneBridgeConfig`). */
export interface HubSpotSettingsInput extends CallSettingsInput {
  /** Softphone disposition code → HubSpot call outcome id. Default {@link DEFAULT_OUTCOMES}. */
  readonly dispositions?: Readonly<Record<string, string>>;
  /** Softphone statuses that mean "available" in HubSpot; others mean unavailable. Without it, presence is not synced. */
  readonly availableStatuses?: readonly string[];
  /** Hide the widget once a call is logged. Default false. */
  readonly hideWidgetOnComplete?: boolean;
}

/** The settings once checked. */
export interface HubSpotSettings extends DialSettings, CallPolicySettings {
  readonly partnerConfig: PartnerConfigEvent;
  readonly outcomes: ReadonlyMap<string, string>;
  readonly availableStatuses: ReadonlySet<string> | undefined;
  readonly hideWidgetOnComplete: boolean;
}

/**
 * Checks the adapter's configuration, or throws one `CONFIG_INVALID` naming every option at
 * fault (`details.keys`). A malformed optional value is reported, never replaced by its default.
 */
export function parseHubSpotSettings(raw: unknown): HubSpotSettings {
  const reader = new SettingsReader(raw);
  const { input, problem } = reader;

  const partnerConfig = readPartnerConfig(reader);

  const dispositions = input['dispositions'] ?? DEFAULT_OUTCOMES;
  const entries = isRecord(dispositions) ? Object.entries(dispositions) : [];
  if (
    entries.length === 0 ||
    entries.some(([code, id]) => code === '' || code.length > 255 || typeof id !== 'string' || !GUID.test(id))
  ) {
    problem('dispositions', 'must map disposition codes to HubSpot call outcome ids (guids)');
  }

  const dial = readDialSettings(reader);

  const available = input['availableStatuses'];
  if (
    available !== undefined &&
    (!Array.isArray(available) || available.length === 0 || available.some((s) => typeof s !== 'string' || s === ''))
  ) {
    problem('availableStatuses', 'must list softphone status ids');
  }
  const hide = input['hideWidgetOnComplete'];
  if (hide !== undefined && typeof hide !== 'boolean') problem('hideWidgetOnComplete', 'must be true or false');

  const settings: HubSpotSettings = {
    partnerConfig,
    outcomes: new Map(entries as [string, string][]),
    ...dial,
    ...readCallPolicy(reader),
    availableStatuses: Array.isArray(available) ? new Set(available as string[]) : undefined,
    hideWidgetOnComplete: hide === true,
  };
  reader.finish('HubSpot adapter options');
  return settings;
}
