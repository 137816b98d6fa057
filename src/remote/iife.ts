/**
 * The script a softphone frame loads: `dist/softphone-bridge.remote.iife.js`. It defines
 * `window.softphoneBridge`, the eight contract methods forwarded to the bridge in the host page.
 *
 * Configuration, read once when the script runs; `window.softphoneBridgeConfig` wins over the tag:
 *
 *   <script src="softphone-bridge.remote.iife.js" data-host-origins="https://crm.example.com https://crm2.example.com" data-timeout-ms="10000"></script>
 *   <script>window.softphoneBridgeConfig = { hostOrigins: ['https://crm.example.com'], timeoutMs: 10000, queueTimeoutMs: 30000 };</script>
 *
 * Loading the script twice keeps the first client.
 */
import { createRemoteClient, type RemoteClientOptions } from './client.js';

// A narrow view of window: pages may type window.softphoneBridge their own way (a Bridge, a RemoteClient).
const page = window as unknown as { softphoneBridge?: unknown; softphoneBridgeConfig?: Partial<RemoteClientOptions> };
if (page.softphoneBridge === undefined) {
  const data = (document.currentScript as HTMLScriptElement | null)?.dataset ?? {};
  const fromTag: Partial<Record<keyof RemoteClientOptions, unknown>> = {};
  if (data['hostOrigins']) fromTag.hostOrigins = data['hostOrigins'].split(/\s+/).filter(Boolean);
  if (Number(data['timeoutMs']) > 0) fromTag.timeoutMs = Number(data['timeoutMs']);
  page.softphoneBridge = createRemoteClient({ ...fromTag, ...page.softphoneBridgeConfig } as RemoteClientOptions);
}
