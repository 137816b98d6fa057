/**
 * The data side of a fake Salesforce org: records to search (through a softphone layout), Tasks
 * written, Apex classes, call center settings and Lightning message channel subscribers. Several `FakeOpenCti` instances
 * (several browser tabs) can share one org.
 */
export interface FakeSObject {
  readonly Id: string;
  readonly Name: string;
  /** The object's API name (Contact, Account...), as the Lightning search answer names it. */
  readonly RecordType: string;
  readonly Phone: string;
  /** Any other field a softphone layout may show (Type, Title...). */
  readonly fields?: Readonly<Record<string, string>>;
}

/**
 * A softphone layout's searched objects and the fields it shows for each (the `objects` of
 * getSoftphoneLayout, https://developer.salesforce.com/docs/atlas.en-us.api_cti.meta/api_cti/sforce_api_cti_getsoftphonelayout_lex.htm),
 * and how the answer words its entries:
 * - `lightning`: `{Id, LastModifiedDate, RecordType, ...fields}`, as the searchAndScreenPop guide
 *   describes entries ("the object ID, object type, last modified date, field names, and field values");
 * - `classic`: `{...fields, object, displayName}` without `Id`, as the same page's Account sample is
 *   (https://developer.salesforce.com/docs/atlas.en-us.api_cti.meta/api_cti/sforce_api_cti_searchandscreenpop_lex.htm).
 */
export interface FakeSoftphoneLayout {
  readonly objects: Readonly<Record<string, readonly string[]>>;
  readonly entries: 'lightning' | 'classic';
}

/**
 * The layout the fake org assigns unless a test sets another: Account, Contact and Lead searched,
 * showing `Name`, the setup docs/salesforce-deploy.md asks for. Salesforce documents no default
 * layout's fields; the guide says only that a layout without fields returns nothing.
 */
export const DEFAULT_SOFTPHONE_LAYOUT: FakeSoftphoneLayout = {
  objects: { Account: ['Name'], Contact: ['Name'], Lead: ['Name'] },
  entries: 'lightning',
};

/** Object labels as `displayName` carries them (the guide's sample shows a renamed Account: "Company"). */
const OBJECT_LABELS: Record<string, string> = { Account: 'Account', Contact: 'Contact', Lead: 'Lead' };

/** A Task as stored, with how many times it was created or updated. */
export interface FakeTask {
  readonly Id: string;
  fields: Record<string, unknown>;
  updates: number;
}

/** An Apex method the org can run: takes the decoded method params, returns the string result or throws. */
export type FakeApexMethod = (params: Record<string, string>) => string;

/**
 * Task fields that exist on the object (saveLog refuses others), from the Object Reference's Task
 * page (https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_task.htm),
 * limited to the ones a softphone sets; `Type` and `Priority` as Salesforce's demo softphone sets them
 * (developerforce/open-cti-demo-adapter, src/aura/connectedPanel/connectedPanelHelper.js).
 */
export const TASK_FIELDS = new Set([
  'entityApiName',
  'Id',
  'Subject',
  'TaskSubtype',
  'Status',
  'ActivityDate',
  'CallType',
  'CallDurationInSeconds',
  'CallDisposition',
  'CallObject',
  'Description',
  'WhoId',
  'WhatId',
  'OwnerId',
  'Priority',
  'Type',
]);

export class FakeSalesforceOrg {
  readonly records: FakeSObject[] = [];
  readonly tasks = new Map<string, FakeTask>();
  readonly apex = new Map<string, Map<string, FakeApexMethod>>();
  settings: Record<string, string> = {};
  softphoneLayout: FakeSoftphoneLayout = DEFAULT_SOFTPHONE_LAYOUT;
  /** When set, `searchAndScreenPop` answers this verbatim (a guide sample) instead of searching the records. */
  cannedSearchAnswer: Record<string, unknown> | undefined;
  readonly subscribers = new Map<string, Set<(message: unknown) => void>>();
  #taskCounter = 0;

  constructor(settings: Record<string, string> = {}) {
    this.settings = { '/reqGeneralInfo/reqAdapterUrl': '/apex/SoftphoneBridge', ...settings };
  }

  /**
   * Records whose phone has the same digits (last ten when both have ten or more). UNVERIFIED
   * (audit SF-4): Salesforce documents no rule for how its search matches `+15550100100` against a
   * stored `(555) 010-0100`; this rule may be more forgiving than the real search. Recorded in
   * docs/vendor-facts.md; the adapter passes the caller's number as the softphone gave it.
   */
  search(text: string): FakeSObject[] {
    const wanted = text.replace(/\D+/g, '');
    if (wanted.length < 3) return [];
    return this.records.filter((r) => {
      const have = r.Phone.replace(/\D+/g, '');
      return have === wanted || (have.length >= 10 && wanted.length >= 10 && have.slice(-10) === wanted.slice(-10));
    });
  }

  /**
   * What `searchAndScreenPop` answers for `matches`: only objects the softphone layout searches, only
   * the fields it shows, and nothing for an object whose layout shows no field ("If you don't,
   * nothing is returned"), keyed by record Id. Source: searchAndScreenPop() for Lightning Experience,
   * https://developer.salesforce.com/docs/atlas.en-us.api_cti.meta/api_cti/sforce_api_cti_searchandscreenpop_lex.htm
   */
  searchAnswer(matches: readonly FakeSObject[]): Record<string, Record<string, unknown>> {
    const { objects, entries } = this.softphoneLayout;
    const answer: Record<string, Record<string, unknown>> = {};
    for (const record of matches) {
      const shown = objects[record.RecordType] ?? [];
      if (shown.length === 0) continue;
      const values: Record<string, unknown> = { Name: record.Name, Phone: record.Phone, ...record.fields };
      const fields = Object.fromEntries(shown.filter((f) => values[f] !== undefined).map((f) => [f, values[f]]));
      answer[record.Id] =
        entries === 'lightning'
          ? { Id: record.Id, LastModifiedDate: '2026-11-21T09:00:00.000Z', RecordType: record.RecordType, ...fields }
          : {
              ...fields,
              object: record.RecordType,
              displayName: OBJECT_LABELS[record.RecordType] ?? record.RecordType,
            };
    }
    return answer;
  }

  /** Creates a Task and returns its Id (`00T` prefix, 18 characters like real Ids). */
  createTask(fields: Record<string, unknown>): string {
    this.#taskCounter += 1;
    const id = `00T${String(this.#taskCounter).padStart(15, '0')}`;
    this.tasks.set(id, { Id: id, fields: { ...fields }, updates: 0 });
    return id;
  }

  /** Deploys an Apex method. */
  deployApex(apexClass: string, methodName: string, method: FakeApexMethod): void {
    if (!this.apex.has(apexClass)) this.apex.set(apexClass, new Map());
    this.apex.get(apexClass)?.set(methodName, method);
  }

  /**
   * Deploys the project's `SoftphoneBridgeCallLog` (force-app/main/default/classes) as it behaves:
   * `probe` answers a constant, `upsertCallLog` keeps one Task per call key. `throwing` makes the
   * next upserts throw before they write (a row lock, a validation rule...).
   */
  deployCallLogClass(): { throwNext: (times?: number) => void } {
    const byKey = new Map<string, string>();
    let throwing = 0;
    this.deployApex('SoftphoneBridgeCallLog', 'probe', () => 'SoftphoneBridgeCallLog');
    this.deployApex('SoftphoneBridgeCallLog', 'upsertCallLog', ({ callKey = '', fieldsJson = '' }) => {
      if (throwing > 0) {
        throwing -= 1;
        throw new Error('UNABLE_TO_LOCK_ROW: unable to obtain exclusive access to this record');
      }
      // The class compares keys case-insensitively (its unique index is case-insensitive).
      const key = callKey.trim().toLowerCase();
      if (key === '') throw new Error("callKey is required: the call's conversationId.");
      const fields = JSON.parse(fieldsJson) as Record<string, unknown>;
      const existing = byKey.get(key);
      const task = existing === undefined ? undefined : this.tasks.get(existing);
      if (task !== undefined) {
        // TaskSubtype is create-only: the class leaves it alone on update.
        const { TaskSubtype: _createOnly, ...updatable } = fields;
        task.fields = { ...task.fields, ...updatable };
        task.updates += 1;
        return task.Id;
      }
      const id = this.createTask(fields);
      byKey.set(key, id);
      return id;
    });
    return { throwNext: (times = 1) => void (throwing += times) };
  }

  /** Someone publishes on a Lightning message channel (the call button, the presence companion). */
  publish(channelName: string, message: unknown): void {
    for (const listener of this.subscribers.get(channelName) ?? []) listener(structuredClone(message));
  }

  /** Tasks whose `CallObject` is the conversation id. */
  tasksFor(conversationId: string): FakeTask[] {
    return [...this.tasks.values()].filter((t) => t.fields['CallObject'] === conversationId);
  }
}

/** The seed's sample guids, as the call center's `SoftphoneBridge` section carries them. */
export const SAMPLE_PARTNER = {
  partnerId: '215fd887-39be-4935-981f-2670d6afeaa7',
  businessSegmentId: 'd6afeaa7-39be-4935-981f-2670215fd887',
  channelOriginId: '57053e21-0440-4689-a27a-513d7dceebde',
};

/**
 * A call center `SoftphoneBridge` section as an admin would fill it, keyed as
 * `getCallCenterSettings` returns it (`/SoftphoneBridge/PartnerId`...); `overrides` by short key.
 */
export function sampleCallCenterSettings(overrides: Record<string, string> = {}): Record<string, string> {
  const base: Record<string, string> = {
    PartnerId: SAMPLE_PARTNER.partnerId,
    BusinessSegmentId: SAMPLE_PARTNER.businessSegmentId,
    ChannelOriginId: SAMPLE_PARTNER.channelOriginId,
    Dispositions: 'resolved, callback-requested,voicemail',
    DialFrom: '+1 (844) 940-1117',
    ParticipantType: 'Agent',
    DefaultCountry: 'US',
    PresenceMap: 'available=Available;busy=Busy_Calls;away=Away',
    ...overrides,
  };
  return Object.fromEntries(Object.entries(base).map(([k, v]) => [`/SoftphoneBridge/${k}`, v]));
}
