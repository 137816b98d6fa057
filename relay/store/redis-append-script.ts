import { createHash } from 'node:crypto';

/**
 * The append, as one Lua script so that "accepted" and "stored" cannot diverge: the dedupe check,
 * the XADD and the dedupe record happen atomically (Redis runs a script without interleaving), and
 * with `appendfsync always` Redis answers only after the whole script is in its append-only file.
 *
 * The entry id is `<receivedAt>-0`, or the next id after the stream's last one when another
 * instance's clock (or an earlier append in the same millisecond) is ahead: ids still increase per
 * agent, and they carry the relay's receive time, so that retention by XTRIM MINID drops by
 * `receivedAt` as the EventStore contract says. The last id comes from XINFO STREAM, which remembers
 * it even after retention trimmed every entry (XADD refuses an id at or below it).
 *
 * KEYS: 1 dedupe hash, 2 dedupe-by-time sorted set, 3 streams set, 4 the event's stream.
 * ARGV: 1 dedupe key, 2 receivedAt (integer ms, as digits), 3.. the entry's field/value list.
 * Returns `{0, id}` when stored, `{1, "<id> <stream key>"}` when the dedupe key was already there.
 */
export const APPEND_SCRIPT = `
local seen = redis.call('HGET', KEYS[1], ARGV[1])
if seen then
  return {1, seen}
end
local fields = {}
for i = 3, #ARGV do
  fields[#fields + 1] = ARGV[i]
end
local id = ARGV[2] .. '-0'
if redis.call('EXISTS', KEYS[4]) == 1 then
  local info = redis.call('XINFO', 'STREAM', KEYS[4])
  local last
  for i = 1, #info, 2 do
    if info[i] == 'last-generated-id' then last = info[i + 1] end
  end
  local dash = string.find(last, '-', 1, true)
  local lastMs = string.sub(last, 1, dash - 1)
  -- compare as numbers: epoch ms fit exactly in Lua's doubles
  if tonumber(ARGV[2]) <= tonumber(lastMs) then
    id = lastMs .. '-' .. string.format('%d', tonumber(string.sub(last, dash + 1)) + 1)
  end
end
redis.call('XADD', KEYS[4], id, unpack(fields))
redis.call('HSET', KEYS[1], ARGV[1], id .. ' ' .. KEYS[4])
redis.call('ZADD', KEYS[2], ARGV[2], ARGV[1])
redis.call('SADD', KEYS[3], KEYS[4])
return {0, id}
`;

/**
 * Retention for the dedupe records, one batch per call (a script must stay short: Redis serves
 * nobody else while it runs). KEYS: 1 dedupe hash, 2 dedupe-by-time. ARGV: 1 cutoff (exclusive),
 * 2 batch size. Returns how many were dropped.
 */
export const PRUNE_DEDUPE_SCRIPT = `
local old = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', '(' .. ARGV[1], 'LIMIT', 0, tonumber(ARGV[2]))
if #old > 0 then
  redis.call('HDEL', KEYS[1], unpack(old))
  redis.call('ZREM', KEYS[2], unpack(old))
end
return #old
`;

/** SHA1 of a script, the name EVALSHA calls it by. */
export function scriptSha(script: string): string {
  return createHash('sha1').update(script).digest('hex');
}

/** What runs a raw Redis command (the store's client). */
export type SendCommand = (args: string[]) => Promise<unknown>;

/**
 * Runs `script` by EVALSHA, falling back to EVAL (which also caches it) when Redis answers NOSCRIPT:
 * after a restart, a failover or SCRIPT FLUSH the cache is empty.
 */
export async function evalScript(
  send: SendCommand,
  script: string,
  sha: string,
  keys: readonly string[],
  args: readonly string[],
): Promise<unknown> {
  const tail = [String(keys.length), ...keys, ...args];
  try {
    return await send(['EVALSHA', sha, ...tail]);
  } catch (err) {
    if (!(err instanceof Error) || !err.message.startsWith('NOSCRIPT')) throw err;
    return send(['EVAL', script, ...tail]);
  }
}
