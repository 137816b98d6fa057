import type { OpenCtiApi, OpenCtiCallback, OpenCtiResponse } from '../../adapters/salesforce/open-cti.types.js';
import { failedAnswer, runApexServerError } from '../fixtures/vendor/salesforce/errors.js';
import { FakeSalesforceOrg, TASK_FIELDS } from './fake-salesforce-org.js';

/** How an injected fault behaves: an error reply, no reply at all, or a write that commits but whose reply is lost. */
export type FakeCtiFault = { readonly kind: 'error'; readonly code: string; readonly description?: string } | { readonly kind: 'silent' } | { readonly kind: 'lost-reply' };

type Args = Record<string, unknown>;

const SCREENPOP_TYPE = { SOBJECT: 'sobject', URL: 'url', OBJECTHOME: 'objecthome', LIST: 'list', SEARCH: 'search', NEW_RECORD_MODAL: 'newRecord', FLOW: 'flow' } as const;
const CALL_TYPE = { INBOUND: 'inbound', OUTBOUND: 'outbound', INTERNAL: 'internal' } as const;

/** Methods whose argument object may be left out entirely. */
const OPTIONAL_ARGUMENT = new Set(['enableClickToDial', 'disableClickToDial', 'refreshView', 'notifyInitializationComplete']);
/** Methods that answer only through a callback, so it is required. */
const CALLBACK_REQUIRED = new Set(['getCallCenterSettings', 'getAppViewInfo', 'isSoftphonePanelVisible', 'getSoftphoneLayout']);

/**
 * A fake of `window.sforce.opencti` for Lightning, written from the Open CTI Developer Guide and
 * the wire behaviour of the real script, and as strict as it:
 * - every method takes exactly one non-empty object (or nothing, for the optional ones) and throws
 *   synchronously otherwise ("Must pass in only one object…"), sending nothing;
 * - required callbacks and listeners are enforced;
 * - callbacks run asynchronously with `{success, returnValue, errors}`;
 * - `saveLog` creates with `entityApiName`, updates with `Id`, and rejects unknown fields;
 * - `runApex` fails with "Could not load Apex class: X" whatever went wrong on the server;
 * - faults can be injected per method.
 */
export class FakeOpenCti implements OpenCtiApi {
  readonly SCREENPOP_TYPE = SCREENPOP_TYPE;
  readonly CALL_TYPE = CALL_TYPE;
  /** Every accepted call, in order: method name and the argument object without functions. */
  readonly calls: { method: string; args: Args }[] = [];
  /** Every accepted screen pop: its whole argument object but the callback (extra keys included). */
  readonly popped: ({ type: string; params: Args } & Args)[] = [];
  /**
   * Extra keys of the `SCREEN_POP_DATA` a deferred search answers. The guide documents that object
   * only as opaque ("an object. Do not modify it."), so tests can make it carry keys no adapter knows.
   */
  screenPopDataExtras: Args = {};
  panelVisible = false;
  clickToDialEnabled = false;
  readonly published: { channelName: string; message: unknown }[] = [];
  #listeners = new Map<string, ((payload: unknown) => void)[]>();
  #faults = new Map<string, FakeCtiFault[]>();

  constructor(
    readonly org: FakeSalesforceOrg = new FakeSalesforceOrg(),
    private readonly latencyMs = 0,
  ) {}

  /**
   * Makes the next call of `method` fail the given way (`count` times). `runApex.<methodName>`
   * targets one Apex method only (a fault for `runApex` hits whichever runs next).
   */
  inject(method: string, fault: FakeCtiFault, count = 1): void {
    const list = this.#faults.get(method) ?? [];
    for (let i = 0; i < count; i += 1) list.push(fault);
    this.#faults.set(method, list);
  }

  /** The agent clicks a phone number rendered by `lightning-click-to-dial`. */
  clickToDial(payload: Args): void {
    if (!this.clickToDialEnabled) return;
    for (const listener of this.#listeners.get('onClickToDial') ?? []) listener(payload);
  }

  /** The agent navigates to a record (or a tab regains focus). */
  navigate(payload: Args): void {
    for (const listener of this.#listeners.get('onNavigationChange') ?? []) listener(payload);
  }

  getCallCenterSettings(...a: unknown[]): void {
    this.#invoke('getCallCenterSettings', a, () => ok({ ...this.org.settings }));
  }

  enableClickToDial(...a: unknown[]): void {
    this.#invoke('enableClickToDial', a, () => {
      this.clickToDialEnabled = true;
      return ok(null);
    });
  }

  onClickToDial(...a: unknown[]): void {
    this.#listen('onClickToDial', a);
  }

  onNavigationChange(...a: unknown[]): void {
    this.#listen('onNavigationChange', a);
  }

  setSoftphonePanelVisibility(...a: unknown[]): void {
    this.#invoke('setSoftphonePanelVisibility', a, (args) => {
      if (typeof args['visible'] !== 'boolean') return fail('INVALID_PARAM', 'visible must be a boolean');
      this.panelVisible = args['visible'];
      return ok(null);
    });
  }

  screenPop(...a: unknown[]): void {
    this.#invoke('screenPop', a, (args) => {
      const type = args['type'];
      const params = args['params'];
      if (!Object.values(SCREENPOP_TYPE).includes(type as never) || typeof params !== 'object' || params === null) return fail('INVALID_PARAM', 'type and params are required');
      const p = params as Args;
      if (type === 'sobject' && typeof p['recordId'] !== 'string') return fail('INVALID_PARAM', 'recordId is required');
      if (type === 'search' && (typeof p['searchString'] !== 'string' || p['searchString'].length < 3)) return fail('INVALID_PARAM', 'searchString needs 3 characters');
      if (type === 'newRecord' && typeof p['entityName'] !== 'string') return fail('INVALID_PARAM', 'entityName is required');
      const { callback: _callback, ...whole } = args;
      this.popped.push({ ...whole, type: type as string, params: p });
      return ok(null);
    });
  }

  searchAndScreenPop(...a: unknown[]): void {
    this.#invoke('searchAndScreenPop', a, (args) => {
      // callType is required (searchAndScreenPop() for Lightning Experience, Arguments:
      // https://developer.salesforce.com/docs/atlas.en-us.api_cti.meta/api_cti/sforce_api_cti_searchandscreenpop_lex.htm).
      if (!Object.values(CALL_TYPE).includes(args['callType'] as never)) return fail('INVALID_PARAM', 'callType is required');
      const found = this.org.search(typeof args['searchParams'] === 'string' ? args['searchParams'] : '');
      // The answer holds only what the softphone layout shows; the search page popped shows every match.
      const result: Args = structuredClone(this.org.cannedSearchAnswer) ?? this.org.searchAnswer(found);
      const shown = Object.keys(result).map((Id) => ({ Id }));
      if (args['deferred'] === true) {
        // "A JSON {object} is returned in the SCREEN_POP_DATA key": its content is not documented.
        // The fake fills it with what screenPop accepts for the layout's usual choices (unverified).
        const popData = shown.length === 1 ? { type: 'sobject', params: { recordId: shown[0]?.Id } } : { type: 'search', params: { searchString: String(args['searchParams']) } };
        result['SCREEN_POP_DATA'] = { ...popData, ...this.screenPopDataExtras };
      } else {
        this.popped.push(shown.length === 1 ? { type: 'sobject', params: { recordId: shown[0]?.Id } } : { type: 'search', params: {} });
      }
      return ok(result);
    });
  }

  saveLog(...a: unknown[]): void {
    if (a.length === 1 && isObject(a[0]) && !isObject((a[0] as Args)['value'])) throw new Error('Missing the required argument `value object`!');
    this.#invoke('saveLog', a, (args) => {
      const value = args['value'] as Args;
      const unknown = Object.keys(value).filter((k) => !TASK_FIELDS.has(k));
      if (unknown.length > 0) return fail('INVALID_FIELD', `No such column on Task: ${unknown.join(', ')}`);
      if (typeof value['Id'] === 'string') {
        const task = this.org.tasks.get(value['Id']);
        if (task === undefined) return fail('INVALID_PARAM', 'No record with this Id');
        // Task.TaskSubtype is createable but not updateable (Object Reference: Create, Filter, Group, Nillable).
        if ('TaskSubtype' in value) return fail('INVALID_FIELD_FOR_INSERT_UPDATE', 'Unable to create/update fields: TaskSubtype');
        const { Id: _id, ...fields } = value;
        task.fields = { ...task.fields, ...fields };
        task.updates += 1;
        return ok(saveLogResult(task.Id));
      }
      if (value['entityApiName'] !== 'Task') return fail('INVALID_PARAM', 'entityApiName or Id is required');
      const { entityApiName: _entity, ...fields } = value;
      return ok(saveLogResult(this.org.createTask(fields)));
    });
  }

  refreshView(...a: unknown[]): void {
    this.#invoke('refreshView', a, () => ok(null));
  }

  runApex(...a: unknown[]): void {
    this.#invoke('runApex', a, (args) => {
      const apexClass = String(args['apexClass']);
      const method = this.org.apex.get(apexClass)?.get(String(args['methodName']));
      // Open CTI describes every runApex server error alike, whether the class is missing or its
      // method threw ("Common Error Messages for Lightning Experience Methods",
      // https://developer.salesforce.com/docs/atlas.en-us.api_cti.meta/api_cti/sforce_api_cti_error_messages_lightning.htm).
      if (method === undefined) return failedAnswer(runApexServerError(apexClass));
      // Decoded strictly as percent-encoding: a "+" stays a "+", so an adapter must encode spaces as %20.
      const params = Object.fromEntries(
        String(args['methodParams'] ?? '')
          .split('&')
          .filter((pair) => pair !== '')
          .map((pair) => {
            const at = pair.indexOf('=');
            return at < 0 ? [decodeURIComponent(pair), ''] : [decodeURIComponent(pair.slice(0, at)), decodeURIComponent(pair.slice(at + 1))];
          }),
      );
      try {
        // returnValue is `{runApex: <the method's result>}`: public callers read `response.returnValue.runApex`
        // (runApex() for Lightning Experience, https://developer.salesforce.com/docs/atlas.en-us.api_cti.meta/api_cti/sforce_api_cti_runapex_lex.htm).
        return ok({ runApex: method(params) });
      } catch {
        // The exception's own message never reaches the softphone.
        return failedAnswer(runApexServerError(apexClass));
      }
    });
  }

  subscribe(...a: unknown[]): void {
    const args = a[0] as Args | undefined;
    if (a.length === 1 && isObject(args) && (typeof args?.['channelName'] !== 'string' || args['channelName'] === '')) throw new Error('The argument `channelName` must be a non-empty string!');
    if (a.length === 1 && isObject(args) && typeof args?.['listener'] !== 'function') throw new Error('Missing the required argument `listener`!');
    this.#invoke('subscribe', a, (valid) => {
      const channel = valid['channelName'] as string;
      const set = this.org.subscribers.get(channel) ?? new Set();
      set.add(valid['listener'] as (message: unknown) => void);
      this.org.subscribers.set(channel, set);
      return ok({});
    });
  }

  publish(...a: unknown[]): void {
    const args = a[0] as Args | undefined;
    if (a.length === 1 && isObject(args) && (typeof args?.['channelName'] !== 'string' || args['channelName'] === '')) throw new Error('The argument `channelName` must be a non-empty string!');
    this.#invoke('publish', a, (valid) => {
      this.published.push({ channelName: valid['channelName'] as string, message: valid['message'] });
      this.org.publish(valid['channelName'] as string, valid['message']);
      return ok(null);
    });
  }

  /** Argument rules, then an async callback with the method's answer (or an injected fault). */
  #invoke(method: string, a: unknown[], answer: (args: Args) => OpenCtiResponse): void {
    const args = this.#checkArguments(method, a);
    const callback = args['callback'] as OpenCtiCallback | undefined;
    if (CALLBACK_REQUIRED.has(method) && typeof callback !== 'function') throw new Error('Missing the required argument `callback`!');
    this.calls.push({ method, args: withoutFunctions(args) });
    const fault = (method === 'runApex' ? this.#faults.get(`runApex.${String(args['methodName'])}`)?.shift() : undefined) ?? this.#faults.get(method)?.shift();
    if (fault?.kind === 'silent') return;
    setTimeout(() => {
      let response: OpenCtiResponse;
      // An injected runApex error reads as Open CTI words every runApex server error.
      if (fault?.kind === 'error') response = method === 'runApex' ? failedAnswer(runApexServerError(String(args['apexClass']), fault.code)) : fail(fault.code, fault.description ?? 'injected');
      else {
        response = answer(args);
        if (fault?.kind === 'lost-reply') return;
      }
      callback?.(response);
    }, this.latencyMs);
  }

  #listen(method: string, a: unknown[]): void {
    const args = this.#checkArguments(method, a);
    if (typeof args['listener'] !== 'function') throw new Error('Missing the required argument `listener`!');
    this.calls.push({ method, args: {} });
    const list = this.#listeners.get(method) ?? [];
    list.push(args['listener'] as (payload: unknown) => void);
    this.#listeners.set(method, list);
  }

  #checkArguments(method: string, a: unknown[]): Args {
    if (a.length === 0 && OPTIONAL_ARGUMENT.has(method)) return {};
    if (a.length !== 1 || !isObject(a[0]) || Object.keys(a[0] as object).length === 0) {
      throw new Error('Must pass in only one object which holds arguments to this API method call.');
    }
    return a[0] as Args;
  }
}

/**
 * `saveLog`'s `returnValue` on create and on update: an object holding the record's Id, never the
 * bare Id. The Open CTI Developer Guide (Lightning) types `returnValue` as an object
 * (https://developer.salesforce.com/docs/atlas.en-us.api_cti.meta/api_cti/sforce_api_cti_savelog_lex.htm),
 * and public integrations read `response.returnValue.recordId`: Amazon Connect's Salesforce CTI
 * adapter (`response.result || response.returnValue.recordId`) and Twilio Flex plugins.
 */
function saveLogResult(recordId: string): { recordId: string } {
  return { recordId };
}

function ok(returnValue: unknown): OpenCtiResponse {
  return { success: true, returnValue, errors: null };
}

function fail(code: string, description: string): OpenCtiResponse {
  return { success: false, returnValue: null, errors: [{ code, description }] };
}

function isObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function withoutFunctions(args: Args): Args {
  return Object.fromEntries(Object.entries(args).filter(([, v]) => typeof v !== 'function'));
}
