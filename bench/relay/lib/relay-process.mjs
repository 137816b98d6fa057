// A relay as an operator runs it (`node dist/relay/main.js`), as a child process on 127.0.0.1 and
// a free port: for the benchmark and the relay's process tests, which need real processes (RSS of
// one instance; SIGKILL of one of two; startup output; graceful shutdown).
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const MAIN = fileURLToPath(new URL('../../../dist/relay/main.js', import.meta.url));

/** Test-only secrets, shared by every instance of a run (as instances on one Redis must). */
export const BENCH_SECRET = 'bench-secret-that-is-at-least-32-characters-long';
export const BENCH_INGRESS = 'bench-ingress-token-0123456789';

/** Live children, killed if this process exits without stopping them (no relay left behind). */
const live = new Set();
process.on('exit', () => {
  for (const child of live) child.kill('SIGKILL');
});

/**
 * @typedef {object} RelayProcess
 * @property {string} base `http://127.0.0.1:<port>`
 * @property {string} ingress `<base>/v1/in/<ingress token>`
 * @property {number} pid
 * @property {import('node:child_process').ChildProcess} child
 * @property {string | undefined} store the store it reports at start (`embedded`, `redis`)
 * @property {Promise<{code: number|null, signal: string|null}>} exited
 * @property {() => string} stdout the first 64 KB of its stdout (startup output, e.g. generated secrets)
 * @property {() => string} stderr the last 8 KB of its stderr (its warnings and errors)
 * @property {() => Promise<void>} kill SIGKILL (a crash) and wait
 * @property {() => Promise<void>} stop SIGTERM (graceful) and wait
 */

/**
 * Starts `dist/relay/main.js` with `env` (plus RELAY_PORT 0 and, unless `secrets` is false, the
 * bench secrets) and resolves once it logs "relay listening". Rejects with its stderr when it
 * exits or is not up within `ms`.
 * @param {Record<string, string>} env e.g. { RELAY_DATA_DIR } or { REDIS_URL }
 * @param {{ ms?: number, nodeArgs?: string[], secrets?: boolean }} [options]
 * @returns {Promise<RelayProcess>}
 */
export function startRelayProcess(env, { ms = 15_000, nodeArgs = [], secrets = true } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...nodeArgs, MAIN], {
      env: {
        PATH: process.env.PATH,
        RELAY_HOST: '127.0.0.1',
        RELAY_PORT: '0',
        ...(secrets ? { RELAY_SECRET: BENCH_SECRET, RELAY_INGRESS_TOKEN: BENCH_INGRESS } : {}),
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    live.add(child);
    let stdout = '';
    let stderr = '';
    let up = false;
    const exited = new Promise((r) =>
      child.on('exit', (code, signal) => {
        live.delete(child);
        r({ code, signal });
      }),
    );
    const halt = async (signal) => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    };
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the relay did not start within ${ms} ms: ${stderr.trim()}`));
    }, ms);
    child.stderr.on('data', (d) => (stderr = (stderr + d).slice(-8192)));
    child.stdout.on('data', (d) => {
      // Keep reading so it never blocks, but keep only the start: later info lines are not needed.
      if (stdout.length < 65_536) stdout += d;
      if (up) return;
      const line = stdout.split('\n').find((l) => l.includes('"relay listening"'));
      if (line === undefined) return;
      up = true;
      clearTimeout(timer);
      const { port, store } = JSON.parse(line);
      const base = `http://127.0.0.1:${port}`;
      resolve({
        base,
        ingress: `${base}/v1/in/${env.RELAY_INGRESS_TOKEN ?? BENCH_INGRESS}`,
        pid: child.pid,
        child,
        store,
        exited,
        stdout: () => stdout,
        stderr: () => stderr,
        kill: () => halt('SIGKILL'),
        stop: () => halt('SIGTERM'),
      });
    });
    child.on('exit', () => {
      clearTimeout(timer);
      if (!up) reject(new Error(`the relay exited at start: ${stderr.trim()}`));
    });
  });
}

/** Resident set size of a process in bytes (Linux /proc), or undefined where unreadable. */
export async function rssOf(pid) {
  const { readFile } = await import('node:fs/promises');
  try {
    const status = await readFile(`/proc/${pid}/status`, 'utf8');
    const kb = /VmRSS:\s+(\d+) kB/.exec(status);
    return kb ? Number(kb[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** CPU time (user + system) a process has used so far, in ms (Linux /proc), or undefined. */
export async function cpuMsOf(pid) {
  const { readFile } = await import('node:fs/promises');
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    // Fields after the parenthesised command name; utime and stime are the 14th and 15th fields.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
  } catch {
    return undefined;
  }
}

/** Linux clock ticks per second (USER_HZ), 100 on every common kernel. */
const CLOCK_TICKS = 100;

/**
 * Time a process's main thread (the one running JavaScript) has spent on the CPU and waiting in
 * the kernel's run queue for one, in ms (/proc/<pid>/schedstat). A large wait means the machine's
 * other work kept it from running: the figures then measure the machine, not the relay.
 */
export async function schedOf(pid) {
  const { readFile } = await import('node:fs/promises');
  try {
    const [onCpu, waiting] = (await readFile(`/proc/${pid}/schedstat`, 'utf8')).trim().split(' ').map(Number);
    return { onCpuMs: onCpu / 1e6, waitMs: waiting / 1e6 };
  } catch {
    return undefined;
  }
}
