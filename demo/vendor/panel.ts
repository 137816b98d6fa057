import type { Clock, ContractTarget, Logger, SoftphoneConnector } from '../../src/contract/index.js';
import { group, textElement } from './dom.js';
import { NotesBox } from './notes-box.js';
import { adoptPanelStyles } from './styles.js';
import { Trace } from './trace.js';
import { tracedContext, tracedContract } from './traced-contract.js';
import { TraceView } from './trace-view.js';

/** What every vendor panel is given besides the contract: time and logs, injected for tests. */
export interface PanelEnv {
  readonly clock: Clock;
  readonly logger: Logger;
}

/** A mounted vendor panel. */
export interface VendorSoftphone {
  /** Disconnects the connector (removing its SDK listeners) and removes the panel. */
  dispose(): void;
  /** Resolves once every post to the relay and every contract call the connector made so far have settled (for tests). */
  settled(): Promise<void>;
}

/**
 * The frame every vendor panel shares: title, a status line (announced), the vendor's controls and
 * the trace. Vendor files add their controls and a `render` that enables what the fake SDK allows
 * at the moment; the frame calls it after every action and every trace change.
 */
export class VendorPanel {
  readonly trace = new Trace();
  readonly #root: HTMLElement;
  readonly #status: HTMLParagraphElement;
  readonly #controls: HTMLDivElement;
  readonly #view: TraceView;
  readonly #notes: NotesBox;
  readonly #unsubscribe: () => void;
  /** Work the panel started that the connector does not know of (posts to the relay). */
  readonly #work = new Set<Promise<unknown>>();
  #render: () => void = () => {};

  constructor(
    container: HTMLElement,
    readonly vendorTitle: string,
    summary: string,
  ) {
    this.#root = document.createElement('section');
    this.#root.className = 'vs-panel';
    this.#root.setAttribute('aria-label', `${vendorTitle} softphone (simulated)`);
    this.#status = textElement('p', 'Connecting to the bridge…', 'vs-status');
    this.#status.setAttribute('role', 'status');
    this.#controls = document.createElement('div');
    this.#controls.className = 'vs-controls';
    this.#view = new TraceView(this.trace, vendorTitle);
    this.#notes = new NotesBox(this.trace);
    this.#root.append(
      textElement('h2', `${vendorTitle} · simulated`),
      textElement('p', summary, 'vs-sub'),
      this.#status,
      this.#controls,
      this.#notes.element,
      group('Trace: vendor event → contract call', this.#view.element),
    );
    container.append(this.#root);
    adoptPanelStyles(this.#root);
    this.#unsubscribe = this.trace.onChange(() => this.#render());
  }

  /**
   * Connects `connector` to `contract` through the trace. When that fails (the contract cannot
   * load), the panel is removed and the error rethrown, leaving the page as it was.
   */
  async connect(connector: SoftphoneConnector, contract: ContractTarget, env: PanelEnv): Promise<VendorSoftphone> {
    try {
      await connector.connect(
        this.#notes.watch(tracedContract(contract, this.trace)),
        tracedContext(this.trace, env.clock, env.logger),
      );
    } catch (error) {
      await connector.disconnect();
      this.dispose();
      throw error;
    }
    return {
      dispose: () => {
        void connector.disconnect();
        this.dispose();
      },
      settled: async () => {
        await Promise.all([...this.#work]);
        await connector.settled();
      },
    };
  }

  /** Has `settled()` wait for `work` too (a post whose answer and stream event are still coming). */
  track(work: Promise<unknown>): void {
    const done = work.then(
      () => undefined,
      () => undefined,
    );
    this.#work.add(done);
    void done.then(() => this.#work.delete(done));
  }

  /** Adds the vendor's control groups, in order. */
  add(...nodes: Node[]): void {
    this.#controls.append(...nodes);
  }

  /** Sets how the vendor's controls follow the fake SDK's state, and applies it now. */
  follow(render: () => void): void {
    this.#render = render;
    render();
  }

  /** Shows `text` in the status line (a live region: screen readers hear call changes). */
  say(text: string): void {
    if (this.#status.textContent !== text) this.#status.textContent = text;
  }

  /**
   * A click handler that runs `action` and re-renders. A fake SDK that refuses (it throws, as the
   * real one would on a wrong-state request) is shown in the status line, not thrown to the page.
   */
  act(action: () => void | Promise<void>): () => void {
    return () => {
      const done = (): void => this.#render();
      const refused = (error: unknown): void => {
        this.#render();
        this.say(
          `The simulated ${this.vendorTitle} refused that: ${error instanceof Error ? error.message : 'unknown error'}`,
        );
      };
      try {
        const result = action();
        if (result instanceof Promise) result.then(done, refused);
        else done();
      } catch (error) {
        refused(error);
      }
    };
  }

  /** Removes the panel from the page. */
  dispose(): void {
    this.#unsubscribe();
    this.#view.dispose();
    this.#root.remove();
  }
}
