import './shared/probe.js';
import { FakeCrm, fakeAdapter } from '../../../adapters/fake/index.js';
import { type Bridge } from '../../../src/core/bridge.js';
import { createBridge } from '../../../src/core/create-bridge.js';
import { isBridgeErrorCode } from '../../../src/errors/index.js';
import { BridgeError } from '../../../src/errors/index.js';
import { createMemoryStore } from '../../../src/outbox/memory-store.js';
import { CANARY, hostileValue, malformedArguments } from './shared/hostile-values.js';
import { seeded, type Random } from './shared/random.js';

/**
 * Malformed payloads (reliability.md T11): `count` random contract calls with hostile
 * arguments, mixed with valid calls, against a bridge with the default console logger. The
 * runner reads the console; this page checks every return value and rejection.
 */

const EVENT_METHODS = [
  'incomingCall',
  'callAccepted',
  'callRejected',
  'callEnded',
  'callNotesSubmitted',
  'outboundCallInitiated',
  'statusChanged',
] as const;
const CRM_METHODS = ['startCall', 'updatePresence', 'setDispositions', 'setPartnerConfig'] as const;
const CONTRACT_CODES = new Set([
  'CONTRACT_ARGUMENTS_INVALID',
  'CONTRACT_JSON_INVALID',
  'CONTRACT_PAYLOAD_INVALID',
  'CALLBACK_INVALID',
]);

export interface FuzzReport {
  calls: number;
  resolved: number;
  rejected: number;
  syncThrows: string[];
  notPromises: number;
  notBridgeErrors: string[];
  codes: Record<string, number>;
  /** Rejections of bad input with a code other than CONTRACT_* / CALLBACK_INVALID (design rule 2), by example. */
  offContractCodes: string[];
  offContractCount: number;
  /** Rejections of bad input without a `contract.rejected` event (design rule 2). */
  missingEvents: number;
  /** Rejection messages or details that contain a hostile string (CANARY). */
  echoed: string[];
  /** `load` names quoted back in the message: identifier paths, quoted on purpose. */
  loadNameEchoes: number;
  prototypeChanged: string[];
  validCalls: number;
  validLogged: number;
  validWrong: string[];
  /** Phone numbers and notes of the valid calls, for the runner's log scan (T24). */
  validSecrets: string[];
  ms: number;
}

function loadArgument(random: Random, i: number): unknown {
  return random.pick<() => unknown>([
    () => hostileValue(random),
    () => '',
    () => '   ',
    () => `${CANARY}_missing_${i}.handler`,
    () => `${CANARY} is not an identifier`,
    () => 'constructor.constructor',
    () => '__proto__.polluted',
    () => 'a..b',
    () => `x${'y'.repeat(5000)}`,
  ])();
}

function crmArguments(random: Random): unknown[] {
  return random.pick<() => unknown[]>([
    () => [],
    () => [hostileValue(random)],
    () => [{ dialTo: hostileValue(random) }],
    () => [[hostileValue(random), hostileValue(random)]],
  ])();
}

function isThenable(value: unknown): value is Promise<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as { then?: unknown }).then === 'function';
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message.slice(0, 120)}` : typeof error;
}

async function validCall(bridge: Bridge, k: number, secrets: string[]): Promise<{ key: string; notes: string }> {
  const conversationId = `valid-${k}`;
  const ids = { partnerId: 'fuzz-partner', conversationId };
  const phone = `+1555${String(2_000_000 + k).padStart(7, '0')}`;
  const notes = `Valid call ${k}: Ms Example at ${phone} wants her refund of ${k} dollars`;
  secrets.push(phone, notes);
  await bridge.incomingCall(ids.partnerId, conversationId, phone);
  await bridge.callAccepted({ ...ids, ivrExitPath: 'billing' });
  await bridge.callNotesSubmitted({ ...ids, disposition: 'resolved', notes });
  await bridge.callEnded({ ...ids, duration: k % 600 });
  return { key: `${conversationId}:callLog`, notes };
}

async function runFuzz({
  count,
  seed,
  validEvery,
}: {
  count: number;
  seed: number;
  validEvery: number;
}): Promise<FuzzReport> {
  const started = performance.now();
  const random = seeded(seed);
  const crm = new FakeCrm();
  const bridge = createBridge({
    adapter: fakeAdapter(crm),
    store: createMemoryStore(),
    retry: { baseDelayMs: 5, maxDelayMs: 50 },
  });
  let emitted = 0;
  bridge.on('contract.rejected', () => {
    emitted += 1;
  });
  await bridge.load(() => {});
  const protoBefore = Object.getOwnPropertyNames(Object.prototype).sort().join(',');
  const report: FuzzReport = {
    calls: 0,
    resolved: 0,
    rejected: 0,
    syncThrows: [],
    notPromises: 0,
    notBridgeErrors: [],
    codes: {},
    offContractCodes: [],
    offContractCount: 0,
    missingEvents: 0,
    echoed: [],
    loadNameEchoes: 0,
    prototypeChanged: [],
    validCalls: 0,
    validLogged: 0,
    validWrong: [],
    validSecrets: [],
    ms: 0,
  };
  const expected: { key: string; notes: string }[] = [];
  let pending: Promise<unknown>[] = [];
  for (let i = 0; i < count; i += 1) {
    const pick = random.next();
    const method = pick < 0.85 ? random.pick(EVENT_METHODS) : pick < 0.92 ? 'load' : random.pick(CRM_METHODS);
    const args =
      method === 'load'
        ? [loadArgument(random, i)]
        : (CRM_METHODS as readonly string[]).includes(method)
          ? crmArguments(random)
          : malformedArguments(random, method);
    const before = emitted;
    let result: unknown;
    report.calls += 1;
    try {
      result = (bridge[method as keyof Bridge] as (...a: unknown[]) => unknown).apply(bridge, args);
    } catch (error) {
      report.syncThrows.push(`${method}: ${describe(error)}`);
      continue;
    }
    const eventRaised = emitted > before;
    if (!isThenable(result)) {
      report.notPromises += 1;
      continue;
    }
    pending.push(
      result.then(
        () => {
          report.resolved += 1;
        },
        (error: unknown) => {
          report.rejected += 1;
          if (!(error instanceof BridgeError) || !isBridgeErrorCode(error.code)) {
            report.notBridgeErrors.push(`${method}: ${describe(error)}`);
            return;
          }
          report.codes[error.code] = (report.codes[error.code] ?? 0) + 1;
          if (!CONTRACT_CODES.has(error.code)) {
            report.offContractCount += 1;
            if (report.offContractCodes.length < 5)
              report.offContractCodes.push(`${method} → ${error.code}: ${error.message.slice(0, 100)}`);
          }
          if (!eventRaised) report.missingEvents += 1;
          const text = `${error.message} ${JSON.stringify(error.details)}`;
          if (text.includes(CANARY)) {
            if (method === 'load' && /no global function named "[\w$.]+"/.test(error.message))
              report.loadNameEchoes += 1;
            else if (report.echoed.length < 10) report.echoed.push(`${method} ${error.code}: ${text.slice(0, 160)}`);
          }
        },
      ),
    );
    if (pending.length >= 250) {
      await Promise.all(pending);
      pending = [];
    }
    if (i % validEvery === validEvery - 1) {
      await Promise.all(pending);
      pending = [];
      report.validCalls += 1;
      expected.push(await validCall(bridge, report.validCalls, report.validSecrets));
    }
  }
  await Promise.all(pending);
  // Every valid call logged with its notes, whatever came between.
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline && (await bridge.status()).outbox.pending > 0)
    await new Promise((resolve) => setTimeout(resolve, 25));
  const logs = new Map(crm.callLogs().map((log) => [log.key, log]));
  for (const call of expected) {
    const log = logs.get(call.key);
    if (log === undefined) report.validWrong.push(`${call.key}: no call log`);
    else if (log.call.notes !== call.notes) report.validWrong.push(`${call.key}: notes differ`);
    else report.validLogged += 1;
  }
  const protoAfter = Object.getOwnPropertyNames(Object.prototype).sort().join(',');
  if (protoAfter !== protoBefore) report.prototypeChanged.push(`Object.prototype keys: ${protoAfter}`);
  if (({} as Record<string, unknown>)['polluted'] !== undefined) report.prototypeChanged.push('({}).polluted is set');
  await bridge.dispose();
  report.ms = performance.now() - started;
  return report;
}

(window as unknown as { relFuzz: typeof runFuzz }).relFuzz = runFuzz;
