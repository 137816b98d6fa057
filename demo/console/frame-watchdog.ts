import type { Bridge } from '../../src/index.js';
import { el } from '../dom.js';

/** How long the softphone frame has to call `load` before the page says it is probably blocked. */
export const FRAME_GRACE_MS = 8_000;

/**
 * The console's own origin, as demo/server.mjs wrote it into the page (`<meta name="console-origin">`),
 * or undefined when the page was opened without the server.
 */
export function expectedConsoleOrigin(): string | undefined {
  const content = document.querySelector<HTMLMetaElement>('meta[name="console-origin"]')?.content ?? '';
  return URL.canParse(content) && new URL(content).origin === content ? content : undefined;
}

/**
 * Says on the page why the softphone is missing, where a browser says it only in DevTools: the
 * softphone lets exactly the printed console origin frame it (CSP frame-ancestors), so a console
 * opened under another name (a port forward, a proxy) gets a blocked frame and a phone that never
 * loads. The server redirects the other loopback names itself (`localhost`), so this is what is
 * left: a name mismatch, said at once, and any frame that has not called `load` after
 * {@link FRAME_GRACE_MS}, said then. The notice goes once the softphone connects.
 */
export function watchSoftphoneFrame(
  bridge: Bridge,
  softphoneOrigin: string,
  notice: HTMLElement,
  graceMs: number = FRAME_GRACE_MS,
): () => void {
  const expected = expectedConsoleOrigin();
  const show = (...parts: (Node | string)[]) => {
    notice.hidden = false;
    notice.replaceChildren(...parts);
  };
  const link = (href: string) => el('a', { text: href, attrs: { href } });
  if (expected !== undefined && expected !== location.origin) {
    show(
      el('strong', { text: 'The softphone cannot load here. ' }),
      `This page was opened as ${location.origin}, but the softphone at ${softphoneOrigin} lets only ${expected} frame it (its Content Security Policy, frame-ancestors). Open `,
      link(`${expected}/`),
      ' instead.',
    );
  }
  let done = false;
  const timer = setTimeout(async () => {
    const { loaded } = await bridge.status().catch(() => ({ loaded: false }));
    if (done || loaded) return;
    show(
      el('strong', { text: 'The softphone has not answered. ' }),
      `Its frame (${softphoneOrigin}) did not load the bridge within ${Math.round(graceMs / 1000)} s. If the frame shows a blocked page, the browser refused to frame it: open the console at the URL \`npm start\` printed${expected === undefined ? '' : ` (${expected}/)`}, and see the browser console for the reason.`,
    );
  }, graceMs);
  const connected = () => {
    done = true;
    clearTimeout(timer);
    notice.hidden = true;
    notice.replaceChildren();
  };
  bridge.on('adapter.connected', connected);
  return () => {
    clearTimeout(timer);
    bridge.off('adapter.connected', connected);
  };
}
