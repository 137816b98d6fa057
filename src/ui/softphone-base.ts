import { LitElement, type PropertyDeclarations } from 'lit';
import type { AgentStatus, Caller, SoftphoneBridge } from './bridge-like.js';
import { DEFAULT_STATUSES } from './default-statuses.js';

/**
 * The public, configurable face of `<sb-softphone>`: its properties and attributes, each with its
 * default. The panel's behaviour and view are in `SbSoftphone`, which extends this class (the
 * "base class holds the properties" layout of Material Web's `*-base.ts` files), so the element's
 * file is about what the panel does, this one about what a page can set.
 */
export abstract class SoftphoneBase extends LitElement {
  static override properties: PropertyDeclarations = {
    bridge: { attribute: false },
    callers: { attribute: false },
    statuses: { attribute: false },
    ivrContext: { attribute: false },
    label: { type: String },
    headingLevel: { type: Number, attribute: 'heading-level' },
    defaultCountry: { type: String, attribute: 'default-country' },
    ringTimeout: { type: Number, attribute: 'ring-timeout' },
    sessionKey: { type: String, attribute: 'session-key' },
    disableShortcuts: { type: Boolean, attribute: 'disable-shortcuts' },
  };

  /** The contract to drive: the in-page `Bridge`, a remote client, or anything with the eight methods. */
  declare bridge: SoftphoneBridge | undefined;
  /** Callers the agent can simulate an inbound call from; "Another number…" is always offered. */
  declare callers: readonly Caller[];
  /** Statuses of the status selector; the first is the agent's status at start. */
  declare statuses: readonly AgentStatus[];
  /** Extra `callAccepted` fields for inbound calls, as a simulated IVR would send (`ivrExitPath`…). */
  declare ivrContext: Readonly<Record<string, string>>;
  /** The panel's accessible name, and the text of its (visually hidden) heading. */
  declare label: string;
  /**
   * The level of the panel's heading (attribute `heading-level`), 1 by default: the panel is
   * usually the whole page of the softphone's frame, which needs a level-one heading. A page
   * that embeds it under its own `<h1>` sets 2 or more.
   */
  declare headingLevel: number;
  /**
   * The ISO country (attribute `default-country`, `US` by default) whose national numbers the
   * agent types: "(415) 555-0117" dials +14155550117. Every number is checked as E.164 before
   * it is dialled, and one that is not a phone number is not dialled: the panel says why.
   */
  declare defaultCountry: string;
  /**
   * Seconds an unanswered inbound call rings (attribute `ring-timeout`, 30 by default; 0: for
   * ever); then it ends as missed (`callRejected`, `passive`). A dialled call is never cut: the
   * agent says when the far end answers or hangs up.
   */
  declare ringTimeout: number;
  /**
   * The sessionStorage key (attribute `session-key`, `sb-softphone` by default) under which the
   * panel keeps its live call (phase, caller, times, disposition and notes typed so far), so a
   * reload of its frame resumes the call once the bridge sends `partner_config`. Empty: not kept.
   */
  declare sessionKey: string;
  /** Turns the keyboard shortcuts off (attribute `disable-shortcuts`), for a page that uses the same keys. */
  declare disableShortcuts: boolean;

  constructor() {
    super();
    // Initialised here, not as field initialisers, so they go through lit's accessors whatever
    // the compiler's useDefineForClassFields setting (see docs/decisions/0006-ui-components.md).
    this.bridge = undefined;
    this.callers = [];
    this.statuses = DEFAULT_STATUSES;
    this.ivrContext = {};
    this.label = 'Softphone';
    this.headingLevel = 1;
    this.defaultCountry = 'US';
    this.ringTimeout = 30;
    this.sessionKey = 'sb-softphone';
    this.disableShortcuts = false;
  }
}
