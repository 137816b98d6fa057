import type { OpenCtiApi, OpenCtiCallback, OpenCtiResponse } from '../../adapters/salesforce/open-cti.types.js';
import { sectionKeys } from '../fixtures/vendor/salesforce/call-center-settings.js';
import {
  failedAnswer,
  INVALID_PARAM_SAMPLE,
  runApexServerError,
  saveLogError,
} from '../fixtures/vendor/salesforce/errors.js';
import { runApexAnswer, saveLogAnswer } from '../fixtures/vendor/salesforce/save-log-and-run-apex.js';
import { FakeSalesforceOrg, TASK_FIELDS } from './fake-salesforce-org.js';

/** How an injected fault behaves: an error reply, no reply at all, or a write that commits but whose reply is lost. */
export type FakeCtiFault =
  | { readonly kind: 'error'; readonly code: string; readonly description?: string }
  | { readonly kind: 'silent' }
  | { readonly kind: 'lost-reply' };

type Args = Record<string, unknown>;

/**
 * The constants' values, as the real script defines them: the guide names only the keys (screenPop()
 * for Lightning Experience, https://developer.salesforce.com/docs/atlas.en-us.api_cti.meta/api_cti/sforce_api_cti_screenpop_lex.htm); the values are the ones public
 * integrations type (dentsusoken/twilio-flex-salesforce-opencti, plugin-salesforce-opencti/src/types/OpenCTI.ts)
 * and the research run of Salesforce's API 57 script recorded (/work/shared/research/salesforce.md §1.3).
 */
const SCREENPOP_TYPE = {
  SOBJECT: 'sobject',
  URL: 'url',
  OBJECTHOME: 'objecthome',
  LIST: 'list',
  SEARCH: 'search',
  NEW_RECORD_MODAL: 'newRecord',
  FLOW: 'flow',
} as const;
const CALL_TYPE = { INBOUND: 'inbound', OUTBOUND: 'outbound', INTERNAL: 'internal' } as const;

/**
 * The client-side argument rules below (one non-empty object; these methods may be called with none;
 * these need a callback; the exact error texts) are the behaviour of Salesforce's own Lightning
 * client script (`/support/api/<v>/lightning/opencti.js`), observed by running the API 43, 55 and 57
 * builds (recorded in /work/shared/research/salesforce.md §1.3). The guide's pages say only
 * "Pass a single args object" and mark the callback optional or not per method.
 */
/** Methods whose argument object may be left out entirely (enableClickToDial, refreshView pages: "callback ... Optional"). */
const OPTIONAL_ARGUMENT = new Set([
  'enableClickToDial',
  'disableClickToDial',
  'refreshView',
  'notifyInitializationComplete',
]);
/** Methods that answer only through a callback, so it is required (getCallCenterSettings page: the only argument). */
const CALLBACK_REQUIRED = new Set([
  'getCallCenterSettings',
  'getAppViewInfo',
  'isSoftphonePanelVisible',
  'getSoftphoneLayout',
]);

/**
 * A fake of `window.sforce.opencti` for Lightning, written from the Open CTI Developer Guide (each
 * method cites its page), Salesforce's demo softphone (developerforce/open-cti-demo-adapter) and
 * the behaviour of the real client script, and as strict as they are:
 * - every method takes exactly one non-empty object (or nothing, for the optional ones) and throws
 *   synchronously otherwise ("Must pass in only one object…"), sending nothing;
 * - required callbacks and listeners are enforced;
 * - callbacks run asynchronously with `{success, returnValue, errors}`, errors as the guide's
 *   "Common Error Messages" page shapes them (test/fixtures/vendor/salesforce/errors.ts);
 * - `saveLog` creates with `entityApiName`, updates with `Id`, and answers `{recordId}`;
 * - `runApex` answers `{runApex}`, and "Could not load Apex class: X" whatever went wrong on the server;
 * - `searchAndScreenPop` answers from the org's softphone layout;
 * - `getCallCenterSettings` answers with the `/label` and `/sortOrder` keys real orgs add;
 * - faults can be injected per method (`runApex.<method>` for one Apex method), including callbacks
 *   that never come: the real script keeps a callback forever when no answer arrives.
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

  /** https://developer.salesforce.com/docs/atlas.en-us.api_cti.meta/api_cti/sforce_api_cti_getcallcentersettings_lex.htm: a flat `/Section/Item` map. */
  getCallCenterSettings(...a: unknown[]): void {
    this.#invoke('getCallCenterSettings', a, () => ok(withLabels(this.org.settings)));
  }

  /** https://developer.salesforce.com/docs/atlas.en-us.api_cti.meta/api_cti/sforce_api_cti_enableclicktodial_lex.htm: callback optional, returnValue null. */
  enableClickToDial(...a: unknown[]): void {
    this.#invoke('enableClickToDial', a, () => {
      this.clickToDialEnabled = true;
      return ok(null);
    });
  }

  /** https://developer.salesforce.com/docs/atlas.en-us.api_cti.meta/api_cti/sforce_api_cti_onclicktodial_lex.htm: a listener, payload as in fixtures/vendor/salesforce/listener-payloads.ts. */
  onClickToDial(...a: unknown[]): void {
    this.#listen('onClickToDial', a);
  }

  /** https://developer.salesforce.com/docs/atlas.en-us.api_cti.meta/api_cti/sforce_api_cti_onnavigationchange_lex.htm: a listener, payload as in listener-payloads.ts. */
  onNavigationChange(...a: unknown[]): void {
    this.#listen('onNavigationChange', a);
  }

  /** https://developer.salesforce.com/docs/atlas.en-us.api_cti.meta/api_cti/sforce_api_cti_setsoftphonepanelvisibility_lex.htm: `visible` (boolean) required. */
  setSoftphonePanelVisibility(...a: unknown[]): void {
    this.#invoke('setSoftphonePanelVisibility', a, (args) => {
      if (typeof args['visible'] !== 'boolean') return failedAnswer(INVALID_PARAM_SAMPLE);
      this.panelVisible = args['visible'];
      return ok(null);
    });
  }

  /**
   * https://developer.salesforce.com/docs/atlas.en-us.api_cti.meta/api_cti/sforce_api_cti_screenpop_lex.htm: `type` and `params` required; SOBJECT needs
   * `recordId`, SEARCH a `searchString` of at least 3 characters, NEW_RECORD_MODAL an `entityName`.
   * The refusal's wording is the guide's INVALID_PARAM sample (the real text names the parameter).
   */
  screenPop(...a: unknown[]): void {
    this.#invoke('screenPop', a, (args) => {
      const type = args['type'];
      const params = args['params'];
      const refused = failedAnswer(INVALID_PARAM_SAMPLE);
      if (!Object.values(SCREENPOP_TYPE).includes(type as never) || typeof params !== 'object' || params === null)
        return refused;
      const p = params as Args;
      if (type === 'sobject' && typeof p['recordId'] !== 'string') return refused;
      if (type === 'search' && (typeof p['searchString'] !== 'string' || p['searchString'].length < 3)) return refused;
      if (type === 'newRecord' && typeof p['entityName'] !== 'string') return refused;
      const { callback: _callback, ...whole } = args;
      this.popped.push({ ...whole, type: type as string, params: p });
      return ok(null);
    });
  }

  searchAndScreenPop(...a: unknown[]): void {
    this.#invoke('searchAndScreenPop', a, (args) => {
      // callType is required (searchAndScreenPop() for Lightning Experience, Arguments:
      // https://developer.salesforce.com/docs/atlas.en-us.api_cti.meta/api_cti/sforce_api_cti_searchandscreenpop_lex.htm).
      if (!Object.values(CALL_TYPE).includes(args['callType'] as never)) return failedAnswer(INVALID_PARAM_SAMPLE);
      const found = this.org.search(typeof args['searchParams'] === 'string' ? args['searchParams'] : '');
      // The answer holds only what the softphone layout shows; the search page popped shows every match.
      const result: Args = structuredClone(this.org.cannedSearchAnswer) ?? this.org.searchAnswer(found);
      const shown = Object.keys(result).map((Id) => ({ Id }));
      if (args['deferred'] === true) {
        // "A JSON {object} is returned in the SCREEN_POP_DATA key": its content is not documented.
        // The fake fills it with what screenPop accepts for the layout's usual choices (unverified).
        const popData =
          shown.length === 1
            ? { type: 'sobject', params: { recordId: shown[0]?.Id } }
            : { type: 'search', params: { searchString: String(args['searchParams']) } };
        result['SCREEN_POP_DATA'] = { ...popData, ...this.screenPopDataExtras };
      } else {
        this.popped.push(
          shown.length === 1 ? { type: 'sobject', params: { recordId: shown[0]?.Id } } : { type: 'search', params: {} },
        );
      }
      return ok(result);
    });
  }

  /**
   * https://developer.salesforce.com/docs/atlas.en-us.api_cti.meta/api_cti/sforce_api_cti_savelog_lex.htm: `value` creates with `entityApiName` or updates with
   * `Id`; the answer holds the record Id (`{recordId}`, fixtures/vendor/salesforce/save-log-and-run-apex.ts).
   * A field Task does not have, an Id that is no Task, or a create-only field on update is refused
   * the way the errors page says saveLog fails: GENERIC_ERROR, the reason in `details`.
   */
  saveLog(...a: unknown[]): void {
    if (a.length === 1 && isObject(a[0]) && !isObject((a[0] as Args)['value']))
      throw new Error('Missing the required argument `value object`!');
    this.#invoke('saveLog', a, (args) => {
      const value = args['value'] as Args;
      const unknown = Object.keys(value).filter((k) => !TASK_FIELDS.has(k));
      if (unknown.length > 0) return failedAnswer(saveLogError(`No such column on Task: ${unknown.join(', ')}`));
      if (typeof value['Id'] === 'string') {
        const task = this.org.tasks.get(value['Id']);
        if (task === undefined) return failedAnswer(saveLogError('invalid cross reference id'));
        // Task.TaskSubtype is createable but not updateable (Object Reference, Task: Create, Filter, Group, Nillable).
        if ('TaskSubtype' in value) return failedAnswer(saveLogError('Unable to create/update fields: TaskSubtype'));
        const { Id: _id, ...fields } = value;
        task.fields = { ...task.fields, ...fields };
        task.updates += 1;
        return ok(saveLogAnswer(task.Id));
      }
      if (value['entityApiName'] !== 'Task') return failedAnswer(saveLogError('entityApiName or Id is required'));
      const { entityApiName: _entity, ...fields } = value;
      return ok(saveLogAnswer(this.org.createTask(fields)));
    });
  }

  /** https://developer.salesforce.com/docs/atlas.en-us.api_cti.meta/api_cti/sforce_api_cti_refreshview_lex.htm: no argument needed, returnValue null. */
  refreshView(...a: unknown[]): void {
    this.#invoke('refreshView', a, () => ok(null));
  }

  /**
   * https://developer.salesforce.com/docs/atlas.en-us.api_cti.meta/api_cti/sforce_api_cti_runapex_lex.htm: `apexClass`, `methodName`, `methodParams` as a query
   * string ("none or an empty object" for a method without parameters); the method must be a
   * `webService static` of a global class (as Salesforce's demo softphone's
   * developerforce/open-cti-demo-adapter, src/classes/SoftphoneContactSearchController.cls).
   */
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
            return at < 0
              ? [decodeURIComponent(pair), '']
              : [decodeURIComponent(pair.slice(0, at)), decodeURIComponent(pair.slice(at + 1))];
          }),
      );
      try {
        // returnValue is `{runApex: <the method's result>}`; Salesforce's demo softphone reads
        // `result.returnValue.runApex` (developerforce/open-cti-demo-adapter, src/aura/phonePanel/phonePanelHelper.js).
        return ok(runApexAnswer(method(params)));
      } catch {
        // The exception's own message never reaches the softphone.
        return failedAnswer(runApexServerError(apexClass));
      }
    });
  }

  /**
   * Lightning Message Service (API 47+), https://developer.salesforce.com/docs/atlas.en-us.api_cti.meta/api_cti/sforce_api_cti_methods_lms.htm:
   * `channelName`, `listener`, `callback`; the listener gets the published message object. The
   * synchronous refusals are the real script's (research §1.3).
   */
  subscribe(...a: unknown[]): void {
    const args = a[0] as Args | undefined;
    // The real script checks the listener before the channel name (audit SF-5, research §1.3).
    if (a.length === 1 && isObject(args) && typeof args?.['listener'] !== 'function')
      throw new Error('Missing the required argument `listener`!');
    if (a.length === 1 && isObject(args) && (typeof args?.['channelName'] !== 'string' || args['channelName'] === ''))
      throw new Error('The argument `channelName` must be a non-empty string!');
    this.#invoke('subscribe', a, (valid) => {
      const channel = valid['channelName'] as string;
      const set = this.org.subscribers.get(channel) ?? new Set();
      set.add(valid['listener'] as (message: unknown) => void);
      this.org.subscribers.set(channel, set);
      return ok({});
    });
  }

  /** Lightning Message Service `publish`: `channelName` and a serialisable `message` (same page). */
  publish(...a: unknown[]): void {
    const args = a[0] as Args | undefined;
    if (a.length === 1 && isObject(args) && (typeof args?.['channelName'] !== 'string' || args['channelName'] === ''))
      throw new Error('The argument `channelName` must be a non-empty string!');
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
    if (CALLBACK_REQUIRED.has(method) && typeof callback !== 'function')
      throw new Error('Missing the required argument `callback`!');
    this.calls.push({ method, args: withoutFunctions(args) });
    const fault =
      (method === 'runApex' ? this.#faults.get(`runApex.${String(args['methodName'])}`)?.shift() : undefined) ??
      this.#faults.get(method)?.shift();
    if (fault?.kind === 'silent') return;
    setTimeout(() => {
      let response: OpenCtiResponse;
      // An injected runApex error reads as Open CTI words every runApex server error.
      if (fault?.kind === 'error')
        response =
          method === 'runApex'
            ? failedAnswer(runApexServerError(String(args['apexClass']), fault.code))
            : failedAnswer([
                { code: fault.code, description: fault.description ?? 'A problem was encountered on the server.' },
              ]);
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
    // The script's test is `typeof args[0] === 'object' && Object.keys(args[0]).length`: an array passes (audit SF-5).
    if (a.length !== 1 || typeof a[0] !== 'object' || a[0] === null || Object.keys(a[0]).length === 0) {
      throw new Error('Must pass in only one object which holds arguments to this API method call.');
    }
    return a[0] as Args;
  }
}

/**
 * The settings as `getCallCenterSettings` words them: every `/Section/Item` value plus the section's
 * and item's `/label` and `/sortOrder`, and the call center's own labels (guide's sample:
 * fixtures/vendor/salesforce/call-center-settings.ts). Item labels are the item names here.
 */
function withLabels(settings: Readonly<Record<string, string>>): Record<string, string> {
  const sections = new Map<string, [string, string, string][]>();
  for (const [path, value] of Object.entries(settings)) {
    const [, section, item] = path.split('/');
    if (section === undefined || item === undefined) continue;
    sections.set(section, [...(sections.get(section) ?? []), [item, item, value]]);
  }
  const answer: Record<string, string> = {
    '/displayNameLabel': 'Display Name',
    '/internalNameLabel': 'Internal Name',
    '/label': 'Softphone Bridge',
  };
  [...sections].forEach(([section, items], order) =>
    Object.assign(answer, sectionKeys(section, section, order, items)),
  );
  return answer;
}

function ok(returnValue: unknown): OpenCtiResponse {
  return { success: true, returnValue, errors: null };
}

function isObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function withoutFunctions(args: Args): Args {
  return Object.fromEntries(Object.entries(args).filter(([, v]) => typeof v !== 'function'));
}
