import type { CallingExtensionsClass, CallingExtensionsLike, HubSpotEventHandlers, HubSpotHandler } from '../../adapters/hubspot/calling-extensions.types.js';

/** A contact (`0-1`) or company (`0-2`) HubSpot can match a caller to. */
export interface FakeHubSpotObject {
  readonly objectId: number;
  readonly objectTypeId: '0-1' | '0-2';
  readonly phone: string;
  readonly firstName?: string;
  readonly lastName?: string;
  readonly name?: string;
}

/** A call engagement as HubSpot keeps it. */
export interface FakeEngagement {
  readonly id: number;
  readonly externalCallId: string;
  readonly startedBy: 'INCOMING_CALL' | 'OUTGOING_CALL_STARTED';
  ended: boolean;
  endStatus: string | undefined;
  properties: Record<string, unknown>;
  updates: number;
}

/** How the next engagement create or update goes wrong: refused (nothing stored), or stored with the answer lost. */
export type FakeHubSpotFault = 'failed' | 'lost-reply';

/** A widget as HubSpot sees it: whether it answered the handshake, and how to reach it. */
export interface FakeWidget {
  ready: boolean;
  /** Delivers a HubSpot message (`type`, `data`) to the widget. */
  deliver(type: string, data: unknown): void;
}

/** Properties HubSpot accepts on a call engagement (`RawEngagementProperties`). */
const PROPERTIES = new Set([
  'hs_timestamp', 'hs_call_body', 'hs_call_callee_object_id', 'hs_call_callee_object_type', 'hs_call_direction', 'hs_call_disposition', 'hs_call_duration',
  'hs_call_from_number', 'hs_call_recording_url', 'hs_call_status', 'hs_call_title', 'hs_call_source', 'hs_call_to_number', 'hubspot_owner_id', 'hs_activity_type', 'hs_attachment_ids',
]);
const STATUSES = new Set(['BUSY', 'CALLING_CRM_USER', 'CANCELED', 'COMPLETED', 'CONNECTING', 'FAILED', 'IN_PROGRESS', 'NO_ANSWER', 'QUEUED', 'RINGING']);
const END_STATUSES = new Set(['COMPLETED', 'FAILED', 'CANCELED', 'BUSY', 'NO_ANSWER', 'REJECTED', 'MISSED']);
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Handler names by message type, as the SDK's `messageHandlerNames` maps them. */
const HANDLERS: Record<string, keyof HubSpotEventHandlers> = {
  READY: 'onReady', DIAL_NUMBER: 'onDialNumber', CREATE_ENGAGEMENT_SUCCEEDED: 'onCreateEngagementSucceeded', CREATE_ENGAGEMENT_FAILED: 'onCreateEngagementFailed',
  UPDATE_ENGAGEMENT_SUCCEEDED: 'onUpdateEngagementSucceeded', UPDATE_ENGAGEMENT_FAILED: 'onUpdateEngagementFailed', CALLER_ID_MATCH_SUCCEEDED: 'onCallerIdMatchSucceeded',
  CALLER_ID_MATCH_FAILED: 'onCallerIdMatchFailed', NAVIGATE_TO_RECORD_FAILED: 'onNavigateToRecordFailed', END_CALL: 'onEndCall', ENGAGEMENT_CREATED: 'onEngagementCreated',
};

/**
 * A fake HubSpot portal hosting a calling widget, with a fake of the SDK class the widget uses
 * ({@link sdkClass}), written from the SDK's source (0.9.7) and HubSpot's calling SDK guide:
 * - the SDK refuses options without `eventHandlers`, and drops every message sent before
 *   HubSpot's handshake (`SYNC`, answered by `onReady`), as the real one does with a warning;
 * - HubSpot ignores calls before `initialized` and a login; `externalCallId` is required;
 * - `incomingCall` is answered by a caller-ID match and, with `createEngagement`, a created
 *   engagement; `outgoingCall` by a created engagement; answers carry the engagement id only;
 * - `callEnded` and `callCompleted` need a known engagement id, `callCompleted` comes after
 *   `callEnded`, and engagement properties must be HubSpot's, well formed;
 * - every answer is asynchronous and faults can be injected on creates and updates.
 */
export class FakeHubSpot {
  readonly portalId = 62515;
  readonly objects: FakeHubSpotObject[] = [];
  readonly engagements = new Map<number, FakeEngagement>();
  /** Messages HubSpot received, and those the SDK dropped before the handshake. */
  readonly received: { type: string; data: unknown }[] = [];
  readonly dropped: string[] = [];
  /** Protocol mistakes HubSpot would ignore or refuse. */
  readonly violations: string[] = [];
  readonly navigations: unknown[] = [];
  initialized = false;
  loggedIn = false;
  available: boolean | undefined;
  #nextId = 1001;
  #faults: Record<'create' | 'update', FakeHubSpotFault[]> = { create: [], update: [] };
  #widgets: FakeWidget[] = [];

  /** Makes the next `count` creates or updates fail the given way. */
  inject(what: 'create' | 'update', fault: FakeHubSpotFault, count = 1): void {
    for (let i = 0; i < count; i += 1) this.#faults[what].push(fault);
  }

  /** The SDK class, bound to this portal. `autoSync: false` holds HubSpot's handshake back. */
  sdkClass({ autoSync = true }: { autoSync?: boolean } = {}): CallingExtensionsClass {
    const portal = this;
    return class FakeCallingExtensions implements CallingExtensionsLike {
      readonly #widget: FakeWidget;
      constructor(options: { debugMode: boolean; eventHandlers: HubSpotEventHandlers }) {
        if (!options?.eventHandlers) throw new Error('Invalid options or missing eventHandlers.');
        const handlers = options.eventHandlers;
        this.#widget = {
          ready: false,
          deliver: (type, data) => {
            const name = HANDLERS[type];
            const handler: HubSpotHandler | undefined = (name === undefined ? undefined : handlers[name]) ?? handlers.defaultEventHandler;
            handler?.(structuredClone(data), { type, data, messageId: `hubspot_${Date.now()}` });
          },
        };
        portal.attach(this.#widget);
        if (autoSync) setTimeout(() => portal.sync(), 0);
      }
      initialized = (data: { isLoggedIn?: boolean; engagementId?: number }) => portal.fromWidget(this.#widget, 'INITIALIZED', data);
      userLoggedIn = () => portal.fromWidget(this.#widget, 'LOGGED_IN', undefined);
      userLoggedOut = () => portal.fromWidget(this.#widget, 'LOGGED_OUT', undefined);
      userAvailable = () => portal.fromWidget(this.#widget, 'USER_AVAILABLE', undefined);
      userUnavailable = () => portal.fromWidget(this.#widget, 'USER_UNAVAILABLE', undefined);
      incomingCall = (data: object) => portal.fromWidget(this.#widget, 'INCOMING_CALL', data);
      outgoingCall = (data: object) => portal.fromWidget(this.#widget, 'OUTGOING_CALL_STARTED', data);
      callAnswered = (data: object) => portal.fromWidget(this.#widget, 'CALL_ANSWERED', data);
      callEnded = (data: object) => portal.fromWidget(this.#widget, 'CALL_ENDED', data);
      callCompleted = (data: object) => portal.fromWidget(this.#widget, 'CALL_COMPLETED', data);
      navigateToRecord = (data: object) => portal.fromWidget(this.#widget, 'NAVIGATE_TO_RECORD', data);
    };
  }

  /** Adds a widget HubSpot talks to (the SDK fake does; a wire-level host for the real SDK does too). */
  attach(widget: FakeWidget): void {
    this.#widgets.push(widget);
  }

  /** HubSpot's handshake: every widget becomes ready and gets `onReady`. */
  sync(engagementId?: number): void {
    for (const widget of this.#widgets.filter((w) => !w.ready)) {
      widget.ready = true;
      this.#send(widget, 'READY', { portalId: this.portalId, userId: 7, ownerId: 8, ...(engagementId === undefined ? {} : { engagementId }) });
    }
  }

  /** The user clicks a number in HubSpot (a contact's or company's record). */
  dial(data: { phoneNumber: string; objectId?: number; objectType?: 'CONTACT' | 'COMPANY'; countryCode?: string }): void {
    for (const widget of this.#widgets.filter((w) => w.ready)) this.#send(widget, 'DIAL_NUMBER', { ownerId: 8, portalId: this.portalId, ...data });
  }

  /** Engagements started for a conversation. */
  engagementsFor(externalCallId: string): FakeEngagement[] {
    return [...this.engagements.values()].filter((e) => e.externalCallId === externalCallId);
  }

  /** A message from a widget, as HubSpot processes it. */
  fromWidget(widget: FakeWidget, type: string, data: unknown): void {
    if (!widget.ready) {
      this.dropped.push(type); // "iFrame not initialized to send a message within HubSpot"
      return;
    }
    const message = structuredClone({ type, data }) as { type: string; data: Record<string, unknown> | undefined };
    this.received.push(message);
    const d = message.data ?? {};
    switch (type) {
      case 'INITIALIZED':
        this.initialized = true;
        this.loggedIn = d['isLoggedIn'] === true;
        return;
      case 'LOGGED_IN':
      case 'LOGGED_OUT':
        this.loggedIn = type === 'LOGGED_IN';
        return;
      case 'USER_AVAILABLE':
      case 'USER_UNAVAILABLE':
        this.available = type === 'USER_AVAILABLE';
        return;
      case 'NAVIGATE_TO_RECORD':
        return this.#navigate(widget, d);
    }
    if (!this.initialized || !this.loggedIn) return void this.violations.push(`${type} before initialized and logged in`);
    if (typeof d['externalCallId'] !== 'string' || d['externalCallId'] === '') return void this.violations.push(`${type} without externalCallId`);
    if (type === 'INCOMING_CALL' || type === 'OUTGOING_CALL_STARTED') return this.#start(widget, type, d);
    const engagement = this.engagements.get(Number(d['engagementId']));
    if (type === 'CALL_ENDED') {
      if (engagement === undefined) return void this.violations.push('CALL_ENDED with an unknown engagementId');
      if (d['callEndStatus'] !== undefined && !END_STATUSES.has(String(d['callEndStatus']))) this.violations.push('CALL_ENDED with an unknown callEndStatus');
      engagement.ended = true;
      engagement.endStatus = d['callEndStatus'] as string | undefined;
    }
    if (type === 'CALL_COMPLETED') this.#complete(widget, d, engagement);
  }

  #start(widget: FakeWidget, type: 'INCOMING_CALL' | 'OUTGOING_CALL_STARTED', d: Record<string, unknown>): void {
    if (type === 'INCOMING_CALL') {
      if (typeof d['fromNumber'] !== 'string' || typeof d['toNumber'] !== 'string') return void this.violations.push('INCOMING_CALL needs fromNumber and toNumber');
      const callerIdMatches = this.objects
        .filter((o) => o.phone === d['fromNumber'])
        .map((o) => ({ callerIdType: o.objectTypeId === '0-1' ? 'CONTACT' : 'COMPANY', objectCoordinates: { portalId: this.portalId, objectId: o.objectId, objectTypeId: o.objectTypeId }, firstName: o.firstName, lastName: o.lastName, name: o.name }));
      this.#send(widget, 'CALLER_ID_MATCH_SUCCEEDED', { callerIdMatches });
    }
    if (d['createEngagement'] !== true) return;
    const fault = this.#faults.create.shift();
    if (fault === 'failed') return this.#send(widget, 'CREATE_ENGAGEMENT_FAILED', { error: { message: 'injected' } });
    const id = this.#nextId++;
    this.engagements.set(id, { id, externalCallId: d['externalCallId'] as string, startedBy: type, ended: false, endStatus: undefined, properties: {}, updates: 0 });
    if (fault !== 'lost-reply') this.#send(widget, 'CREATE_ENGAGEMENT_SUCCEEDED', { engagementId: id });
  }

  #complete(widget: FakeWidget, d: Record<string, unknown>, engagement: FakeEngagement | undefined): void {
    const refuse = (why: string) => {
      this.violations.push(`CALL_COMPLETED: ${why}`);
      this.#send(widget, 'UPDATE_ENGAGEMENT_FAILED', { engagementId: d['engagementId'], error: { message: why } });
    };
    if (engagement === undefined) return refuse('unknown engagementId');
    if (!engagement.ended) return refuse('the call was not ended first');
    const properties = (d['engagementProperties'] ?? {}) as Record<string, unknown>;
    const unknown = Object.keys(properties).filter((k) => !PROPERTIES.has(k));
    if (unknown.length > 0) return refuse(`unknown properties ${unknown.join(', ')}`);
    if (properties['hs_timestamp'] === undefined) return refuse('hs_timestamp is required');
    if (properties['hs_call_duration'] !== undefined && !/^\d+$/.test(String(properties['hs_call_duration']))) return refuse('hs_call_duration must be milliseconds');
    if (properties['hs_call_direction'] !== undefined && !['INBOUND', 'OUTBOUND'].includes(String(properties['hs_call_direction']))) return refuse('bad hs_call_direction');
    if (properties['hs_call_status'] !== undefined && !STATUSES.has(String(properties['hs_call_status']))) return refuse('bad hs_call_status');
    if (properties['hs_call_disposition'] !== undefined && !GUID.test(String(properties['hs_call_disposition']))) return refuse('hs_call_disposition must be a call outcome id');
    const fault = this.#faults.update.shift();
    if (fault === 'failed') return this.#send(widget, 'UPDATE_ENGAGEMENT_FAILED', { engagementId: engagement.id, error: { message: 'injected' } });
    engagement.properties = { ...engagement.properties, ...properties };
    engagement.updates += 1;
    if (fault !== 'lost-reply') this.#send(widget, 'UPDATE_ENGAGEMENT_SUCCEEDED', { engagementId: engagement.id });
  }

  #navigate(widget: FakeWidget, d: Record<string, unknown>): void {
    const c = (d['objectCoordinates'] ?? {}) as Record<string, unknown>;
    const known = c['portalId'] === this.portalId && this.objects.some((o) => o.objectId === c['objectId'] && o.objectTypeId === c['objectTypeId']);
    if (known) this.navigations.push(c);
    else this.#send(widget, 'NAVIGATE_TO_RECORD_FAILED', { error: { message: 'not found' } });
  }

  /** Delivers a HubSpot message to the widget, later, as postMessage would. */
  #send(widget: FakeWidget, type: string, data: unknown): void {
    setTimeout(() => widget.deliver(type, data), 0);
  }
}
