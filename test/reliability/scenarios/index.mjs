// Every reliability scenario, in the order the suite runs them. `id` is what --only takes.
import { activePhoneThreeTabs, activePhoneTwoTabs } from './active-phone.mjs';
import { cspSalesforce, cspTrustedTypes } from './csp.mjs';
import { faults } from './faults.mjs';
import { malformed, malformedContractErrors } from './malformed.mjs';
import { presenceCoalesced, presenceRace, presenceSpaced } from './presence.mjs';
import { interrupted } from './interrupted.mjs';
import { reloads } from './reloads.mjs';
import { storageBlocked } from './storage-blocked.mjs';
import { threeTabs, twoTabs } from './tabs.mjs';

export const scenarios = [
  { id: 'faults', ...faults },
  { id: 'reloads', ...reloads },
  { id: 'interrupted', ...interrupted },
  { id: 'tabs2', ...twoTabs },
  { id: 'tabs3', ...threeTabs },
  { id: 'phone2', ...activePhoneTwoTabs },
  { id: 'phone3', ...activePhoneThreeTabs },
  { id: 'malformed', ...malformed },
  { id: 'malformed-codes', ...malformedContractErrors },
  { id: 'csp-salesforce', ...cspSalesforce },
  { id: 'csp-trusted-types', ...cspTrustedTypes },
  { id: 'presence', ...presenceRace },
  { id: 'presence-spaced', ...presenceSpaced },
  { id: 'presence-coalesced', ...presenceCoalesced },
  { id: 'storage-blocked', ...storageBlocked },
];
