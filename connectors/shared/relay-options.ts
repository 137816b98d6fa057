import { isRecord } from '../../src/contract/index.js';
import type { OptionChecker } from './options.js';
import type { RelayOptions } from './relay-stream.js';

/** The relay's own rule for agent ids (relay/tokens.ts). */
const AGENT_ID = /^[A-Za-z0-9._@+-]{1,128}$/;
/** Plain http is for a relay on this machine only, as the webhook adapter allows it. */
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * The `relay` option of a connector (`{ url, agentId, token }`), checked: an https URL (http on
 * 127.0.0.1, localhost or [::1]), an agent id the relay serves, a token or a function that gets
 * one. `undefined` when absent; problems go to `check` naming `relay.*`, never the values.
 */
export function checkRelayOption(check: OptionChecker): RelayOptions | undefined {
  const relay = check.value('relay');
  if (relay === undefined) return undefined;
  if (!isRecord(relay)) {
    check.problem('relay', 'must be { url, agentId, token }');
    return undefined;
  }
  const { url, agentId, token } = relay;
  let parsed: URL | undefined;
  try {
    parsed = typeof url === 'string' ? new URL(url) : undefined;
  } catch {
    parsed = undefined;
  }
  if (
    parsed === undefined ||
    !(parsed.protocol === 'https:' || (parsed.protocol === 'http:' && LOOPBACK.has(parsed.hostname)))
  ) {
    check.problem('relay', 'url must be an https URL (http only on 127.0.0.1, localhost or [::1])');
  }
  if (typeof agentId !== 'string' || !AGENT_ID.test(agentId))
    check.problem('relay', 'agentId must be 1–128 letters, digits or . _ @ + -');
  if (!((typeof token === 'string' && token !== '') || typeof token === 'function'))
    check.problem('relay', 'token must be the agent token, or a function that resolves to one');
  return parsed === undefined ? undefined : ({ url: parsed.href, agentId, token } as RelayOptions);
}
