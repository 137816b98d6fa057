/**
 * The admin's mapping between softphone status ids and Omni-Channel presence statuses
 * (DeveloperName), written `available=Available;busy=Busy;away=Away`.
 */
export interface PresenceMap {
  readonly toSalesforce: ReadonlyMap<string, string>;
  readonly toSoftphone: ReadonlyMap<string, string>;
}

/** A Salesforce API name (an object's name, a DeveloperName): a letter, then letters, digits and underscores. */
export const API_NAME = /^[A-Za-z][A-Za-z0-9_]{0,79}$/;

/**
 * Parses the `PresenceMap` setting. A malformed map is reported in words through `report`
 * (never the value itself), and the pairs read until then are returned.
 */
export function parsePresenceMap(text: string, report: (problem: string) => void): PresenceMap {
  const map = { toSalesforce: new Map<string, string>(), toSoftphone: new Map<string, string>() };
  for (const pair of text
    .split(';')
    .map((p) => p.trim())
    .filter((p) => p !== '')) {
    const [softphoneId, developerName, ...rest] = pair.split('=').map((p) => p.trim());
    if (softphoneId === undefined || softphoneId === '' || developerName === undefined || rest.length > 0) {
      report('must be softphoneStatusId=OmniStatusDeveloperName pairs separated by ";"');
      break;
    }
    if (!API_NAME.test(developerName)) {
      report('has an Omni-Channel status that is not a DeveloperName');
      break;
    }
    if (map.toSalesforce.has(softphoneId)) {
      report('maps one softphone status twice');
      break;
    }
    map.toSalesforce.set(softphoneId, developerName);
    // Several softphone statuses may share one Omni status; the first one wins on the way back.
    if (!map.toSoftphone.has(developerName)) map.toSoftphone.set(developerName, softphoneId);
  }
  return map;
}
