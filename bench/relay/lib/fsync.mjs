// How long one durable write takes on this disk: the floor under every acknowledgement, since the
// relay acknowledges only after fdatasync (embedded) or Redis's fsync (appendfsync always).
import { closeSync, fdatasyncSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { percentile } from './measure.mjs';

/** `count` appends of a 1 KB line, each followed by fdatasync, in the temporary folder: p50/p99 ms. */
export function fsyncLatency(count = 200) {
  const dir = mkdtempSync(join(tmpdir(), 'relay-bench-fsync-'));
  const fd = openSync(join(dir, 'probe.log'), 'a');
  const line = Buffer.alloc(1024, 'x');
  const times = [];
  try {
    for (let i = 0; i < count; i++) {
      const start = performance.now();
      writeSync(fd, line);
      fdatasyncSync(fd);
      times.push(performance.now() - start);
    }
  } finally {
    closeSync(fd);
    rmSync(dir, { recursive: true, force: true });
  }
  times.sort((a, b) => a - b);
  return { count, p50: percentile(times, 50), p99: percentile(times, 99) };
}
