/**
 * Voicenter server-side payloads as the vendor documents them, for tests that need variants (other
 * ivr ids, numbers, times). The published payloads themselves, verbatim, are under
 * test/fixtures/vendor/voicenter/ (see {@link voicenterFixture}); these builders follow them:
 *
 * - the pop-up phase request: seed 004 "POST JSON Request Example" (Ringing / Answer / Hang up
 *   Phase), /work/shared/seeds/004_0a8f95430ab850ba.txt;
 * - the CDR: seed 003 §4 "JSON example" and its field table
 *   (/work/shared/seeds/003_98f5a4d21a14edb6.txt), which VoicenterWebSDK's CdrRequest.json matches
 *   (github.com/VoicenterTeam/VoicenterWebSDK, CdrRequest.json and libs/CdrRequest.js `requestFields`);
 * - the XML-RPC form of the CDR: seed 003 §4 "Xml-rpc" (`<methodCall>`, `CDR`, one `<struct>`,
 *   `<i4>` / `<i8>` / `<string>` values, `<string />` when empty).
 */

/**
 * The pop-up's phase request for `ivrid` (seed 004): Ringing has `callAnswered` 0; Answer says
 * "Talking" with `callAnswered` set; the hang-up still says "Talking" and adds `cause` inside
 * `currentCall` ("Normal hangup"), exactly as the seed's three samples do.
 */
export function popupPhase(
  ivrid: string,
  phase: 'Ringing' | 'Talking' | 'Hangup',
  options: { phone?: string; direction?: string; callStarted?: number; callAnswered?: number } = {},
): Record<string, unknown> {
  const phone = options.phone ?? '972722776772';
  const callStarted = options.callStarted ?? 1663324548;
  const answered = phase === 'Ringing' ? 0 : (options.callAnswered ?? callStarted + 7);
  const direction = options.direction ?? 'Incoming';
  const currentCall: Record<string, unknown> = {
    callStarted,
    calldurationinterval: callStarted,
    callAnswered: answered,
    answered: answered === 0 ? 0 : 1,
    callername: 'Queue Testing',
    callerphone: phone,
    outgoingcallername: '',
    outgoingcallerphone: '',
    callstatus: phase === 'Ringing' ? 'Ringing' : 'Talking',
    customdata: {},
    direction,
    ivrid,
    recording: { Filename: `${ivrid}-nikitaapi-${phone}-0776707528.mp3`, Options: '', ApproximateURL: '', IsMuted: 0 },
    did: '0776707528',
    relatedIvrUniqueIDs: [],
    callType: direction,
    originalCallerID: '0722776772',
    originalCallerName: 'Nikita Karpushin new',
    actualDialedNumber: '0776707528',
    channel: 'SIP/KGpK4iWq-00000007',
    channel2: 'SIP/ProviderProxy05-00000006',
    isSpyed: false,
    isInternal: false,
    ip: '185.138.169.59',
    // Only the seed's Ringing sample carries blcServerID.
    ...(phase === 'Ringing' ? { blcServerID: 225 } : {}),
    extenUser: 'KGpK4iWq',
    number: 89312,
    ...(phase === 'Hangup' ? { cause: 'Normal hangup' } : {}),
  };
  return {
    phone,
    callerName: 'Queue Testing',
    ivrid,
    extenUser: 'KGpK4iWq',
    did: '0776707528',
    // The seed's hang-up sample still says "Talking": the cause marks the hang-up.
    status: phase === 'Ringing' ? 'Ringing' : 'Talking',
    direction,
    recordFile: `${ivrid}-nikitaapi-${phone}-0776707528.mp3`,
    isMuted: false,
    callStarted,
    isAnswered: answered !== 0,
    callAnswered: answered,
    currentCall,
  };
}

/**
 * A CDR notification as JSON: seed 003 §4 "JSON example" values, plus `price` (7),
 * `representative_name` and `representative_code` ("9996 ", with its trailing space) from the examples of its
 * field table.
 */
export function cdrJson(ivruniqueid: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    caller: '0544444444',
    target: '0722776772',
    time: 1414320455,
    duration: 12,
    ivruniqueid,
    type: 'Extension Outgoing',
    status: 'ANSWER',
    targetextension: '',
    callerextension: 'SIPSIPSI',
    did: '',
    queueid: 0,
    queuename: '',
    record: 'http://starkey-centrex-recordings.s3.amazonaws.com/xxxxxxxx-aws-0544444444-0722776772.mp3',
    price: 7,
    dialtime: 31,
    representative_name: 'Walter Melon',
    representative_code: '9996 ',
    ...overrides,
  };
}

/**
 * The same CDR as the XML-RPC `CDR` methodCall the notification system posts (seed 003 §4
 * "Xml-rpc": integers as `<i4>`, empty text as `<string />`; floats as `<double>` per XML-RPC,
 * since VoicenterWebSDK's CdrRequest.json has `"price": 0.0`).
 */
export function cdrXmlRpc(fields: Record<string, unknown>): string {
  const value = (v: unknown) =>
    typeof v === 'number'
      ? Number.isInteger(v)
        ? `<i4>${v}</i4>`
        : `<double>${v}</double>`
      : v === ''
        ? '<string />'
        : `<string>${String(v).replace(/&/g, '&amp;').replace(/</g, '&lt;')}</string>`;
  const members = Object.entries(fields)
    .map(([name, v]) => `<member><name>${name}</name><value>${value(v)}</value></member>`)
    .join('\n');
  return `<?xml version="1.0"?>\n<methodCall>\n<methodName>CDR</methodName>\n<params><param><value><struct>\n${members}\n</struct></value></param></params>\n</methodCall>`;
}

/** test/fixtures/vendor/voicenter/popup-seed.json: seed 004's requests and reply, verbatim. */
export interface PopupSeedFixture {
  readonly source: string;
  readonly get: string;
  readonly formPost: string;
  readonly ringing: Record<string, unknown> & { readonly ivrid: string; readonly phone: string };
  readonly answer: Record<string, unknown>;
  readonly hangup: Record<string, unknown>;
  readonly reply: Record<string, unknown>;
}

/** test/fixtures/vendor/voicenter/cdr-seed.json (seed 003 §4) and cdr-websdk.json (VoicenterWebSDK CdrRequest.json). */
export interface CdrFixture {
  readonly source: string;
  readonly json: Record<string, unknown> & { readonly ivruniqueid: string };
  readonly xmlRpc?: string;
}

/**
 * One of Voicenter's published payloads as stored under test/fixtures/vendor/voicenter/ (each file
 * names its source), read verbatim: fetched from the test server, since the JSON is shared with
 * the Node tests, which read the same files.
 */
export async function voicenterFixture(name: 'popup-seed.json'): Promise<PopupSeedFixture>;
export async function voicenterFixture(name: 'cdr-seed.json' | 'cdr-websdk.json'): Promise<CdrFixture>;
export async function voicenterFixture(name: string): Promise<unknown> {
  const response = await fetch(new URL(`../fixtures/vendor/voicenter/${name}`, import.meta.url));
  if (!response.ok) throw new Error(`test fixture ${name}: HTTP ${response.status}`);
  return response.json();
}
