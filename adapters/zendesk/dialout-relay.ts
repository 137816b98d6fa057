import type { ZafClient } from './zaf.types.js';

/**
 * The app-internal event the background instance relays click-to-call with. Our own name, not a
 * Zendesk event: ZAF delivers whatever one instance triggers on another.
 */
export const DIALOUT_RELAY_EVENT = 'softphone-bridge.dialout';

/**
 * Runs in the app's `background` location: forwards Zendesk's `voice.dialout` to every `top_bar`
 * instance of the app (where the bridge and the softphone run) and opens its popover, through
 * ZAF instance messaging:
 * `client.get('instances')` lists the app's instances with their location, and
 * `client.instance(guid).trigger(name, data)` delivers an event to one of them.
 *
 * Why: where Zendesk delivers `voice.dialout` is not documented. A shipped integration documents
 * that it only reaches the `background` instance (vobiz-ai/Vobiz-Zendesk-Calling,
 * docs/architecture.md, "Click-to-dial"), another receives it in its top bar
 * (brekekesoftware/pbx-zendesk, src/index.ts). With this relay installed the top bar gets the
 * click either way; the adapter drops the second copy when both arrive.
 *
 * @returns a function that stops relaying.
 * @see https://developer.zendesk.com/api-reference/apps/apps-core-api/client_api/#clientinstanceinstanceguid
 */
export function relayDialouts(client: ZafClient): () => void {
  const relay = (event: unknown) => {
    client.get('instances').then(
      (answer) => {
        const instances = (answer as { instances?: Record<string, { location?: unknown }> } | null)?.instances ?? {};
        for (const [guid, instance] of Object.entries(instances)) {
          if (instance?.location !== 'top_bar') continue;
          const topBar = client.instance(guid);
          // Open the softphone's pane so the agent sees the call start (Vobiz's relay does the same).
          topBar.invoke('popover', 'show').catch(() => undefined);
          topBar.trigger(DIALOUT_RELAY_EVENT, event);
        }
      },
      () => undefined, // nothing to relay to; the agent can still dial in the softphone
    );
  };
  client.on('voice.dialout', relay);
  return () => {
    client.off('voice.dialout', relay);
  };
}
