import type { FakeHubSpot, FakeWidget } from '../../fakes/fake-hubspot.js';
import type { IframeLocation } from '../../fixtures/vendor/hubspot/messages.js';

/** Where HubSpot loaded a copy of the widget, as its `SYNC` tells it. */
export interface WidgetPlacement {
  readonly iframeLocation?: IframeLocation;
  readonly usesCallingWindow?: boolean;
  /** The engagement of a call in progress, for a widget reloaded mid-call. */
  readonly engagementId?: number;
}

/**
 * Plays HubSpot's side of the SDK's postMessage protocol for a widget in `frame`, so that the
 * real `@hubspot/calling-extensions-sdk` (in the built bundle, or alone on the SDK fixture page)
 * talks to {@link FakeHubSpot}. The protocol is the SDK's own (src/IFrameManager.ts): HubSpot
 * posts `SYNC` (the portal's {@link FakeHubSpot.syncMessage}) every 100 ms until the widget
 * answers `SYNC_ACK` (it retries, as HubSpot does), then the widget's `{type, data, messageId}`
 * messages go to the portal and its answers come back as `{type, data, messageId}` objects.
 * Default placement: the calling window (`window`, `usesCallingWindow: true`), the copy that speaks.
 * `frameOrigin` is the widget's origin, this page's by default; a widget served from another
 * site (as HubSpot frames a calling extension) gets its exact origin, never '*'.
 */
export class HubSpotWireHost {
  readonly widget: FakeWidget;
  #timer: ReturnType<typeof setInterval> | undefined;
  #next = 1;

  constructor(
    readonly portal: FakeHubSpot,
    private readonly frame: HTMLIFrameElement,
    private readonly placement: WidgetPlacement = {},
    private readonly frameOrigin: string = location.origin,
  ) {
    this.widget = {
      iframeLocation: placement.iframeLocation ?? 'window',
      usesCallingWindow: placement.usesCallingWindow ?? true,
      ready: false,
      deliver: (type, data) => this.#post({ type, data }),
    };
    portal.attach(this.widget);
    window.addEventListener('message', this.#onMessage);
  }

  /** Starts the handshake. */
  sync(): void {
    this.#timer = setInterval(
      () => this.#post(this.portal.syncMessage(this.widget, location.origin, this.placement.engagementId)),
      100,
    );
  }

  dispose(): void {
    clearInterval(this.#timer);
    window.removeEventListener('message', this.#onMessage);
  }

  #post(message: Record<string, unknown>): void {
    this.frame.contentWindow?.postMessage({ ...message, messageId: `host_${this.#next++}` }, this.frameOrigin);
  }

  readonly #onMessage = (event: MessageEvent) => {
    if (event.source !== this.frame.contentWindow || event.origin !== this.frameOrigin) return;
    const { type, data } = (event.data ?? {}) as { type?: string; data?: unknown };
    if (type === 'SYNC_ACK') {
      clearInterval(this.#timer);
      this.widget.ready = true;
    } else if (typeof type === 'string' && type !== 'SYNC') this.portal.fromWidget(this.widget, type, data);
  };
}
