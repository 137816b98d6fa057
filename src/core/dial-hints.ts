import type { CrmRecordRef } from '../contract/call-record.js';

/**
 * Remembers which CRM record a click-to-dial came from, so that the outbound call the softphone
 * then reports (`outboundCallInitiated`) is linked to that record without a search. Numbers are
 * compared by their digits only, since the softphone may reformat what it was asked to dial.
 */
export class DialHints {
  #hints = new Map<string, { record: CrmRecordRef; at: number }>();

  constructor(private readonly ttlMs: number) {}

  /** Notes that `phoneNumber` was dialled from `record` at `now`. */
  remember(phoneNumber: string, record: CrmRecordRef, now: number): void {
    this.#prune(now);
    const digits = digitsOf(phoneNumber);
    if (digits !== '') this.#hints.set(digits, { record, at: now });
  }

  /** The record `phoneNumber` was dialled from, if recent; each hint is used once. */
  take(phoneNumber: string, now: number): CrmRecordRef | undefined {
    this.#prune(now);
    const digits = digitsOf(phoneNumber);
    const hint = this.#hints.get(digits) ?? this.#bySuffix(digits);
    if (hint === undefined) return undefined;
    for (const [key, value] of this.#hints) if (value === hint) this.#hints.delete(key);
    return hint.record;
  }

  /** `+1 888…` dialled as `888…`: match on the last 10 digits when neither has fewer. */
  #bySuffix(digits: string): { record: CrmRecordRef; at: number } | undefined {
    if (digits.length < 10) return undefined;
    for (const [key, value] of this.#hints) if (key.length >= 10 && key.slice(-10) === digits.slice(-10)) return value;
    return undefined;
  }

  #prune(now: number): void {
    for (const [key, value] of this.#hints) if (now - value.at > this.ttlMs) this.#hints.delete(key);
  }
}

function digitsOf(phoneNumber: string): string {
  return phoneNumber.replace(/\D+/g, '');
}
