/**
 * The data side of a fake Salesforce org: records to search, Tasks written, Apex classes, call
 * center settings and Lightning message channel subscribers. Several `FakeOpenCti` instances
 * (several browser tabs) can share one org.
 */
export interface FakeSObject {
  readonly Id: string;
  readonly Name: string;
  readonly RecordType: string;
  readonly Phone: string;
}

/** A Task as stored, with how many times it was created or updated. */
export interface FakeTask {
  readonly Id: string;
  fields: Record<string, unknown>;
  updates: number;
}

/** An Apex method the org can run: takes the decoded method params, returns the string result or throws. */
export type FakeApexMethod = (params: Record<string, string>) => string;

/** Task fields that exist on the object (Open CTI rejects unknown ones). */
export const TASK_FIELDS = new Set([
  'entityApiName', 'Id', 'Subject', 'TaskSubtype', 'Status', 'ActivityDate', 'CallType', 'CallDurationInSeconds',
  'CallDisposition', 'CallObject', 'Description', 'WhoId', 'WhatId', 'OwnerId', 'Priority',
]);

export class FakeSalesforceOrg {
  readonly records: FakeSObject[] = [];
  readonly tasks = new Map<string, FakeTask>();
  readonly apex = new Map<string, Map<string, FakeApexMethod>>();
  settings: Record<string, string> = {};
  readonly subscribers = new Map<string, Set<(message: unknown) => void>>();
  #taskCounter = 0;

  constructor(settings: Record<string, string> = {}) {
    this.settings = { '/reqGeneralInfo/reqAdapterUrl': '/apex/SoftphoneBridge', ...settings };
  }

  /** Records whose phone has the same digits (last ten when both have ten or more). */
  search(text: string): FakeSObject[] {
    const wanted = text.replace(/\D+/g, '');
    if (wanted.length < 3) return [];
    return this.records.filter((r) => {
      const have = r.Phone.replace(/\D+/g, '');
      return have === wanted || (have.length >= 10 && wanted.length >= 10 && have.slice(-10) === wanted.slice(-10));
    });
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
