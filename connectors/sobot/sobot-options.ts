import { DEFAULT_LANGUAGE, isRecord } from '../../src/contract/index.js';
import { OptionChecker, optionsObject } from '../shared/options.js';
import { isSobotAgent, type SobotAgent, type SobotStatus } from './sobot-sdk.js';

/**
 * The names of the call events seed 001 does not spell out (SB-3). It documents `EventRinging`
 * and `EventDialing` and leaves the rest to Sobot's "Call Capability Message Format"
 * (https://developer.zhichi.com/pages/ae4786), whose event sections past `EventDialing` were not
 * readable in any stored copy. What the defaults rest on:
 * - `EventEstablished` and `EventReleased`: Sobot's own iOS call SDK (github.com/ZCSDK/SobotCall,
 *   SobotCallLib.framework/Headers/SobotCallMessageTools.h) handles call messages named
 *   `…Established` ("the other side answered; start the talk timer") and `…Released` (hang-up),
 *   beside `…Dialing` and `…Ringing`, whose wire names `EventDialing` / `EventRinging` are
 *   documented. Corroborated, not confirmed: no published body carries these two names.
 * - `EventAbandoned`: the same list has no abandoned message; Sobot most likely ends an
 *   unanswered call with `EventReleased`, which the connector already maps to a missed call.
 *   Listening to the name costs nothing and covers a tenant that does send it.
 * If a tenant sends other names, the connector says so once per name in the log (a call event it
 * does not listen to), and `options.events` takes the tenant's names.
 */
export interface SobotCallEventNames {
  /** The call was answered (by the party being called: see party.ts). */
  readonly answered: string;
  /** A party's leg was released (hung up, declined, or rang out). */
  readonly released: string;
  /** The caller hung up before the call was answered (not in Sobot's iOS SDK's list; kept for tenants that send it). */
  readonly abandoned: string;
}

/** The defaults of {@link SobotCallEventNames}. */
export const DEFAULT_SOBOT_EVENTS: SobotCallEventNames = {
  answered: 'EventEstablished',
  released: 'EventReleased',
  abandoned: 'EventAbandoned',
};

/** The Sobot reason codes the seed documents: 2 DND, 11 break, 12–18 named and custom breaks. */
export const SOBOT_REASON_CODES: readonly number[] = [2, 11, 12, 13, 14, 15, 16, 17, 18];

/** The default status map: softphone status ids (`softphoneId`) → Sobot status. */
export const DEFAULT_SOBOT_STATUS_MAP: Readonly<Record<string, SobotStatus>> = {
  ready: 'ready',
  dnd: 2,
  break: 11,
  training: 12,
  meeting: 13,
  dining: 14,
  active: 15,
  custom1: 16,
  custom2: 17,
  custom3: 18,
};

/** Options of {@link sobotConnector}. */
export interface SobotConnectorOptions {
  /** `new SobotClient.agent()`. Connect before `initAgent`, so that `EventAgentRegainStatus` is seen. */
  readonly agent: SobotAgent;
  /** Partner id for contract payloads while the CRM sends no `partner_config`. */
  readonly partnerId?: string;
  /** `language` of `incomingCall`. Default `en_US`. */
  readonly language?: string;
  /** softphoneId → `'ready'` or a reason code. Default {@link DEFAULT_SOBOT_STATUS_MAP}. */
  readonly statusMap?: Readonly<Record<string, SobotStatus>>;
  /** `ANI` of `makeCall` (the number the customer sees) when `start_call` has no `dialFrom`. */
  readonly ani?: string;
  /** Event names for answered, released and abandoned calls; defaults {@link DEFAULT_SOBOT_EVENTS} (not confirmed by a published body: see {@link SobotCallEventNames}). */
  readonly events?: Partial<SobotCallEventNames>;
  /** How long `ready()` / `notReady()` may take to answer. Default 10 s. */
  readonly statusTimeoutMs?: number;
}

/** The options, checked and completed. */
export interface SobotSettings {
  readonly agent: SobotAgent;
  readonly partnerId: string | undefined;
  readonly language: string;
  readonly toSobot: ReadonlyMap<string, SobotStatus>;
  readonly toSoftphone: ReadonlyMap<SobotStatus, string>;
  readonly ani: string | undefined;
  readonly events: SobotCallEventNames;
  readonly statusTimeoutMs: number;
}

/** Checks the options; throws one `CONFIG_INVALID` naming every option at fault. */
export function parseSobotOptions(options: SobotConnectorOptions): SobotSettings {
  const check = new OptionChecker('sobot', optionsObject('sobot', options));
  if (!isSobotAgent(check.value('agent')))
    check.problem('agent', 'must be a SobotClient.agent instance (on, off, ready, notReady, makeCall, rejectCall)');
  const events = { ...DEFAULT_SOBOT_EVENTS, ...(isRecord(options.events) ? options.events : {}) };
  for (const [key, name] of Object.entries(events)) {
    if (typeof name !== 'string' || !/^Event[A-Za-z]{1,60}$/.test(name))
      check.problem(`events.${key}`, 'must be a Sobot event name such as EventReleased');
  }
  const timeout = options.statusTimeoutMs ?? 10_000;
  if (!Number.isInteger(timeout) || timeout < 1 || timeout > 120_000)
    check.problem('statusTimeoutMs', 'must be a whole number of milliseconds from 1 to 120000');
  const settings: SobotSettings = {
    agent: options.agent,
    partnerId: check.filledText('partnerId'),
    language: check.filledText('language', { max: 35 }) ?? DEFAULT_LANGUAGE,
    ...statusMaps(check, options.statusMap ?? DEFAULT_SOBOT_STATUS_MAP),
    ani: check.filledText('ani', { max: 64 }),
    events,
    statusTimeoutMs: timeout,
  };
  check.finish();
  return settings;
}

function statusMaps(check: OptionChecker, map: unknown): Pick<SobotSettings, 'toSobot' | 'toSoftphone'> {
  const toSobot = new Map<string, SobotStatus>();
  const toSoftphone = new Map<SobotStatus, string>();
  if (!isRecord(map)) {
    check.problem('statusMap', 'must be an object of softphoneId → "ready" or a reason code');
    return { toSobot, toSoftphone };
  }
  for (const [softphoneId, status] of Object.entries(map)) {
    if (softphoneId.trim() === '' || softphoneId.length > 256)
      check.problem('statusMap', 'has an empty or overlong softphoneId');
    else if (status !== 'ready' && !SOBOT_REASON_CODES.includes(status as number))
      check.problem(
        'statusMap',
        `maps "${softphoneId}" to neither "ready" nor a Sobot reason code (${SOBOT_REASON_CODES.join(', ')})`,
      );
    else {
      toSobot.set(softphoneId, status as SobotStatus);
      // Several ids may share a Sobot status; the first one is what the softphone reports.
      if (!toSoftphone.has(status as SobotStatus)) toSoftphone.set(status as SobotStatus, softphoneId);
    }
  }
  return { toSobot, toSoftphone };
}
