import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { RelayConfigError, type ReadyRelayConfig, type RelayConfig } from './config.js';

/** Where generated secrets are kept, inside the data folder. */
export const SECRETS_FILE = 'generated-secrets.json';

/** What {@link ensureSecrets} did. */
export interface SecretsOutcome {
  readonly config: ReadyRelayConfig;
  /** The variables whose values were generated just now (to print once). */
  readonly generated: readonly ('RELAY_SECRET' | 'RELAY_INGRESS_TOKEN')[];
  /** The variables taken from {@link SECRETS_FILE}, generated on an earlier start. */
  readonly reused: readonly ('RELAY_SECRET' | 'RELAY_INGRESS_TOKEN')[];
  /** The file they are kept in. */
  readonly file: string;
}

/**
 * Fills unset secrets, for trying the relay out: `RELAY_SECRET` and `RELAY_INGRESS_TOKEN` are
 * generated once (32 random bytes, base64url), kept in `<RELAY_DATA_DIR>/generated-secrets.json`
 * (mode 0600) and reused on later starts. With `REDIS_URL` set this refuses instead: several
 * instances must share one secret, and each would generate its own.
 * @throws RelayConfigError when a secret is unset and `REDIS_URL` is set
 */
export function ensureSecrets(config: RelayConfig): SecretsOutcome {
  const file = join(config.dataDir, SECRETS_FILE);
  const missing = (['RELAY_SECRET', 'RELAY_INGRESS_TOKEN'] as const).filter(
    (name) => (name === 'RELAY_SECRET' ? config.secret : config.ingressToken) === undefined,
  );
  if (missing.length === 0) return { config: config as ReadyRelayConfig, generated: [], reused: [], file };
  if (config.redisUrl !== undefined) {
    throw new RelayConfigError(
      missing.map(
        (name) =>
          `${name} must be set when REDIS_URL is set: every instance must share it (generated secrets are for a single embedded instance only).`,
      ),
    );
  }
  const kept = readKept(file);
  const generated: ('RELAY_SECRET' | 'RELAY_INGRESS_TOKEN')[] = [];
  const reused: ('RELAY_SECRET' | 'RELAY_INGRESS_TOKEN')[] = [];
  const pick = (name: 'RELAY_SECRET' | 'RELAY_INGRESS_TOKEN'): string => {
    const old = kept[name];
    if (typeof old === 'string' && old.length >= 32) {
      reused.push(name);
      return old;
    }
    generated.push(name);
    return randomBytes(32).toString('base64url');
  };
  const secret = config.secret ?? pick('RELAY_SECRET');
  const ingressToken = config.ingressToken ?? pick('RELAY_INGRESS_TOKEN');
  if (generated.length > 0) {
    mkdirSync(config.dataDir, { recursive: true });
    const next = {
      ...kept,
      ...(config.secret === undefined ? { RELAY_SECRET: secret } : {}),
      ...(config.ingressToken === undefined ? { RELAY_INGRESS_TOKEN: ingressToken } : {}),
    };
    writeFileSync(file, `${JSON.stringify(next, null, 2)}\n`, { mode: 0o600 });
  }
  return { config: { ...config, secret, ingressToken }, generated, reused, file };
}

function readKept(file: string): Record<string, unknown> {
  if (!existsSync(file)) return {};
  try {
    const value = JSON.parse(readFileSync(file, 'utf8')) as unknown;
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : {};
  } catch {
    return {};
  }
}
