/**
 * What every reliability page records for the runner: unhandled rejections, uncaught errors and
 * Content-Security-Policy violations, read back through `window.relProbe`.
 */
export interface Probe {
  readonly unhandled: string[];
  readonly errors: string[];
  readonly violations: { directive: string; blocked: string; sample: string }[];
}

const probe: Probe = { unhandled: [], errors: [], violations: [] };

window.addEventListener('unhandledrejection', (event) => {
  const reason: unknown = event.reason;
  probe.unhandled.push(reason instanceof Error ? `${reason.name}: ${reason.message}` : typeof reason);
});
window.addEventListener('error', (event) => {
  probe.errors.push(event.message);
});
document.addEventListener('securitypolicyviolation', (event) => {
  probe.violations.push({ directive: event.effectiveDirective, blocked: event.blockedURI, sample: event.sample });
});

(window as unknown as { relProbe: Probe }).relProbe = probe;
export { probe };
