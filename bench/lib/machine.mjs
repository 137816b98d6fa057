// What the figures were measured on.
import { arch, cpus, loadavg, platform, release, totalmem } from 'node:os';

/** @param {string} chromiumVersion from browser.version() */
export function describeMachine(chromiumVersion) {
  const list = cpus();
  return {
    cpu: (list[0]?.model ?? 'unknown').replace(/\s+/g, ' ').trim(),
    cores: list.length,
    memoryGiB: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
    os: `${platform()} ${release()} ${arch()}`,
    chromium: chromiumVersion,
    node: process.version,
    // Other work on the machine skews every figure; the 1-minute load average when the bench started.
    load1: Math.round(loadavg()[0] * 100) / 100,
  };
}
