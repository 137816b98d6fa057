import type { PartnerConfigEvent } from '../contract/callback-events.js';
import type { DialRequest } from '../contract/crm-adapter.js';
import type { Clock } from '../shared/clock.js';
import type { AdapterLink } from './adapter-link.js';
import type { BridgeSignals } from './bridge-signals.js';
import type { CallbackChannel } from './callback-channel.js';
import { readInput, validateCallback } from './contract-input.js';
import type { DialHints } from './dial-hints.js';
import type { PresenceSync } from './presence-sync.js';

/** What {@link CrmIntents} works with; the bridge builds them. */
export interface CrmIntentsParts {
  readonly clock: Clock;
  readonly signals: BridgeSignals;
  readonly channel: CallbackChannel;
  readonly link: AdapterLink;
  readonly presence: PresenceSync;
  readonly hints: DialHints;
}

/**
 * The CRM → softphone direction: what the CRM (its adapter, or the integrator through the bridge)
 * wants the softphone to do, checked against the contract's callback schemas and sent through the
 * callback channel. The bridge's `startCall`, `updatePresence`, `setDispositions` and
 * `setPartnerConfig` guard each call and hand it here.
 */
export class CrmIntents {
  readonly #parts: CrmIntentsParts;

  constructor(parts: CrmIntentsParts) {
    this.#parts = parts;
  }

  /** `start_call`: partner fields default to the partner configuration; the CRM record is kept as a dial hint. */
  startCall(request: DialRequest): Promise<void> {
    const { signals, link, hints, clock, channel } = this.#parts;
    const asObject = () => ({ ...((typeof request === 'object' && request !== null ? request : {}) as DialRequest) });
    const { crmRecord, ...fields } = readInput('startCall', asObject, signals);
    const payload = validateCallback('start_call', { ...link.partnerConfig, ...fields }, signals);
    if (crmRecord !== undefined) hints.remember(payload.dialTo, crmRecord, clock.now());
    return channel.startCall(payload);
  }

  /** `update_presence`, unless it echoes the softphone's own last change. */
  updatePresence(softphoneId: string): void {
    const { signals, presence, clock, channel } = this.#parts;
    const payload = validateCallback('update_presence', { softphoneId }, signals, 'updatePresence');
    if (!presence.receive(softphoneId, 'crm', clock.now())) return;
    signals.emit('presence.changed', softphoneId, 'crm');
    channel.send('update_presence', payload);
  }

  /** `disposition`: also kept by the link, for a softphone that loads later. */
  setDispositions(codes: readonly string[]): void {
    const { signals, link, channel } = this.#parts;
    channel.send('disposition', (link.dispositions = validateCallback('disposition', codes, signals)));
  }

  /** `partner_config`: also kept by the link, as the default partner fields of `start_call`. */
  setPartnerConfig(config: PartnerConfigEvent): void {
    const { signals, link, channel } = this.#parts;
    channel.send('partner_config', (link.partnerConfig = validateCallback('partner_config', config, signals)));
  }
}
