// Makes sure `npm test` has a browser: CHROME_PATH, a system Chromium/Chrome, or (as root on
// Debian/Ubuntu) `apt-get install chromium`. Writes no files: web-test-runner.config.mjs runs
// the same search (scripts/find-chromium.mjs) itself. Never downloads a browser through npm.
import { spawnSync } from 'node:child_process';
import { CANDIDATE_PATHS, findChromium, isExecutable } from './find-chromium.mjs';

const env = process.env;
if (env.CHROME_PATH && !isExecutable(env.CHROME_PATH)) {
  console.warn(`ensure-chromium: CHROME_PATH=${env.CHROME_PATH} is not an executable file; searching elsewhere`);
}

let found = findChromium();

if (!found && process.getuid?.() === 0 && hasAptGet()) {
  console.log('ensure-chromium: no Chromium found; installing it with apt-get (running as root)');
  const aptEnv = { ...env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [['update'], ['install', '-y', 'chromium']]) {
    const r = spawnSync('apt-get', args, { stdio: 'inherit', env: aptEnv });
    if (r.status !== 0) {
      console.error(`ensure-chromium: "apt-get ${args.join(' ')}" failed (${r.error?.message ?? `exit ${r.status}`})`);
      break;
    }
  }
  found = findChromium();
}

if (!found) {
  console.error(
    [
      'ensure-chromium: no Chromium/Chrome found for the browser tests.',
      `  Looked at: ${env.CHROME_PATH ? `CHROME_PATH (${env.CHROME_PATH}), ` : ''}${CANDIDATE_PATHS.join(', ')}`,
      '  Fix one of:',
      '    - Debian/Ubuntu: sudo apt-get update && sudo apt-get install -y chromium',
      '    - or point CHROME_PATH at an installed Chrome/Chromium binary: export CHROME_PATH=/path/to/chrome',
    ].join('\n'),
  );
  process.exit(1);
}

console.log(`ensure-chromium: using ${found.path}${found.source === 'CHROME_PATH' ? ' (from CHROME_PATH)' : ''}`);

function hasAptGet() {
  return spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0;
}
