/**
 * What the scenario reads from the page that holds the vendor's fake CRM (`window.relCrm`): the
 * frame itself for Salesforce and Dynamics (their fakes stand in for a script on the frame's
 * page), the page around the frame for HubSpot and Zendesk (their SDKs talk to `window.parent`,
 * so the fake answers from there and outlives a reload of the frame). The webhook's receiver is
 * on the test server (storage-blocked.mjs).
 */
export interface BlockedCrm {
  /** How many records the CRM holds for each conversation. */
  records(ids: string[]): number[];
  /** Every conversation has its record, with the notes the softphone gave (`notesOf`). */
  settled(ids: string[]): boolean;
  /** While on, the CRM takes no call-log write (only where it lives outside the frame). */
  hold?(on: boolean): void;
  /** Writes the hold kept from the CRM. */
  held?: number;
}

/** The notes a placed call carries (calls.ts); the CRM's page looks for them in the record. */
export const notesOf = (conversationId: string): string => `notes of ${conversationId}`;

/** Puts `crm` on the page for the scenario. */
export function exposeCrm(crm: BlockedCrm): void {
  (window as unknown as { relCrm: BlockedCrm }).relCrm = crm;
}
