import type { CifApi } from '../../adapters/dynamics/cif.types.js';
import { cifArgumentRejection, cifXrmRejection } from '../fixtures/vendor/dynamics/cif-rejections.js';
import { doesNotExistMessage } from '../fixtures/vendor/dynamics/dataverse-errors.js';
import { FakeCifOrg, FakeDataverseError, idField, type Row } from './fake-cif-org.js';

/**
 * How an injected fault behaves: Dataverse refusing with `message` (rejected the way CIF rejects
 * it), no answer at all, or a write that commits but whose answer never comes back.
 */
export type FakeCifFault = { readonly kind: 'error'; readonly message: string } | { readonly kind: 'silent' } | { readonly kind: 'lost-reply' };

/** An argument the CIF widget library refuses itself, before anything reaches Dynamics. */
class FakeCifArgumentError extends Error {}

type Handler = (eventData: unknown) => Promise<unknown>;

/** What the fake showed the agent. */
export type FakeCifView =
  | { readonly kind: 'record'; readonly entity: string; readonly id: string }
  | { readonly kind: 'search'; readonly entity: string; readonly search: string }
  | { readonly kind: 'form'; readonly entity: string; readonly quickCreate: boolean; readonly parameters: Record<string, unknown> };

/** Entities whose multi-result search page CIF opens (the docs: account, contact, activity). */
const SEARCH_PAGE_ENTITIES = new Set(['contact', 'account', 'phonecall']);

/**
 * A fake of `Microsoft.CIFramework`, written from the CIF 1.0/2.0 JavaScript API reference and
 * as strict about it as Dynamics:
 * - nothing works before the library raised `CIFInitDone` ({@link init}): calls reject;
 * - record data goes in as JSON strings and comes back as JSON strings; an object is refused;
 * - `searchAndOpenRecords` reads OData `$select`/`$filter` from a URL query (so a bare `+` is a
 *   space), and with `searchOnly: false` opens one match or, for several, the search page of
 *   account, contact and activity entities only;
 * - creates and updates are checked against the entity's attributes, types, lengths and lookups;
 * - `setMode` takes 0–1 in CIF 1.0 and 0–3 in 2.0; `setPresence` exists only in 2.0;
 * - event handlers receive the event data as a JSON string and must return a Promise;
 * - faults can be injected per method.
 */
export class FakeCif implements CifApi {
  readonly calls: { method: string; args: unknown[] }[] = [];
  readonly views: FakeCifView[] = [];
  mode = 0;
  width = 0;
  clickToAct = false;
  /** What `getEnvironment` reports: the page the agent has open. */
  environment: Record<string, unknown> = { appUrl: 'https://org.crm.dynamics.com/main.aspx?appid=1', pagetype: 'dashboard' };
  setPresence?: (presenceText: string) => Promise<boolean>;
  #initialised = false;
  #handlers = new Map<string, Handler[]>();
  #faults = new Map<string, FakeCifFault[]>();

  constructor(
    readonly org: FakeCifOrg = new FakeCifOrg(),
    readonly version: 1 | 2 = 1,
  ) {
    if (version === 2) this.setPresence = (text: string) => this.#run('setPresence', [text], () => this.org.presences.includes(text));
  }

  /** The library finished loading: calls work from now on, and `CIFInitDone` is raised on `target`. */
  init(target?: EventTarget): void {
    this.#initialised = true;
    target?.dispatchEvent(new Event('CIFInitDone'));
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
      if (typeof (result as Promise<unknown> | undefined)?.then !== 'function') throw new Error('fake CIF: an event handler must return a Promise');
      await result;
    }
  }

  searchAndOpenRecords(entityLogicalName: string, queryParameters: string, searchOnly: boolean): Promise<string> {
    return this.#run('searchAndOpenRecords', [entityLogicalName, queryParameters, searchOnly], () => {
      if (typeof entityLogicalName !== 'string' || typeof queryParameters !== 'string' || typeof searchOnly !== 'boolean') throw new FakeCifArgumentError('entityLogicalName, queryParameters and searchOnly are required.');
      const rows = this.org.query(entityLogicalName, queryParameters);
      if (!searchOnly) {
        // The host (`retrieveMultipleAndOpenRecords`, Microsoft's CIF host library) opens the one
        // record's form; for any other count it navigates to the search page with searchText =
        // the query's `$search` option, "blank search page if the $search parameter has no value".
        // The docs limit that page to account, contact and activity records.
        const id = rows[0]?.[idField(entityLogicalName)];
        if (rows.length === 1 && typeof id === 'string') this.views.push({ kind: 'record', entity: entityLogicalName, id });
        else if (SEARCH_PAGE_ENTITIES.has(entityLogicalName)) this.views.push({ kind: 'search', entity: entityLogicalName, search: new URLSearchParams(queryParameters.slice(1)).get('$search') ?? '' });
      }
      return JSON.stringify(Object.fromEntries(rows.map((row, i) => [String(i), { '@odata.etag': 'W/"1"', ...row }])));
    });
  }

  /**
   * `renderSearchPage(entityLogicalName, searchString, correlationId?, searchType?)` (CIF 2.0
   * reference, renderSearchPage): the third argument is a correlation id, the fourth 0
   * (relevance) or 1 (categorized). The host opens the search page of that entity with
   * `searchText: searchString` and resolves with nothing.
   */
  renderSearchPage(entityLogicalName: string, searchString: string, correlationId?: string, searchType?: number): Promise<unknown> {
    const args: unknown[] = [entityLogicalName, searchString, ...(correlationId === undefined && searchType === undefined ? [] : [correlationId, searchType])];
    return this.#run('renderSearchPage', args, () => {
      if (typeof entityLogicalName !== 'string' || entityLogicalName === '' || typeof searchString !== 'string') throw new FakeCifArgumentError('entityLogicalName and searchString are required.');
      if (correlationId !== undefined && typeof correlationId !== 'string') throw new FakeCifArgumentError('correlationId is a guid string.');
      if (searchType !== undefined && searchType !== 0 && searchType !== 1) throw new FakeCifArgumentError('searchType is 0 (relevance) or 1 (categorized).');
      this.org.table(entityLogicalName);
      this.views.push({ kind: 'search', entity: entityLogicalName, search: searchString });
      return undefined;
    });
  }

  createRecord(entityLogicalName: string, data: string): Promise<string> {
    return this.#run('createRecord', [entityLogicalName, data], () => {
      const row = this.org.validate(entityLogicalName, jsonArgument(data));
      return JSON.stringify({ id: this.org.insert(entityLogicalName, row), entityType: entityLogicalName });
    });
  }

  updateRecord(entityLogicalName: string, id: string, data: string): Promise<string> {
    return this.#run('updateRecord', [entityLogicalName, id, data], () => {
      const row = this.org.validate(entityLogicalName, jsonArgument(data));
      const existing = this.org.table(entityLogicalName).get(id);
      if (existing === undefined) throw new FakeDataverseError(404, doesNotExistMessage(entityLogicalName, id));
      Object.assign(existing, row);
      return JSON.stringify({ id, entityType: entityLogicalName });
    });
  }

  openForm(entityFormOptions: string, formParameters?: string): Promise<string> {
    return this.#run('openForm', [entityFormOptions, formParameters], () => {
      const options = jsonArgument(entityFormOptions) as { entityName?: unknown; useQuickCreateForm?: unknown };
      if (typeof options.entityName !== 'string') throw new FakeCifArgumentError('entityName is required.');
      const parameters = formParameters === undefined ? {} : (jsonArgument(formParameters) as Record<string, unknown>);
      this.views.push({ kind: 'form', entity: options.entityName, quickCreate: options.useQuickCreateForm === true, parameters });
      return JSON.stringify({ savedEntityReference: [] });
    });
  }

  setClickToAct(value: boolean): Promise<unknown> {
    return this.#run('setClickToAct', [value], () => {
      if (typeof value !== 'boolean') throw new FakeCifArgumentError('setClickToAct takes a boolean.');
      this.clickToAct = value;
      return null;
    });
  }

  addHandler(eventName: string, handler: Handler): Promise<unknown> {
    if (typeof handler !== 'function') throw new Error('addHandler: handler must be a function');
    this.#handlers.set(eventName, [...(this.#handlers.get(eventName) ?? []), handler]);
    return Promise.resolve(true);
  }

  removeHandler(eventName: string, handler: Handler): Promise<unknown> {
    this.#handlers.set(eventName, (this.#handlers.get(eventName) ?? []).filter((h) => h !== handler));
    return Promise.resolve(true);
  }

  /** Handlers registered for an event. */
  handlers(eventName: string): number {
    return this.#handlers.get(eventName)?.length ?? 0;
  }

  setMode(mode: number): Promise<unknown> {
    return this.#run('setMode', [mode], () => {
      if (!Number.isInteger(mode) || mode < 0 || mode > (this.version === 1 ? 1 : 3)) throw new FakeCifArgumentError(`setMode: ${mode} is not a panel mode in CIF ${this.version}.0.`);
      this.mode = mode;
      return mode;
    });
  }

  setWidth(width: number): Promise<unknown> {
    return this.#run('setWidth', [width], () => {
      if (!Number.isInteger(width) || width <= 0) throw new FakeCifArgumentError('setWidth takes a positive number of pixels.');
      this.width = width;
      return width;
    });
  }

  getEnvironment(): Promise<string> {
    return this.#run('getEnvironment', [], () => JSON.stringify(this.environment));
  }

  /** Every phonecall, oldest first. */
  phoneCalls(): Row[] {
    return this.org.rows('phonecall');
  }

  #run<T>(method: string, args: unknown[], answer: () => T): Promise<T> {
    this.calls.push({ method, args });
    if (!this.#initialised) return Promise.reject(new Error(`CIF is not initialised yet: wait for CIFInitDone before calling ${method}.`));
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

function jsonArgument(value: unknown): unknown {
  if (typeof value !== 'string') throw new FakeCifArgumentError('CIF takes record data as a JSON string, not an object.');
  try {
    return JSON.parse(value) as unknown;
  } catch {
    throw new FakeCifArgumentError('The data string is not valid JSON.');
  }
}
