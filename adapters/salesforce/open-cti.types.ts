/**
 * The subset of Salesforce Open CTI for Lightning (`window.sforce.opencti`) the adapter calls,
 * typed from the Open CTI Developer Guide (API 38.0+).
 *
 * @see https://developer.salesforce.com/docs/atlas.en-us.api_cti.meta/api_cti/sforce_api_cti_methods_lightning.htm
 */

/** An error entry of a response. The guide is inconsistent about names, so every field is optional. */
export interface OpenCtiError {
  readonly code?: string;
  readonly description?: string;
  readonly details?: unknown;
}

/** What every Open CTI callback receives. */
export interface OpenCtiResponse {
  readonly success: boolean;
  readonly returnValue?: unknown;
  readonly errors?: readonly OpenCtiError[] | null;
}

/** A callback or listener argument. */
export type OpenCtiCallback = (response: OpenCtiResponse) => void;

/** The methods the adapter uses; each takes exactly one non-empty object (or nothing for the optional ones). */
export interface OpenCtiApi {
  readonly SCREENPOP_TYPE: {
    readonly SOBJECT: string;
    readonly SEARCH: string;
    readonly NEW_RECORD_MODAL: string;
    readonly URL: string;
  };
  readonly CALL_TYPE: { readonly INBOUND: string; readonly OUTBOUND: string; readonly INTERNAL: string };
  getCallCenterSettings(args: { callback: OpenCtiCallback }): void;
  enableClickToDial(args?: { callback?: OpenCtiCallback }): void;
  onClickToDial(args: { listener: (payload: unknown) => void }): void;
  onNavigationChange(args: { listener: (payload: unknown) => void }): void;
  screenPop(args: { type: string; params: object; callback?: OpenCtiCallback }): void;
  searchAndScreenPop(args: {
    searchParams: string;
    callType: string;
    deferred?: boolean;
    defaultFieldValues?: object;
    callback?: OpenCtiCallback;
  }): void;
  saveLog(args: { value: object; callback?: OpenCtiCallback }): void;
  refreshView(args?: { callback?: OpenCtiCallback }): void;
  /** `methodParams` is left out for a method without parameters (the guide: "none or an empty object"). */
  runApex(args: { apexClass: string; methodName: string; methodParams?: string; callback?: OpenCtiCallback }): void;
  setSoftphonePanelVisibility(args: { visible: boolean; callback?: OpenCtiCallback }): void;
  subscribe(args: { channelName: string; listener: (message: unknown) => void; callback?: OpenCtiCallback }): void;
  publish(args: { channelName: string; message: object; callback?: OpenCtiCallback }): void;
}

/** The Open CTI methods that answer through a callback. */
export type OpenCtiCallMethod =
  | 'getCallCenterSettings'
  | 'enableClickToDial'
  | 'screenPop'
  | 'searchAndScreenPop'
  | 'saveLog'
  | 'refreshView'
  | 'runApex'
  | 'setSoftphonePanelVisibility'
  | 'subscribe'
  | 'publish';
