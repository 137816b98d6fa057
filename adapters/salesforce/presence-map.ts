/**
 * The admin's mapping between softphone status ids and Omni-Channel presence statuses
 * (DeveloperName), written `available=Available;busy=Busy;away=Away`.
 */
export interface PresenceMap {
  readonly toSalesforce: ReadonlyMap<string, string>;
  readonly toSoftphone: ReadonlyMap<string, string>;
}

const DEVELOPER_NAME = /^[A-Za-z][A-Za-z0-9_]{0,79}$/;

/** Parses the `PresenceMap` setting; returns the problem in words when it is malformed. */
export function parsePresenceMap(text: string): PresenceMap | string {
  const toSalesforce = new Map<string, string>();
  const toSoftphone = new Map<string, string>();
  for (const pair of text.split(';').map((p) => p.trim()).filter((p) => p !== '')) {
    const [softphoneId, developerName, ...rest] = pair.split('=').map((p) => p.trim());
    if (softphoneId === undefined || softphoneId === '' || developerName === undefined || rest.length > 0) {
      return 'must be pairs written softphoneStatusId=OmniStatusDeveloperName, separated by ";"';
    }
    if (!DEVELOPER_NAME.test(developerName)) return 'names an Omni-Channel status that is not a valid DeveloperName';
    if (toSalesforce.has(softphoneId)) return 'maps one softphone status twice';
    toSalesforce.set(softphoneId, developerName);
    // Several softphone statuses may share one Omni status; the first one wins on the way back.
    if (!toSoftphone.has(developerName)) toSoftphone.set(developerName, softphoneId);
  }
  return { toSalesforce, toSoftphone };
}
