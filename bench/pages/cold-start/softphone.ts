/**
 * Cold start, script 4 of 4 (after dist/softphone-bridge.salesforce.iife.js): the softphone
 * finds `window.softphoneBridge`, calls `load(callback)` and notes when `disposition` and
 * `partner_config` arrive, in ms after the bundle started executing: after script 2 ran and the
 * bundle's last byte arrived, whichever came later.
 */
interface ColdStart {
  t0: number;
  bundleEvaluatedMs?: number;
  firstCallbackMs?: number;
  dispositionMs?: number;
  partnerConfigMs?: number;
  bundleFetch?: { durationMs: number; transferSize: number };
  done?: boolean;
  error?: string;
}
const w = window as unknown as {
  coldStart: ColdStart;
  softphoneBridge: { load(cb: (type: string) => void): Promise<void> };
};
const cold = w.coldStart;
const entry = performance
  .getEntriesByType('resource')
  .find((e) => e.name.endsWith('/softphone-bridge.salesforce.iife.js')) as PerformanceResourceTiming | undefined;
if (entry !== undefined) {
  cold.bundleFetch = { durationMs: entry.duration, transferSize: entry.transferSize };
  // The bundle starts executing once it is both downloaded and next in document order.
  cold.t0 = Math.max(cold.t0, entry.responseEnd);
}
cold.bundleEvaluatedMs = performance.now() - cold.t0;
w.softphoneBridge
  .load((type) => {
    const at = performance.now() - cold.t0;
    cold.firstCallbackMs ??= at;
    if (type === 'disposition') cold.dispositionMs ??= at;
    if (type === 'partner_config') cold.partnerConfigMs ??= at;
    if (cold.dispositionMs !== undefined && cold.partnerConfigMs !== undefined) cold.done = true;
  })
  .catch((error: { code?: string }) => {
    cold.error = String(error?.code ?? error);
  });
