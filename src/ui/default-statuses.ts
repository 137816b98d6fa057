import type { AgentStatus } from './bridge-like.js';

/** The statuses offered when the page gives none; the ids are the contract's `softphoneId`s. */
export const DEFAULT_STATUSES: readonly AgentStatus[] = [
  { id: 'available', label: 'Available' },
  { id: 'busy', label: 'Busy' },
  { id: 'away', label: 'Away' },
];
