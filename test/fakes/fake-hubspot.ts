import { SYNC_EXAMPLE, type IframeLocation } from '../fixtures/vendor/hubspot/messages.js';

/** A contact (`0-1`) or company (`0-2`) HubSpot can match a caller to. */
export interface FakeHubSpotObject {
  readonly objectId: number;
  readonly objectTypeId: '0-1' | '0-2';
  readonly phone: string;
  readonly firstName?: string;
  readonly lastName?: string;
  readonly email?: string;
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

/**
 * A copy of the widget as HubSpot sees it: where HubSpot loaded it, whether it answered the
 * handshake, and how to reach it. With a calling window HubSpot runs two copies of the app: the
 * calling window (`window`) and a `remote` iframe in the HubSpot page; HubSpot's reference app
 * sends nothing from the remote copy then ("Do not send messages to HubSpot in the remote",
 * HubSpot/calling-extensions-sdk, demos/demo-react-ts/src/hooks/useCti.ts, `isFromRemote`).
 */
export interface FakeWidget {
  readonly iframeLocation: IframeLocation;
  readonly usesCallingWindow: boolean;
  ready: boolean;
  /** Delivers a HubSpot message (`type`, `data`) to the widget. */
  deliver(type: string, data: unknown): void;
}

/** Properties HubSpot accepts on a call engagement: `RawEngagementProperties` (@hubspot/calling-extensions-sdk, src/types.ts). */
const PROPERTIES = new Set([
  'hs_timestamp',
  'hs_call_body',
  'hs_call_callee_object_id',
  'hs_call_callee_object_type',
  'hs_call_direction',
  'hs_call_disposition',
  'hs_call_duration',
  'hs_call_from_number',
  'hs_call_recording_url',
  'hs_call_status',
  'hs_call_title',
  'hs_call_source',
  'hs_call_to_number',
  'hubspot_owner_id',
  'hs_activity_type',
  'hs_attachment_ids',
]);
/** `hs_call_status` values, as listed beside the property in src/types.ts (`RawEngagementProperties`). */
const STATUSES = new Set([
  'BUSY',
  'CALLING_CRM_USER',
  'CANCELED',
  'COMPLETED',
  'CONNECTING',
  'FAILED',
  'IN_PROGRESS',
  'NO_ANSWER',
  'QUEUED',
  'RINGING',
]);
/** `callEndStatus` values: `EndStatus` (src/types.ts). */
const END_STATUSES = new Set(['COMPLETED', 'FAILED', 'CANCELED', 'BUSY', 'NO_ANSWER', 'REJECTED', 'MISSED']);
/**
 * `hs_call_disposition` is a call outcome id, a GUID (HubSpot Calls API, "call outcomes":
 * https://developers.hubspot.com/docs/api/crm/calls; the default outcome GUIDs are listed there).
 */
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * HubSpot's side of a calling extension, reached only through a wire host that speaks the SDK's
 * postMessage protocol to iframes running the real `@hubspot/calling-extensions-sdk` (no fake of
 * the SDK class). Written from the SDK's source (0.9.7, src/IFrameManager.ts, src/CallingExtensions.ts,
 * src/types.ts) and HubSpot's calling SDK guide
 * (https://developers.hubspot.com/docs/api-reference/crm-calling-extensions-v3/calling-sdk):
 * - the handshake is HubSpot's `SYNC` ({@link syncMessage}, keys of `SYNC_EXAMPLE`), answered by
 *   the SDK's `SYNC_ACK`; the SDK itself drops what a widget sends before it;
 * - HubSpot ignores calls before `initialized` and a login; `externalCallId` is required;
 * - `incomingCall` is answered by a caller-ID match and, with `createEngagement`, a created
 *   engagement; `outgoingCall` by a created engagement; answers carry the engagement id only
 *   ("Use HubSpot Owned Engagements",
 *   https://developers.hubspot.com/docs/api/crm/extensions/use-hubspot-owned-engagements-to-create-and-update-call-engagements);
 * - `callEnded` and `callCompleted` need a known engagement id, `callCompleted` comes after
 *   `callEnded`, and engagement properties must be HubSpot's (`RawEngagementProperties`, src/types.ts);
 * - every copy of the widget gets its own answers; two copies that both start a call make two
 *   engagements, which is why only one copy may speak (see {@link FakeWidget});
 * - every answer is asynchronous and faults can be injected on creates and updates.
 */
export class FakeHubSpot {
  readonly portalId = 62515;
  readonly objects: FakeHubSpotObject[] = [];
  readonly engagements = new Map<number, FakeEngagement>();
  /** Messages HubSpot received, with the copy of the widget that sent each. */
  readonly received: { type: string; data: unknown; from: IframeLocation }[] = [];
  /** Protocol mistakes HubSpot would ignore or refuse. */
  readonly violations: string[] = [];
  readonly navigations: unknown[] = [];
  available: boolean | undefined;
  /**
   * Lifecycle per copy of the widget: each iframe has its own SDK session with HubSpot, so one
   * copy's `initialized` does not log another out (**unverified**: HubSpot does not document how
   * it combines two copies; the fake keeps them apart, as the SDK does on the widget side).
   */
  readonly #session = new Map<FakeWidget, { initialized: boolean; loggedIn: boolean }>();
  #nextId = 1001;
  #faults: Record<'create' | 'update', FakeHubSpotFault[]> = { create: [], update: [] };
  #widgets: FakeWidget[] = [];

  /** Makes the next `count` creates or updates fail the given way. */
  inject(what: 'create' | 'update', fault: FakeHubSpotFault, count = 1): void {
    for (let i = 0; i < count; i += 1) this.#faults[what].push(fault);
  }

  /** Adds a copy of the widget HubSpot talks to (a wire host does, for each widget iframe). */
  attach(widget: FakeWidget): void {
    this.#widgets.push(widget);
  }

  /** The copies of the widget HubSpot loaded. */
  get widgets(): readonly FakeWidget[] {
    return this.#widgets;
  }

  /**
   * HubSpot's handshake message for `widget`: `SYNC` with the keys the SDK reads
   * (`SYNC_EXAMPLE`), this portal's ids, where the copy runs, and the host URL the SDK will
   * answer to. `engagementId` is the call in progress when the widget was reloaded mid-call.
   */
  syncMessage(widget: FakeWidget, hostUrl: string, engagementId?: number): Record<string, unknown> {
    return {
      ...SYNC_EXAMPLE,
      portalId: this.portalId,
      iframeLocation: widget.iframeLocation,
      usesCallingWindow: widget.usesCallingWindow,
      hostUrl,
      ...(engagementId === undefined ? {} : { engagementId }),
    };
  }

  /** The user clicks a number in HubSpot (a contact's or company's record). */
  dial(data: {
    phoneNumber: string;
    objectId?: number;
    objectType?: 'CONTACT' | 'COMPANY';
    countryCode?: string;
  }): void {
    for (const widget of this.#widgets.filter((w) => w.ready))
      this.#send(widget, 'DIAL_NUMBER', { ownerId: 8, portalId: this.portalId, ...data });
  }

  /** Engagements started for a conversation. */
  engagementsFor(externalCallId: string): FakeEngagement[] {
    return [...this.engagements.values()].filter((e) => e.externalCallId === externalCallId);
  }

  /** A message from a widget, as HubSpot processes it. */
  fromWidget(widget: FakeWidget, type: string, data: unknown): void {
    if (!widget.ready) return void this.violations.push(`${type} before the handshake`); // the real SDK drops these itself
    const message = structuredClone({ type, data }) as { type: string; data: Record<string, unknown> | undefined };
    this.received.push({ ...message, from: widget.iframeLocation });
    const d = message.data ?? {};
    switch (type) {
      case 'INITIALIZED':
        this.#session.set(widget, { initialized: true, loggedIn: d['isLoggedIn'] === true });
        return;
      case 'LOGGED_IN':
      case 'LOGGED_OUT':
        this.#session.set(widget, {
          initialized: this.#session.get(widget)?.initialized ?? false,
          loggedIn: type === 'LOGGED_IN',
        });
        return;
      case 'USER_AVAILABLE':
      case 'USER_UNAVAILABLE':
        this.available = type === 'USER_AVAILABLE';
        return;
      case 'NAVIGATE_TO_RECORD':
        return this.#navigate(widget, d);
    }
    const session = this.#session.get(widget);
    if (session?.initialized !== true || !session.loggedIn)
      return void this.violations.push(`${type} before initialized and logged in`);
    if (typeof d['externalCallId'] !== 'string' || d['externalCallId'] === '')
      return void this.violations.push(`${type} without externalCallId`);
    if (type === 'INCOMING_CALL' || type === 'OUTGOING_CALL_STARTED') return this.#start(widget, type, d);
    const engagement = this.engagements.get(Number(d['engagementId']));
    if (type === 'CALL_ENDED') {
      if (engagement === undefined) return void this.violations.push('CALL_ENDED with an unknown engagementId');
      if (d['callEndStatus'] !== undefined && !END_STATUSES.has(String(d['callEndStatus'])))
        this.violations.push('CALL_ENDED with an unknown callEndStatus');
      engagement.ended = true;
      engagement.endStatus = d['callEndStatus'] as string | undefined;
    }
    if (type === 'CALL_COMPLETED') this.#complete(widget, d, engagement);
  }

  #start(widget: FakeWidget, type: 'INCOMING_CALL' | 'OUTGOING_CALL_STARTED', d: Record<string, unknown>): void {
    if (type === 'INCOMING_CALL') {
      // `OnIncomingCall` requires fromNumber and toNumber (src/types.ts); HubSpot answers with a
      // caller-ID match of `ContactIdMatch` / `CompanyIdMatch` entries (src/types.ts, fixture
      // CALLER_ID_MATCH_EXAMPLE). Matching on the exact number is the fake's simplification.
      if (typeof d['fromNumber'] !== 'string' || typeof d['toNumber'] !== 'string')
        return void this.violations.push('INCOMING_CALL needs fromNumber and toNumber');
      const callerIdMatches = this.objects
        .filter((o) => o.phone === d['fromNumber'])
        .map((o) => {
          const objectCoordinates = { portalId: this.portalId, objectId: o.objectId, objectTypeId: o.objectTypeId };
          return o.objectTypeId === '0-1'
            ? {
                callerIdType: 'CONTACT',
                objectCoordinates,
                firstName: o.firstName ?? '',
                lastName: o.lastName ?? '',
                email: o.email ?? '',
              }
            : { callerIdType: 'COMPANY', objectCoordinates, name: o.name ?? '' };
        });
      this.#send(widget, 'CALLER_ID_MATCH_SUCCEEDED', { callerIdMatches });
    }
    if (d['createEngagement'] !== true) return;
    const fault = this.#faults.create.shift();
    if (fault === 'failed') return this.#send(widget, 'CREATE_ENGAGEMENT_FAILED', { error: { message: 'injected' } });
    const id = this.#nextId++;
    this.engagements.set(id, {
      id,
      externalCallId: d['externalCallId'] as string,
      startedBy: type,
      ended: false,
      endStatus: undefined,
      properties: {},
      updates: 0,
    });
    if (fault !== 'lost-reply') this.#send(widget, 'CREATE_ENGAGEMENT_SUCCEEDED', { engagementId: id });
  }

  #complete(widget: FakeWidget, d: Record<string, unknown>, engagement: FakeEngagement | undefined): void {
    const refuse = (why: string) => {
      this.violations.push(`CALL_COMPLETED: ${why}`);
      this.#send(widget, 'UPDATE_ENGAGEMENT_FAILED', { engagementId: d['engagementId'], error: { message: why } });
    };
    if (engagement === undefined) return refuse('unknown engagementId');
    // The guide's order: callEnded, then callCompleted with the engagement id
    // (https://developers.hubspot.com/docs/api-reference/crm-calling-extensions-v3/calling-sdk).
    if (!engagement.ended) return refuse('the call was not ended first');
    const properties = (d['engagementProperties'] ?? {}) as Record<string, unknown>;
    const unknown = Object.keys(properties).filter((k) => !PROPERTIES.has(k));
    if (unknown.length > 0) return refuse(`unknown properties ${unknown.join(', ')}`);
    // hs_timestamp is the one required property, hs_call_duration is milliseconds (src/types.ts).
    if (properties['hs_timestamp'] === undefined) return refuse('hs_timestamp is required');
    if (properties['hs_call_duration'] !== undefined && !/^\d+$/.test(String(properties['hs_call_duration'])))
      return refuse('hs_call_duration must be milliseconds');
    if (
      properties['hs_call_direction'] !== undefined &&
      !['INBOUND', 'OUTBOUND'].includes(String(properties['hs_call_direction']))
    )
      return refuse('bad hs_call_direction');
    if (properties['hs_call_status'] !== undefined && !STATUSES.has(String(properties['hs_call_status'])))
      return refuse('bad hs_call_status');
    if (properties['hs_call_disposition'] !== undefined && !GUID.test(String(properties['hs_call_disposition'])))
      return refuse('hs_call_disposition must be a call outcome id');
    const fault = this.#faults.update.shift();
    if (fault === 'failed')
      return this.#send(widget, 'UPDATE_ENGAGEMENT_FAILED', {
        engagementId: engagement.id,
        error: { message: 'injected' },
      });
    engagement.properties = { ...engagement.properties, ...properties };
    engagement.updates += 1;
    if (fault !== 'lost-reply') this.#send(widget, 'UPDATE_ENGAGEMENT_SUCCEEDED', { engagementId: engagement.id });
  }

  #navigate(widget: FakeWidget, d: Record<string, unknown>): void {
    const c = (d['objectCoordinates'] ?? {}) as Record<string, unknown>;
    const known =
      c['portalId'] === this.portalId &&
      this.objects.some((o) => o.objectId === c['objectId'] && o.objectTypeId === c['objectTypeId']);
    if (known) this.navigations.push(c);
    else this.#send(widget, 'NAVIGATE_TO_RECORD_FAILED', { error: { message: 'not found' } });
  }

  /** Delivers a HubSpot message to the widget, later, as postMessage would. */
  #send(widget: FakeWidget, type: string, data: unknown): void {
    setTimeout(() => widget.deliver(type, data), 0);
  }
}
