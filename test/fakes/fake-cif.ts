import type { CifApi } from '../../adapters/dynamics/cif.types.js';
import { cifArgumentRejection, cifXrmRejection } from '../fixtures/vendor/dynamics/cif-rejections.js';
import { doesNotExistMessage } from '../fixtures/vendor/dynamics/dataverse-errors.js';
import { ENVIRONMENT_CAPTURED_ON_CONTACT } from '../fixtures/vendor/dynamics/get-environment.js';
import { FakeCifOrg, FakeDataverseError, idField, type Row } from './fake-cif-org.js';

/**
 * How an injected fault behaves: Dataverse refusing with `message` (rejected the way CIF rejects
 * it), no answer at all, or a write that commits but whose answer never comes back.
 */
export type FakeCifFault =
  { readonly kind: 'error'; readonly message: string } | { readonly kind: 'silent' } | { readonly kind: 'lost-reply' };

/** An argument the CIF widget library refuses itself, before anything reaches Dynamics. */
class FakeCifArgumentError extends Error {}

type Handler = (eventData: unknown) => Promise<unknown>;

/** What the fake showed the agent. */
export type FakeCifView =
  | { readonly kind: 'record'; readonly entity: string; readonly id: string }
  | { readonly kind: 'search'; readonly entity: string; readonly search: string }
  | {
      readonly kind: 'form';
      readonly entity: string;
      readonly quickCreate: boolean;
      readonly parameters: Record<string, unknown>;
    };

/**
 * Entities whose multi-result search page CIF opens: "records for Account, Contact, and Activity
 * entities only are opened" (searchAndOpenRecords reference, `searchOnly`).
 */
const SEARCH_PAGE_ENTITIES = new Set(['contact', 'account', 'phonecall']);

/** Panel modes setMode takes: 0 minimise and 1 dock in CIF 1.0 (its library also passes 2 through); 2 hide and 3 collapse in 2.0 (setMode reference). */
const PANEL_MODES = { 1: [0, 1, 2], 2: [0, 1, 2, 3] } as const;

/**
 * A fake of `Microsoft.CIFramework`, written from the vendor. Sources, cited again at each rule:
 * - the CIF 1.0 / 2.0 JavaScript API reference (https://learn.microsoft.com/dynamics365/channel-integration-framework/…,
 *   MicrosoftDocs/dynamics-365-customer-engagement, ce/channel-integration-framework/);
 * - Microsoft's CIF client library source (TypeScript, widget side `namespace Microsoft.CIFramework`,
 *   host side `Microsoft.CIFramework.Internal`: a public copy whose repository could not be
 *   named with the search tools, so it is cited by namespace and function);
 * - payloads captured by a shipped integration (brekekesoftware/pbx-dynamics, src/index.ts).
 *
 * Rules:
 * - calls made before the library initialised fail; `CIFInitDone` is raised on the window in a
 *   `setTimeout(0)` once it has ({@link init});
 * - record data goes in as JSON strings (the library `JSON.parse`s it synchronously, so anything
 *   else throws a SyntaxError at the call) and answers are JSON strings;
 * - failures reject with the JSON string CIF builds (test/fixtures/vendor/dynamics/cif-rejections.ts);
 * - `searchAndOpenRecords` reads OData `$select`/`$filter` from a URL query (a bare `+` is a
 *   space) and, with `searchOnly: false`, opens one match or a search page filled from `$search`;
 * - Dataverse's rules (attributes, lengths, lookups) are in {@link FakeCifOrg};
 * - `setPresence` exists only in CIF 2.0;
 * - event handlers receive the event data as a JSON string and must return a Promise;
 * - faults can be injected per method.
 */
export class FakeCif implements CifApi {
  readonly calls: { method: string; args: unknown[] }[] = [];
  readonly views: FakeCifView[] = [];
  mode = 0;
  width = 0;
  clickToAct = false;
  /**
   * What `getEnvironment` reports: the page the agent has open. By default the captured
   * environment (get-environment.ts) with the agent on a dashboard instead of a record.
   */
  environment: Record<string, unknown> = environmentOnDashboard();
  setPresence?: (presenceText: string) => Promise<boolean>;
  #initialised = false;
  #handlers = new Map<string, Handler[]>();
  #faults = new Map<string, FakeCifFault[]>();

  constructor(
    readonly org: FakeCifOrg = new FakeCifOrg(),
    readonly version: 1 | 2 = 1,
  ) {
    // setPresence is CIF 2.0 only and answers a boolean: whether the text matched a configured presence (setPresence reference).
    if (version === 2)
      this.setPresence = (text: string) => this.#run('setPresence', [text], () => this.org.presences.includes(text));
  }

  /**
   * The library finished loading: calls work from now on, and `CIFInitDone` is raised on
   * `target` in a `setTimeout(0)`, a CustomEvent whose `detail` is the CRM domains (the widget
   * library's `initialize`).
   */
  init(target?: EventTarget): void {
    this.#initialised = true;
    setTimeout(
      () =>
        target?.dispatchEvent(new CustomEvent('CIFInitDone', { detail: ['https://org09b9d616.crm4.dynamics.com'] })),
      0,
    );
  }

  /** Makes the next `count` calls of `method` fail the given way. */
  inject(method: string, fault: FakeCifFault, count = 1): void {
    const list = this.#faults.get(method) ?? [];
    for (let i = 0; i < count; i += 1) list.push(fault);
    this.#faults.set(method, list);
  }

  /**
   * The agent clicks a phone field: every `onclicktoact` handler gets the event data exactly as
   * given (a JSON string, as CIF forwards the control's `event.detail`: test/fixtures/vendor/dynamics/onclicktoact.ts)
   * and must return a Promise. Nothing is raised while click-to-act is off (the host returns
   * before posting, Microsoft's CIF host library, `raiseEvent` of `CIProvider`).
   */
  async clickPhoneField(eventData: string): Promise<void> {
    if (!this.clickToAct) return;
    for (const handler of this.#handlers.get('onclicktoact') ?? []) {
      const result = handler(eventData) as unknown;
      if (typeof (result as Promise<unknown> | undefined)?.then !== 'function')
        throw new Error('fake CIF: an event handler must return a Promise');
      await result;
    }
  }

  /**
   * The agent's presence changed in Omnichannel (CIF 2.0 only): every `onPresenceChange` handler
   * gets the event data exactly as given (a JSON string, test/fixtures/vendor/dynamics/onpresencechange.ts).
   */
  async changePresence(eventData: string): Promise<void> {
    if (this.version !== 2) return;
    for (const handler of this.#handlers.get('onPresenceChange') ?? []) await handler(eventData);
  }

  /**
   * `searchAndOpenRecords(entityLogicalName, queryParameters, searchOnly)` (reference: all three
   * required). The host runs `Xrm.WebApi.retrieveMultipleRecords` and resolves with its
   * `entities`, which the library answers as a JSON string of an object keyed "0", "1", … (each
   * row with `@odata.etag`; the reference's examples read `res[0]`).
   */
  searchAndOpenRecords(entityLogicalName: string, queryParameters: string, searchOnly: boolean): Promise<string> {
    return this.#run('searchAndOpenRecords', [entityLogicalName, queryParameters, searchOnly], () => {
      if (
        typeof entityLogicalName !== 'string' ||
        entityLogicalName === '' ||
        typeof queryParameters !== 'string' ||
        typeof searchOnly !== 'boolean'
      )
        throw new FakeCifArgumentError(
          'The EntityName, QueryParameters and SearchOnly parameters are required. Provide a value to the parameter.',
        ); // fake's wording of the library's "parameter is blank"

      const rows = this.org.query(entityLogicalName, queryParameters);
      if (!searchOnly) {
        // The host (`retrieveMultipleAndOpenRecords`, Microsoft's CIF host library) opens the one
        // record's form; for any other count it navigates to the search page with searchText =
        // the query's `$search` option, "blank search page if the $search parameter has no value".
        // The docs limit that page to account, contact and activity records.
        const id = rows[0]?.[idField(entityLogicalName)];
        if (rows.length === 1 && typeof id === 'string')
          this.views.push({ kind: 'record', entity: entityLogicalName, id });
        else if (SEARCH_PAGE_ENTITIES.has(entityLogicalName))
          this.views.push({
            kind: 'search',
            entity: entityLogicalName,
            search: new URLSearchParams(queryParameters.replace(/^\?/, '')).get('$search') ?? '',
          });
      }
      return JSON.stringify(Object.fromEntries(rows.map((row, i) => [String(i), { '@odata.etag': 'W/"1"', ...row }])));
    });
  }

  /**
   * `renderSearchPage(entityLogicalName, searchString, searchType?)` in the CIF 1.0 reference,
   * `renderSearchPage(entityLogicalName, searchString, correlationId?, searchType?)` in 2.0;
   * searchType is 0 (relevance) or 1 (categorized). The host opens the search page of that
   * entity with `searchText: searchString` and resolves with nothing.
   */
  renderSearchPage(entityLogicalName: string, searchString: string, ...rest: unknown[]): Promise<unknown> {
    const [correlationId, searchType] = this.version === 1 ? [undefined, rest[0]] : [rest[0], rest[1]];
    return this.#run('renderSearchPage', [entityLogicalName, searchString, ...rest], () => {
      if (typeof entityLogicalName !== 'string' || entityLogicalName === '' || typeof searchString !== 'string')
        throw new FakeCifArgumentError('The EntityName parameter is blank. Provide a value to the parameter.'); // fake's wording after the library's
      if (correlationId !== undefined && typeof correlationId !== 'string')
        throw new FakeCifArgumentError('correlationId is a guid string.'); // fake's wording
      if (searchType !== undefined && searchType !== 0 && searchType !== 1)
        throw new FakeCifArgumentError('searchType is 0 (relevance) or 1 (categorized).'); // fake's wording
      this.org.table(entityLogicalName);
      this.views.push({ kind: 'search', entity: entityLogicalName, search: searchString });
      return undefined;
    });
  }

  /**
   * `createRecord(entityLogicalName, data)`: `data` is a JSON string (reference), parsed by the
   * library before anything is sent. The host calls `Xrm.WebApi.createRecord`, whose answer
   * `{entityType, id}` (Xrm.WebApi createRecord reference) the library returns as a JSON string.
   */
  createRecord(entityLogicalName: string, data: string): Promise<string> {
    if (blank(entityLogicalName))
      return this.#refuse(
        'createRecord',
        [entityLogicalName, data],
        'The EntityName parameter is blank. Provide a value to the parameter.',
      );
    const body = parseData(data);
    return this.#run('createRecord', [entityLogicalName, data], () => {
      const row = this.org.validate(entityLogicalName, body);
      return JSON.stringify({ entityType: entityLogicalName, id: this.org.insert(entityLogicalName, row) });
    });
  }

  /**
   * `updateRecord(entityLogicalName, id, data)`: the library refuses a blank name, id or data
   * itself (its texts), parses `data`, and the host calls `Xrm.WebApi.updateRecord`, whose answer
   * `{entityType, id}` comes back as a JSON string. An id that does not exist is Dataverse's 404.
   */
  updateRecord(entityLogicalName: string, id: string, data: string): Promise<string> {
    const args = [entityLogicalName, id, data];
    if (blank(entityLogicalName))
      return this.#refuse('updateRecord', args, 'The EntityName parameter is blank. Provide a value to the parameter.');
    if (blank(id))
      return this.#refuse('updateRecord', args, 'The EntityId parameter is blank. Provide a value to the parameter.');
    if (data === undefined || data === null)
      return this.#refuse(
        'updateRecord',
        args,
        'The data parameter is blank. Provide a value to the parameter to update the record.',
      );
    const body = parseData(data);
    return this.#run('updateRecord', args, () => {
      const row = this.org.validate(entityLogicalName, body);
      const existing = this.org.table(entityLogicalName).get(id);
      if (existing === undefined) throw new FakeDataverseError(404, doesNotExistMessage(entityLogicalName, id));
      Object.assign(existing, row);
      return JSON.stringify({ entityType: entityLogicalName, id });
    });
  }

  /**
   * `openForm(entityFormOptions, formParameters?)`: JSON strings (reference); a blank options
   * string is refused by the library ("The EntityFormOptions parameter is blank…"); the host
   * `JSON.parse`s both and calls `Xrm.Navigation.openForm`, whose result (`savedEntityReference`)
   * comes back as a JSON string.
   */
  openForm(entityFormOptions: string, formParameters?: string): Promise<string> {
    if (blank(entityFormOptions))
      return this.#refuse(
        'openForm',
        [entityFormOptions, formParameters],
        'The EntityFormOptions parameter is blank. Provide a value to the parameter.',
      );
    return this.#run('openForm', [entityFormOptions, formParameters], () => {
      const options = parseData(entityFormOptions) as { entityName?: unknown; useQuickCreateForm?: unknown };
      if (typeof options.entityName !== 'string') throw new FakeDataverseError(400, 'entityName is required.'); // Xrm.Navigation.openForm's requirement; fake's wording
      const parameters = formParameters === undefined ? {} : (parseData(formParameters) as Record<string, unknown>);
      this.views.push({
        kind: 'form',
        entity: options.entityName,
        quickCreate: options.useQuickCreateForm === true,
        parameters,
      });
      return JSON.stringify({ savedEntityReference: [] });
    });
  }

  /**
   * `setClickToAct(value)`: the library reads a missing value as `false`; the host stores it on
   * the channel provider record (a Boolean column, so anything but a boolean is Dataverse's
   * refusal).
   */
  setClickToAct(value: boolean): Promise<unknown> {
    return this.#run('setClickToAct', [value], () => {
      const flag = value ?? false;
      if (typeof flag !== 'boolean') throw new FakeDataverseError(400, 'setClickToAct: the value is not a Boolean.'); // fake's wording
      this.clickToAct = flag;
      return null;
    });
  }

  /**
   * `addHandler(eventName, handlerFunction)`: no return value (reference syntax, and the library
   * returns nothing); the handler returns a Promise (reference example).
   */
  addHandler(eventName: string, handler: Handler): undefined {
    if (typeof handler !== 'function') throw new TypeError('addHandler: handler must be a function');
    this.#handlers.set(eventName, [...(this.#handlers.get(eventName) ?? []), handler]);
    return undefined;
  }

  /** `removeHandler(eventName, handlerFunction)`: no return value, like addHandler. */
  removeHandler(eventName: string, handler: Handler): undefined {
    this.#handlers.set(
      eventName,
      (this.#handlers.get(eventName) ?? []).filter((h) => h !== handler),
    );
    return undefined;
  }

  /** Handlers registered for an event. */
  handlers(eventName: string): number {
    return this.#handlers.get(eventName)?.length ?? 0;
  }

  /** `setMode(value)`: a panel mode of {@link PANEL_MODES}; the host sets `Xrm.Panel.state` and answers the mode. */
  setMode(mode: number): Promise<unknown> {
    return this.#run('setMode', [mode], () => {
      if (!(PANEL_MODES[this.version] as readonly number[]).includes(mode))
        throw new FakeCifArgumentError(`setMode: ${mode} is not a panel mode in CIF ${this.version}.0.`); // fake's wording
      this.mode = mode;
      return mode;
    });
  }

  /** `setWidth(value)`: pixels; the host sets the panel width without checking and answers the width. */
  setWidth(width: number): Promise<unknown> {
    return this.#run('setWidth', [width], () => {
      this.width = width;
      return width;
    });
  }

  /** `getEnvironment()`: "a Promise object of type String" (reference), shaped as captured (get-environment.ts). */
  getEnvironment(): Promise<string> {
    return this.#run('getEnvironment', [], () => JSON.stringify(this.environment));
  }

  /** Every phonecall, oldest first. */
  phoneCalls(): Row[] {
    return this.org.rows('phonecall');
  }

  /** A call the widget library refuses itself: recorded, then rejected with its `{message}` string. */
  #refuse<T>(method: string, args: unknown[], message: string): Promise<T> {
    this.calls.push({ method, args });
    return Promise.reject(cifArgumentRejection(message));
  }

  #run<T>(method: string, args: unknown[], answer: () => T): Promise<T> {
    this.calls.push({ method, args });
    if (!this.#initialised)
      return Promise.reject(new Error(`CIF is not initialised yet: wait for CIFInitDone before calling ${method}.`));
    const fault = this.#faults.get(method)?.shift();
    if (fault?.kind === 'silent') return new Promise<T>(() => {});
    return new Promise<T>((resolve, reject) => {
      setTimeout(() => {
        if (fault?.kind === 'error') return reject(cifXrmRejection(method, fault.message));
        try {
          const value = answer();
          // CIF 1.0 gives up after 10 s and asks for the call to be run again, even if it went
          // through. The text and shape of that rejection are not published: the widget
          // library's own `{"message": …}` form is used.
          if (fault?.kind === 'lost-reply') reject(cifArgumentRejection(`${method} timed out; run it again.`));
          else resolve(value);
        } catch (error) {
          // CIF never rejects with an Error or an HTTP status: a JSON string (cif-rejections.ts).
          if (error instanceof FakeDataverseError) reject(cifXrmRejection(method, error.message));
          else if (error instanceof FakeCifArgumentError) reject(cifArgumentRejection(error.message));
          else reject(error);
        }
      }, 0);
    });
  }
}

/** The library's `isNullOrUndefined(x) || x == ""`. */
function blank(value: unknown): boolean {
  return value === undefined || value === null || value === '';
}

/**
 * The library `JSON.parse`s record data in the call itself, so a non-JSON string (or an object,
 * which becomes "[object Object]") throws a SyntaxError there and then, before any Promise.
 */
function parseData(value: unknown): unknown {
  return JSON.parse(value as string) as unknown;
}

/** The captured environment (get-environment.ts) on a dashboard: no `etn` / `id`. */
function environmentOnDashboard(): Record<string, unknown> {
  const { etn: _etn, id: _id, ...rest } = ENVIRONMENT_CAPTURED_ON_CONTACT;
  return { ...rest, pagetype: 'dashboard' };
}
