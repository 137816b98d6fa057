import { adapterConnectFailed, BridgeError, SettingsReader, type Logger } from '../../src/contract/index.js';
import type { OpenCtiApi } from './open-cti.types.js';

/**
 * Origins Salesforce serves Lightning and Visualforce from, as the Open CTI script (API 55+)
 * accepts them. The script silently stops working when `sfdcIframeOrigin` does not match; the
 * bridge checks it first so that `load` can say why.
 */
const SALESFORCE_ORIGIN =
  /^https?:\/\/[\w.-]+\.(force\.com|salesforce\.com|visualforce\.com|my-visualforce\.com|my-lightning\.com|my-salesforce\.com|salesforce\.mil|salesforce\.ms|crmforce\.mil|crmforce\.ms)(:\d+)?$/;

/**
 * Development mode (docs/salesforce-deploy.md, "Develop without an org"): an Open CTI stub served on
 * the developer's own machine. Accepted only when the softphone page itself is on a loopback host
 * over http: a production page (https, on the vendor's host) never is, so it keeps every check.
 */
const LOOPBACK_ORIGIN = /^http:\/\/(localhost|127\.0\.0\.1)(:\d+)?$/;
const isLoopbackPage = (location: OpenCtiPageLocation) =>
  location.protocol === 'http:' && (location.hostname === 'localhost' || location.hostname === '127.0.0.1');

/** What the loader reads of the page's location; `hostname` only for the development mode. */
export type OpenCtiPageLocation = Pick<Location, 'search' | 'protocol'> & { readonly hostname?: string };

/** The Open CTI API version the bundle loads when the page has not loaded the script itself. */
export const OPEN_CTI_VERSION = '66.0';

/** The page URL parameters Salesforce adds to the softphone's URL, checked as the script checks them. */
export function openCtiParameters(location: OpenCtiPageLocation): { origin: string; mode: string } {
  const params = new URLSearchParams(location.search);
  const origin = params.get('sfdcIframeOrigin') ?? '';
  const mode = params.get('mode') ?? '';
  // One error names every parameter at fault.
  const reader = new SettingsReader({});
  if (origin === '') reader.problem('sfdcIframeOrigin', 'is missing (not loaded by a Salesforce call center?)');
  else if (!SALESFORCE_ORIGIN.test(origin) && !(LOOPBACK_ORIGIN.test(origin) && isLoopbackPage(location)))
    reader.problem('sfdcIframeOrigin', 'is not a Salesforce origin');
  else if (!origin.startsWith(`${location.protocol}//`))
    reader.problem('sfdcIframeOrigin', `must use the page's own scheme (${location.protocol})`);
  if (mode === '') reader.problem('mode', 'is missing');
  reader.finish('Open CTI cannot start, URL parameters');
  return { origin, mode };
}

/** The parts of `window` the loader uses. */
export interface LoaderWindow {
  readonly location: OpenCtiPageLocation;
  readonly document: Document;
  sforce?: { opencti?: OpenCtiApi };
}

/**
 * Returns `sforce.opencti`: the page's, when it loaded Salesforce's script itself (the
 * Visualforce host page does), or after loading `/support/api/<version>/lightning/opencti_min.js`
 * from `sfdcIframeOrigin` (a softphone hosted elsewhere). Without the script, the URL parameters
 * must be right (they say where to load it from); with it, odd ones are only a warning on `logger`.
 */
export async function loadOpenCti(
  win: LoaderWindow,
  options: { version?: string; timeoutMs?: number; logger?: Pick<Logger, 'warn'> } = {},
): Promise<OpenCtiApi> {
  const present = win.sforce?.opencti;
  if (present !== undefined) {
    // The script read the parameters when it ran; a softphone may have rewritten its URL since.
    try {
      openCtiParameters(win.location);
    } catch (error) {
      // openCtiParameters throws only its CONFIG_INVALID, which names the keys (never the values).
      options.logger?.warn("Odd Open CTI URL parameters; using the page's sforce.opencti", {
        keys: String((error as BridgeError).details['keys']),
      });
    }
    return present;
  }
  const { origin } = openCtiParameters(win.location);
  const version = options.version ?? OPEN_CTI_VERSION;
  return new Promise<OpenCtiApi>((resolve, reject) => {
    const script = win.document.createElement('script');
    /** Settles the load: with `sforce.opencti` once the script ran, or with why it failed. */
    const settle = (failure?: string) => {
      clearTimeout(timer);
      const api = win.sforce?.opencti;
      if (failure === undefined && api !== undefined) resolve(api);
      else
        reject(
          adapterConnectFailed(
            `The Open CTI script could not be loaded: ${failure ?? 'no sforce.opencti after it ran'}.`,
            { details: { version } },
          ),
        );
    };
    const timer = setTimeout(() => settle('timed out'), options.timeoutMs ?? 15_000);
    // A script added by code loads asynchronously: no `async` flag needed.
    script.src = `${origin}/support/api/${version}/lightning/opencti_min.js`;
    script.onload = () => settle();
    script.onerror = () => settle('the request failed');
    win.document.head.append(script);
  });
}
