/**
 * The widget side of HubSpot's calling extensions SDK (`@hubspot/calling-extensions-sdk`), as the
 * adapter uses it. The SDK is fire-and-forget: each method posts one message to HubSpot, and
 * HubSpot's answers arrive later as events (`onCreateEngagementSucceeded`…), with no request id.
 *
 * @see https://developers.hubspot.com/docs/api-reference/crm-calling-extensions-v3/calling-sdk
 */

/** How a call ended, for `callEnded`. */
export type CallEndStatus = 'COMPLETED' | 'FAILED' | 'CANCELED' | 'BUSY' | 'NO_ANSWER' | 'REJECTED' | 'MISSED';

/** A record in HubSpot: a contact (`0-1`) or a company (`0-2`) of a portal. */
export interface ObjectCoordinates {
  readonly portalId: number;
  readonly objectId: number;
  readonly objectTypeId: '0-1' | '0-2';
}

/** The call engagement properties `callCompleted` may set (HubSpot's Calls API names). */
export interface EngagementProperties {
  readonly hs_timestamp: number | string;
  readonly hs_call_body?: string;
  readonly hs_call_callee_object_id?: string;
  readonly hs_call_callee_object_type?: string;
  readonly hs_call_direction?: string;
  readonly hs_call_disposition?: string;
  /** Milliseconds, as text. */
  readonly hs_call_duration?: string;
  readonly hs_call_from_number?: string;
  readonly hs_call_to_number?: string;
  readonly hs_call_status?: string;
  readonly hs_call_title?: string;
}

/** The SDK instance's methods the adapter calls. */
export interface CallingExtensionsLike {
  initialized(payload: { isLoggedIn?: boolean; engagementId?: number }): void;
  userLoggedIn(): void;
  userLoggedOut(): void;
  userAvailable(): void;
  userUnavailable(): void;
  incomingCall(callInfo: {
    externalCallId: string;
    fromNumber: string;
    toNumber: string;
    callStartTime?: number;
    createEngagement?: boolean;
  }): void;
  outgoingCall(callInfo: {
    externalCallId: string;
    fromNumber?: string;
    toNumber?: string;
    callStartTime?: number;
    createEngagement?: boolean;
  }): void;
  callAnswered(payload: { externalCallId: string }): void;
  callEnded(data: { externalCallId: string; engagementId: number; callEndStatus?: CallEndStatus }): void;
  callCompleted(data: {
    externalCallId: string;
    engagementId?: number | string;
    hideWidget?: boolean;
    engagementProperties?: EngagementProperties;
  }): void;
  navigateToRecord(payload: { engagementId?: number; objectCoordinates: ObjectCoordinates }): void;
}

/** An event handler: HubSpot's message data, then the raw message. */
export type HubSpotHandler = (data: unknown, event?: unknown) => void;

/** Every event the SDK dispatches, by handler name (the SDK's `messageHandlerNames`); all are required by its types. */
export type HubSpotEventHandlers = Record<
  | 'onCallerIdMatchFailed'
  | 'onCallerIdMatchSucceeded'
  | 'onCreateEngagementFailed'
  | 'onCreateEngagementSucceeded'
  | 'onDialNumber'
  | 'onEndCall'
  | 'onEngagementCreated'
  | 'onInitiateCallIdFailed'
  | 'onInitiateCallIdSucceeded'
  | 'onNavigateToRecordFailed'
  | 'onPublishToChannelFailed'
  | 'onPublishToChannelSucceeded'
  | 'onFinalizeEngagementFailed'
  | 'onFinalizeEngagementSucceeded'
  | 'onReady'
  | 'onSetCallState'
  | 'onSetWidgetUrlFailed'
  | 'onUpdateEngagementFailed'
  | 'onUpdateEngagementSucceeded'
  | 'onVisibilityChanged'
  | 'onFailed',
  HubSpotHandler
> & { readonly defaultEventHandler?: HubSpotHandler };

/** The SDK class (the package's default export), injected so tests can pass a fake. */
export type CallingExtensionsClass = new (options: {
  debugMode: boolean;
  eventHandlers: HubSpotEventHandlers;
}) => CallingExtensionsLike;
