/**
 * The subset of the Dynamics 365 Channel Integration Framework client library
 * (`window.Microsoft.CIFramework`, loaded by the widget page from
 * `<org>/webresources/Widget/msdyn_ciLibrary.js`) the adapter calls. Every method answers with a
 * Promise; record data goes in as a JSON string and comes back as a JSON string.
 * Members marked optional exist only in CIF 2.0.
 *
 * @see https://learn.microsoft.com/dynamics365/channel-integration-framework/v1/develop/reference/microsoft-ciframework
 * @see https://learn.microsoft.com/dynamics365/channel-integration-framework/v2/develop/reference/microsoft-ciframework
 */
export interface CifApi {
  /** Searches `entityLogicalName` with OData options (`?$select=…&$filter=…`); `searchOnly: false` also opens one match, or a search page for several. */
  searchAndOpenRecords(entityLogicalName: string, queryParameters: string, searchOnly: boolean): Promise<string>;
  /**
   * Opens the search page of `entityLogicalName` filled with `searchString`. Then, optionally,
   * searchType (0 relevance, 1 categorized) in CIF 1.0, or a correlation id and searchType in 2.0.
   */
  renderSearchPage(entityLogicalName: string, searchString: string, ...rest: unknown[]): Promise<unknown>;
  /** Creates a record from a JSON string of attributes; answers a JSON string with its `id`. */
  createRecord(entityLogicalName: string, data: string): Promise<string>;
  /** Updates a record by id from a JSON string of attributes. */
  updateRecord(entityLogicalName: string, id: string, data: string): Promise<string>;
  /** Opens a form: `entityFormOptions` and `formParameters` are JSON strings. */
  openForm(entityFormOptions: string, formParameters?: string): Promise<string>;
  /** Turns the phone fields' click-to-act on or off. */
  setClickToAct(value: boolean): Promise<unknown>;
  /** Subscribes to a CIF event (`onclicktoact`…); the handler must return a Promise. */
  addHandler(eventName: string, handler: (eventData: unknown) => Promise<unknown>): unknown;
  removeHandler(eventName: string, handler: (eventData: unknown) => Promise<unknown>): unknown;
  /** Panel state: 0 minimised, 1 docked (CIF 2.0 adds 2 hidden, 3 collapsed). */
  setMode(mode: number): Promise<unknown>;
  /** Panel width in pixels. */
  setWidth(width: number): Promise<unknown>;
  /** The app and page the agent is on, as a JSON string (`etn`, `id`, `pagetype`…). */
  getEnvironment(): Promise<string>;
  /** CIF 2.0: sets the agent's Omnichannel presence by its display text; answers whether it took. */
  setPresence?(presenceText: string): Promise<boolean>;
}
