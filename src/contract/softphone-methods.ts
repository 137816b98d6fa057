import type { SoftphoneMethod } from './softphone-payloads.js';

/** The default caller language when the softphone gives none (seed: "Default - en_US"). */
export const DEFAULT_LANGUAGE = 'en_US';

/**
 * The seven event methods, in the seed's order. Kept apart from the zod schemas so that code
 * which only needs the names does not pull zod into a bundle.
 */
export const SOFTPHONE_METHODS = [
  'incomingCall',
  'callAccepted',
  'callRejected',
  'callEnded',
  'callNotesSubmitted',
  'outboundCallInitiated',
  'statusChanged',
] as const satisfies readonly SoftphoneMethod[];

/** The eight contract methods a softphone calls, in the seed's order: `load`, then the seven above. */
export const CONTRACT_METHODS = ['load', ...SOFTPHONE_METHODS] as const;
