// The demo's security headers, per origin. Both pages run under the same strict Content Security
// Policy (no inline code or styles, no eval); they differ only in who may frame whom:
//   - the CRM console may be framed by nobody, and may frame exactly the softphone origin;
//   - the softphone page may be framed by exactly the console origin, and may connect to its own
//     origin and the demo's relay (the agent stream of the Voicenter and Sociomile simulators).
// The softphone sends no X-Frame-Options: its only values (DENY, SAMEORIGIN) would block the
// console on another port, and CSP frame-ancestors, which names the console exactly, wins anyway.

const STRICT_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
];

const COMMON = Object.freeze({
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  // A development server: always serve what the last build produced.
  'Cache-Control': 'no-store',
});

/**
 * Headers of every response of the CRM console origin.
 * @param {string} softphoneOrigin the one origin the console frames, e.g. `http://127.0.0.1:8081`
 * @returns {Readonly<Record<string, string>>}
 */
export function consoleHeaders(softphoneOrigin) {
  return Object.freeze({
    ...COMMON,
    'Content-Security-Policy': [...STRICT_CSP, `frame-src ${softphoneOrigin}`, "frame-ancestors 'none'"].join('; '),
    'X-Frame-Options': 'DENY',
  });
}

/**
 * Headers of every response of the softphone origin.
 * @param {string} consoleOrigin the one origin allowed to frame the softphone, e.g. `http://127.0.0.1:8080`
 * @param {string} [relayOrigin] the relay whose agent stream the page opens (EventSource is a connection: connect-src), e.g. `http://127.0.0.1:41234`
 * @returns {Readonly<Record<string, string>>}
 */
export function softphoneHeaders(consoleOrigin, relayOrigin) {
  const connect = relayOrigin === undefined ? [] : [`connect-src 'self' ${relayOrigin}`];
  return Object.freeze({
    ...COMMON,
    'Content-Security-Policy': [...STRICT_CSP, ...connect, "frame-src 'none'", `frame-ancestors ${consoleOrigin}`].join(
      '; ',
    ),
  });
}
