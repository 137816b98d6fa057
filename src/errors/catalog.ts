/**
 * Every error code the bridge can produce, sorted by code.
 *
 * A code names an area and a problem (`AREA_PROBLEM`). `retryable` says whether the same
 * operation may succeed later without a change of input: the outbox retries retryable adapter
 * errors and dead-letters the others at once. Messages take only the structured details (field
 * names, method names, counts) and never the caller's data, so that they can be logged.
 *
 * The summaries are documentation (docs/errors.md is generated from this file): `BridgeError`
 * does not read them, so that the script-tag bundles need not carry them, and takes its default
 * `retryable` from `RETRYABLE_CODES`, which must list exactly the `retryable: true` codes here.
 */
export const errorCatalog = {
  ADAPTER_CONNECT_FAILED: { retryable: true, summary: 'The CRM adapter could not connect.' },
  ADAPTER_TIMEOUT: { retryable: true, summary: 'The CRM did not answer in time.' },
  ADAPTER_WRITE_FAILED: { retryable: true, summary: 'The CRM rejected or did not confirm a write.' },
  ADAPTER_WRITE_REFUSED: { retryable: false, summary: 'The CRM refused a write that will not succeed on retry.' },
  BRIDGE_DISPOSED: { retryable: false, summary: 'The bridge was disposed; it takes no more events.' },
  CALLBACK_EXPIRED: { retryable: false, summary: 'The softphone did not load in time to receive a queued request.' },
  CALLBACK_FAILED: { retryable: false, summary: "The softphone's callback threw while handling an event." },
  CALLBACK_INVALID: { retryable: false, summary: 'load() needs a function, or the name of a global function.' },
  CALL_TRANSITION_IGNORED: { retryable: false, summary: 'The event does not apply to the conversation in its current state.' },
  CONFIG_INVALID: { retryable: false, summary: 'The CRM configuration of the bridge is missing or malformed.' },
  CONTRACT_ARGUMENTS_INVALID: { retryable: false, summary: 'A contract method was called with the wrong arguments.' },
  CONTRACT_JSON_INVALID: { retryable: false, summary: 'A JSON string parameter could not be parsed.' },
  CONTRACT_PAYLOAD_INVALID: { retryable: false, summary: 'A payload is missing required fields or has mistyped ones.' },
  DIAL_NUMBER_INVALID: { retryable: false, summary: 'The number to dial is not a valid phone number.' },
  OUTBOX_DEAD_LETTERED: { retryable: false, summary: 'A CRM write was given up after its last attempt.' },
  OUTBOX_STORE_FAILED: { retryable: true, summary: 'The durable store could not record the event.' },
  REMOTE_DISCONNECTED: { retryable: false, summary: 'The remote client has no host page: it was disposed, or runs neither in a frame nor in a popup.' },
  REMOTE_ORIGIN_REFUSED: { retryable: false, summary: 'An origin given to the remote transport is not one exact http(s) origin.' },
  REMOTE_QUEUE_FULL: { retryable: true, summary: 'Too many calls are waiting for the host page; this one was not sent.' },
  REMOTE_TIMEOUT: { retryable: true, summary: 'The host page did not answer in time.' },
  SCREEN_POP_FAILED: { retryable: false, summary: 'The CRM could not show the caller record.' },
  STORAGE_ACCESS_DENIED: { retryable: false, summary: 'The browser did not grant this frame durable storage (Storage Access API); calls stay in this tab only.' },
} as const satisfies Record<string, { retryable: boolean; summary: string }>;

/** A code from {@link errorCatalog}. */
export type BridgeErrorCode = keyof typeof errorCatalog;
