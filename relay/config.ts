import { isAbsolute, resolve } from 'node:path';

/** The relay's settings, read from the environment by {@link loadConfig}. */
export interface RelayConfig {
  /** `RELAY_HOST` (default `127.0.0.1`). */
  readonly host: string;
  /** `RELAY_PORT` (default 8090; 0 = any free port). */
  readonly port: number;
  /** `RELAY_DATA_DIR` (default `.relay-data`), absolute. */
  readonly dataDir: string;
  /** `REDIS_URL`, when the relay runs on Redis Streams. */
  readonly redisUrl: string | undefined;
  /** `RELAY_SECRET` (≥ 32 characters): signs agent tokens. Undefined until {@link ensureSecrets}. */
  readonly secret: string | undefined;
  /** `RELAY_INGRESS_TOKEN`: the secret path segment vendors post to. Undefined until {@link ensureSecrets}. */
  readonly ingressToken: string | undefined;
  /** `RELAY_ALLOWED_ORIGINS`: exact browser origins that may open agent streams. */
  readonly allowedOrigins: readonly string[];
  /** `RELAY_RETENTION_HOURS` (default 24): how long events stay replayable. */
  readonly retentionHours: number;
  /** `RELAY_LOOKUP_URL`: the CRM endpoint asked for the caller of a pop-up, if any. */
  readonly lookupUrl: string | undefined;
}

/** A configuration whose secrets are set. */
export type ReadyRelayConfig = RelayConfig & { readonly secret: string; readonly ingressToken: string };

/** Thrown when the environment does not make a valid configuration; lists every problem. */
export class RelayConfigError extends Error {
  /** @param problems one sentence per wrong variable (names and rules, never secret values) */
  constructor(readonly problems: readonly string[]) {
    super(`The relay cannot start:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'RelayConfigError';
  }
}

/** Shortest accepted `RELAY_SECRET`. */
export const MIN_SECRET_LENGTH = 32;
/** Shortest accepted `RELAY_INGRESS_TOKEN`: it is the only thing that authenticates a vendor. */
export const MIN_INGRESS_TOKEN_LENGTH = 16;

/**
 * Reads the relay's configuration from `env` (usually `process.env`). Every variable is checked,
 * and all problems are reported together. Unset secrets stay undefined here; see
 * {@link ensureSecrets} for what happens then.
 * @throws RelayConfigError naming each wrong variable
 */
export function loadConfig(
  env: Readonly<Record<string, string | undefined>>,
  cwd: string = process.cwd(),
): RelayConfig {
  const problems: string[] = [];
  const value = (name: string): string | undefined => {
    const v = env[name]?.trim();
    return v === undefined || v === '' ? undefined : v;
  };

  const host = value('RELAY_HOST') ?? '127.0.0.1';
  const portText = value('RELAY_PORT') ?? '8090';
  const port = /^\d{1,5}$/.test(portText) ? Number(portText) : Number.NaN;
  if (!(port >= 0 && port <= 65_535)) problems.push('RELAY_PORT must be a port number between 0 and 65535.');

  const dataDirText = value('RELAY_DATA_DIR') ?? '.relay-data';
  const dataDir = isAbsolute(dataDirText) ? dataDirText : resolve(cwd, dataDirText);

  const redisUrl = value('REDIS_URL');
  if (redisUrl !== undefined && !/^(rediss?|unix):\/\//.test(redisUrl))
    problems.push('REDIS_URL must start with redis://, rediss:// or unix://.');

  const secret = value('RELAY_SECRET');
  if (secret !== undefined && secret.length < MIN_SECRET_LENGTH)
    problems.push(`RELAY_SECRET must be at least ${MIN_SECRET_LENGTH} characters (it signs agent tokens).`);

  const ingressToken = value('RELAY_INGRESS_TOKEN');
  if (ingressToken !== undefined && !/^[A-Za-z0-9_-]+$/.test(ingressToken))
    problems.push('RELAY_INGRESS_TOKEN may only hold letters, digits, "-" and "_" (it is a URL path segment).');
  else if (ingressToken !== undefined && ingressToken.length < MIN_INGRESS_TOKEN_LENGTH)
    problems.push(
      `RELAY_INGRESS_TOKEN must be at least ${MIN_INGRESS_TOKEN_LENGTH} characters (it is the only proof a request comes from the vendor).`,
    );

  const allowedOrigins: string[] = [];
  for (const entry of (value('RELAY_ALLOWED_ORIGINS') ?? '')
    .split(',')
    .map((o) => o.trim())
    .filter((o) => o !== '')) {
    if (entry === '*') {
      problems.push('RELAY_ALLOWED_ORIGINS must list exact origins; "*" is not accepted.');
      continue;
    }
    let origin: string | undefined;
    try {
      const url = new URL(entry);
      origin = (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === entry ? url.origin : undefined;
    } catch {
      origin = undefined;
    }
    if (origin === undefined)
      problems.push(
        `RELAY_ALLOWED_ORIGINS: "${entry}" is not an exact origin (scheme://host[:port], no path, no trailing slash).`,
      );
    else allowedOrigins.push(origin);
  }

  const retentionText = value('RELAY_RETENTION_HOURS') ?? '24';
  const retentionHours = /^\d+(\.\d+)?$/.test(retentionText) ? Number(retentionText) : Number.NaN;
  if (!(retentionHours > 0 && retentionHours <= 24 * 366))
    problems.push('RELAY_RETENTION_HOURS must be a number of hours above 0 and at most 8784 (a year).');

  const lookupUrl = value('RELAY_LOOKUP_URL');
  if (lookupUrl !== undefined && !/^https?:\/\/[^\s]+$/.test(lookupUrl))
    problems.push('RELAY_LOOKUP_URL must be an http(s) URL.');

  if (problems.length > 0) throw new RelayConfigError(problems);
  return { host, port, dataDir, redisUrl, secret, ingressToken, allowedOrigins, retentionHours, lookupUrl };
}
