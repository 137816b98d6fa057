import type { SoftphoneCallback } from '../contract/callback-events.js';
import { kindOf } from '../contract/describe-issues.js';
import { FORBIDDEN_KEYS } from '../contract/json-safe.js';
import { BridgeError, callbackInvalid } from '../errors/index.js';

const IDENTIFIER_PATH = /^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)*$/;

/**
 * The softphone's callback from what it gave `load`: a function, or the name of a global
 * function (the seed types `callback` as String), possibly dotted (`softphone.onBridgeEvent`).
 * Names are looked up as property paths on `scope`, never evaluated.
 */
export function resolveCallback(callback: unknown, scope: object): SoftphoneCallback | BridgeError {
  if (typeof callback === 'function') return callback as SoftphoneCallback;
  const name = typeof callback === 'string' ? callback.trim() : '';
  if (name === '') {
    return callbackInvalid(`expected a function or a global function's name, got ${kindOf(callback)}`);
  }
  let owner: unknown = undefined;
  let value: unknown = scope;
  for (const part of name.split('.')) {
    if (FORBIDDEN_KEYS.has(part) || (typeof value !== 'object' && typeof value !== 'function')) {
      value = undefined;
      break;
    }
    owner = value;
    value = (value as Record<string, unknown> | null)?.[part];
  }
  if (typeof value !== 'function') {
    // Only an identifier path is quoted back: anything else might be data pasted by mistake.
    const named = IDENTIFIER_PATH.test(name) && name.length <= 100 ? ` named "${name}"` : '';
    return callbackInvalid(`no global function${named}`);
  }
  const fn = value as (...args: unknown[]) => unknown;
  // Called as a method of its owner, as `softphone.onBridgeEvent(...)` would be.
  return ((eventType: string, payload: unknown) => fn.call(owner, eventType, payload)) as SoftphoneCallback;
}
