import { isRecord } from '../../src/contract/index.js';

/**
 * What a `Microsoft.CIFramework` rejection says. CIF rejects with a JSON string, not an Error:
 * the host keeps only the Xrm failure's message and wraps it as
 * `{errorMsg, sourceFunc, errorType, reportTime}` (createRecord / updateRecord add a `value`
 * wrapper), and arguments the widget library refuses itself come back as `{message}`. No HTTP
 * status survives; an `errorCode` (Dataverse's, such as 2147746611, never an HTTP status) only
 * when a build passes the Xrm error through.
 */
export interface CifFailure {
  /** Dynamics' text. It can quote record ids or values: never put it in a message or details. */
  readonly errorMsg?: string;
  /** Dataverse error code as Xrm.WebApi reports it (positive decimal), when present. */
  readonly errorCode?: number;
  /** CIF's error type: 0 invalid parameters, 1 timeout, 2 Xrm API error, 3 generic. */
  readonly errorType?: number;
  /** The host function that failed (`client.createRecord - Xrm.WebApi.createRecord`…). */
  readonly sourceFunc?: string;
  /** An HTTP status, only from a build or wrapper that passes one through. */
  readonly status?: number;
}

/** Reads a rejection: the JSON string CIF rejects with, or an object/Error some builds use. */
export function parseCifFailure(cause: unknown): CifFailure {
  let value: unknown = cause;
  if (typeof cause === 'string') {
    try {
      value = JSON.parse(cause) as unknown;
    } catch {
      return { errorMsg: cause };
    }
  }
  if (isRecord(value) && isRecord(value['value'])) value = value['value'];
  if (!isRecord(value)) return {};
  const text = value['errorMsg'] ?? value['message'];
  const number = (name: string) => (typeof value[name] === 'number' ? { [name]: value[name] as number } : {});
  const status = ['status', 'httpStatusCode']
    .map((name) => value[name])
    .find((v) => typeof v === 'number' && v >= 100 && v < 600) as number | undefined;
  return {
    ...(typeof text === 'string' ? { errorMsg: text } : {}),
    ...number('errorCode'),
    ...number('errorType'),
    ...(typeof value['sourceFunc'] === 'string' ? { sourceFunc: value['sourceFunc'] } : {}),
    ...(status === undefined ? {} : { status }),
  };
}

/**
 * Refusals no retry can fix, by Dataverse's documented texts: an undeclared navigation property,
 * an attribute or column the entity does not have ("Invalid property", "Could not find a
 * property"), a validation error (too long…), a record that does not exist, an invalid argument,
 * or a parameter the CIF library itself refuses ("… parameter is blank").
 */
const REFUSALS: readonly [RegExp, string][] = [
  [/undeclared property '(\w+)'/i, 'undeclared-property'],
  [
    /invalid property '(\w+)'|could not find a property named '(\w+)'|property '(\w+)' does not exist/i,
    'unknown-property',
  ],
  [/length of the '(\w+)' attribute/i, 'too-long'],
  [/validation error/i, 'validation'],
  [/does not exist/i, 'not-found'],
  [/invalid argument|parameter is blank/i, 'invalid-argument'],
];

/** The kind of a final refusal and the schema name it is about, or undefined when a retry may succeed. */
export function finalRefusal(failure: CifFailure): { kind: string; name?: string } | undefined {
  const { errorMsg = '', errorType, status } = failure;
  for (const [pattern, kind] of REFUSALS) {
    const match = pattern.exec(errorMsg);
    const name = match?.slice(1).find((group) => group !== undefined);
    if (match !== null) return { kind, ...(name === undefined ? {} : { name }) };
  }
  if (errorType === 0) return { kind: 'invalid-argument' };
  // A 4xx other than 408/429, from a build that passes the status through.
  if (status !== undefined && status >= 400 && status < 500 && status !== 408 && status !== 429)
    return { kind: `http-${status}` };
  return undefined;
}
