/**
 * What the adapters' tests share: waiting for a condition, and opening a built bundle's fixture
 * page in an iframe the way the CRM opens the softphone or app URL.
 */

/** Polls `check` every 5 ms until it holds, or fails naming `what` after `ms`. */
export async function until(check: () => boolean | Promise<boolean>, what: string, ms = 3000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** A fixture page that loads a bundle and sets `bundleLoaded` to the promise of its loading. */
export interface BundleWindow extends Window {
  bundleLoaded?: Promise<void>;
}

/**
 * Opens `path?query` in an iframe and resolves once the page's bundle has loaded. `beforeLoad`
 * gets the frame before it loads (a host that must listen before the page's handshake).
 */
export async function openBundleFrame<W extends BundleWindow>(
  path: string,
  query: Record<string, string>,
  beforeLoad: (frame: HTMLIFrameElement) => void = () => {},
): Promise<{ frame: HTMLIFrameElement; win: W }> {
  const frame = document.createElement('iframe');
  frame.src = `${path}?${new URLSearchParams(query).toString()}`;
  beforeLoad(frame);
  document.body.append(frame);
  await new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  const win = frame.contentWindow as W;
  await until(() => win.bundleLoaded !== undefined, 'the fixture script');
  await win.bundleLoaded;
  return { frame, win };
}
