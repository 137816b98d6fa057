import * as z from 'zod/mini';
import { CONTRACT_METHODS, PROTOCOL, PROTOCOL_VERSION } from './protocol.js';

/**
 * What the host accepts from a softphone frame, parsed on receipt (see protocol.ts for the
 * message flow). Anything else is dropped. Sizes are bounded here; the bridge validates the
 * contract payloads themselves, as it would for a softphone in its own page.
 */

const MessageId = z.number().check(z.int(), z.gte(0));

/** `ready`: a softphone frame asks for a port. Other protocol versions do not parse. */
export const ReadyMessage = z.object({
  protocol: z.literal(PROTOCOL),
  version: z.literal(PROTOCOL_VERSION),
  type: z.literal('ready'),
  n: z.number(),
});

/** What arrives on the private port: a contract call, or the acknowledgement of a callback. */
export const ClientPortMessage = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('request'),
    id: MessageId,
    method: z.enum(CONTRACT_METHODS),
    // incomingCall's positional form has the most: four.
    args: z.array(z.unknown()).check(z.maxLength(4)),
  }),
  z.object({ type: z.literal('response'), id: MessageId, ok: z.boolean() }),
]);

/** A parsed {@link ClientPortMessage}. */
export type ClientPortMessage = z.infer<typeof ClientPortMessage>;
