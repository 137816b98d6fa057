// `npm run relay` (dist/relay/main.js): starts the relay, or with `token --agent <id> [--ttl 8h]`
// prints an agent token. Configuration comes from the environment (relay/README.md).
import { loadConfig, RelayConfigError } from './config.js';
import { jsonLog } from './log.js';
import { ensureSecrets } from './secrets.js';
import { createRelay } from './server.js';
import { createStore } from './store/create-store.js';
import { mintToken, parseTtl } from './tokens.js';

/** How often old events are pruned. */
const PRUNE_EVERY_MS = 60 * 60 * 1000;

async function main(argv: readonly string[]): Promise<void> {
  const config = loadConfig(process.env);
  const secrets = ensureSecrets(config);
  if (argv[0] === 'token') {
    const agent = option(argv, '--agent');
    if (agent === undefined) throw new RelayConfigError(['usage: npm run relay -- token --agent <agentId> [--ttl 8h]']);
    const ttl = parseTtl(option(argv, '--ttl') ?? '8h');
    process.stdout.write(`${mintToken(secrets.config.secret, agent, Date.now() + ttl)}\n`);
    return;
  }
  if (argv.length > 0)
    throw new RelayConfigError([
      `unknown arguments "${argv.join(' ')}"; usage: npm run relay [-- token --agent <agentId> [--ttl 8h]]`,
    ]);

  const log = jsonLog();
  if (secrets.generated.length > 0) {
    // Printed once, on the start that generated them; later starts only say where they are kept.
    process.stdout.write(
      `\n*** ${secrets.generated.join(' and ')} unset: generated for trying the relay out and kept in ${secrets.file} (printed this once).\n` +
        `${secrets.generated.map((name) => `    ${name}=${name === 'RELAY_SECRET' ? secrets.config.secret : secrets.config.ingressToken}`).join('\n')}\n` +
        '*** Set them in the environment for real use (and always when running several instances).\n\n',
    );
  } else if (secrets.reused.length > 0) {
    log.warn('using generated secrets kept in the data folder (set them in the environment for real use)', {
      file: secrets.file,
      names: secrets.reused.join(','),
    });
  }
  const store = await createStore(secrets.config);
  const relay = createRelay({ config: secrets.config, store, log });
  const address = await relay.listen();
  log.info('relay listening', {
    host: address.host,
    port: address.port,
    store: config.redisUrl === undefined ? 'embedded' : 'redis',
    dataDir: config.redisUrl === undefined ? config.dataDir : undefined,
  });

  const retentionMs = config.retentionHours * 3_600_000;
  const prune = (): void => {
    store.prune(Date.now() - retentionMs).catch((error: Error) => log.error('prune failed', { error: error.message }));
  };
  prune();
  const pruner = setInterval(prune, PRUNE_EVERY_MS);
  pruner.unref();

  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    clearInterval(pruner);
    log.info('shutting down', { signal });
    relay.close().then(
      () => {
        log.info('stopped');
        process.exit(0);
      },
      (error: Error) => {
        log.error('shutdown failed', { error: error.message });
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

function option(argv: readonly string[], name: string): string | undefined {
  const at = argv.indexOf(name);
  const value = at === -1 ? undefined : argv[at + 1];
  return value === undefined || value.startsWith('--') ? undefined : value;
}

main(process.argv.slice(2)).catch((error: Error) => {
  process.stderr.write(
    `${error instanceof RelayConfigError || error instanceof TypeError ? error.message : `The relay stopped: ${error.message}`}\n`,
  );
  process.exit(1);
});
