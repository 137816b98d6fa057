import { hostRemoteBridge, type Bridge, type RemoteHost } from '../../src/index.js';
import { byId } from '../dom.js';

/**
 * The softphone's origin, as demo/server.mjs wrote it into the page
 * (`<meta name="softphone-origin">`): another port, so the frame really is cross-origin.
 */
export function softphoneOrigin(): string {
  const content = document.querySelector<HTMLMetaElement>('meta[name="softphone-origin"]')?.content ?? '';
  // An unfilled placeholder (the page opened without the demo server) is no origin.
  if (!URL.canParse(content) || new URL(content).origin !== content)
    throw new Error('demo: the page names no softphone origin; open it through `npm start`.');
  return content;
}

/**
 * Loads the softphone page into the utility bar's iframe and serves the bridge to it, to exactly
 * its origin. `?softphone=…` of this page (which simulated softphone to show) is passed on; the
 * softphone page checks it.
 *
 * The host starts once the page has loaded: its first `hello` is posted to the softphone origin,
 * and a frame still holding the initial about:blank would make the browser log a mismatch. The
 * client's own first `ready`, sent before that, is simply answered on its next one (the hello).
 */
export async function connectSoftphone(bridge: Bridge, origin: string): Promise<RemoteHost> {
  const frame = byId('softphone', HTMLIFrameElement);
  const url = new URL('/', origin);
  const chosen = new URLSearchParams(location.search).get('softphone');
  if (chosen !== null) url.searchParams.set('softphone', chosen);
  for (const id of ['softphone-origin', 'allowed-origin']) byId(id, HTMLElement).textContent = origin;
  byId('console-origin', HTMLElement).textContent = location.origin;
  const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  frame.src = url.href;
  await loaded;
  return hostRemoteBridge({ bridge, frame, allowedOrigins: [origin] });
}
