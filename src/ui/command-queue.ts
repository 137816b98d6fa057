/**
 * An async command queue, as analytics and chat widgets use (Sociomile's `socioVoice('event', …)`):
 * the page defines a tiny stub before the real script loads, calls made early are queued on the
 * stub's `q`, and the real implementation replays them in order when it installs itself.
 *
 * @example
 * <!-- in the page, before anything else -->
 * <script>(function(w,n){w[n]=w[n]||function(){(w[n].q=w[n].q||[]).push(arguments)}})(window,'softphoneBridge');</script>
 * <script>softphoneBridge('dial', { number: '+14155550101' });</script>   <!-- queued -->
 * // later, in the module that owns the bridge:
 * installCommandQueue(bridgeCommands(bridge));                             // replays, then runs directly
 */

/** The global a page calls: `softphoneBridge(command, params)`. While only the stub exists, calls wait on `q`. */
export interface CommandFunction {
  (command: string, params?: unknown): void;
  q?: ArrayLike<unknown>[];
}

/** What runs a command. A thrown error or a rejected Promise goes to `onError`, never to the page. */
export type CommandHandler = (command: string, params: unknown) => unknown;

/** The global's default name. */
export const DEFAULT_QUEUE_NAME = 'softphoneBridge';

/** Options of {@link installCommandQueue} and {@link stubCommandQueue}. */
export interface CommandQueueOptions {
  /** Where the global lives. Default `globalThis`. */
  readonly scope?: object;
  /** The global's name. Default `softphoneBridge`. */
  readonly name?: string;
  /** Told of a command that failed. Default `reportError` (the console and `window.onerror`). */
  readonly onError?: (error: unknown) => void;
}

/** The stub as text, for a page to inline in a `<script>` before the script that installs the queue. */
export function commandQueueSnippet(name: string = DEFAULT_QUEUE_NAME): string {
  return `(function(w,n){w[n]=w[n]||function(){(w[n].q=w[n].q||[]).push(arguments)}})(window,${JSON.stringify(name)});`;
}

/**
 * The same stub as {@link commandQueueSnippet}, for pages that bundle it: queues until installed.
 * Like the snippet, it keeps whatever the global already is; it returns it only if it is a
 * function (a stub or the installed queue), else `undefined`.
 */
export function stubCommandQueue(options: Omit<CommandQueueOptions, 'onError'> = {}): CommandFunction | undefined {
  const scope = (options.scope ?? globalThis) as Record<string, unknown>;
  const name = options.name ?? DEFAULT_QUEUE_NAME;
  if (scope[name] === undefined) {
    const stub: CommandFunction = function (...args: unknown[]) {
      (stub.q ??= []).push(args);
    };
    scope[name] = stub;
  }
  const current = scope[name];
  return typeof current === 'function' ? (current as CommandFunction) : undefined;
}

/**
 * Installs `handler` as the global command function: replays the commands the stub queued, in the
 * order they were made, then runs each new one at once. Throws a TypeError if the global is
 * already something other than a function (e.g. a bridge object of the same name), rather than
 * overwrite it.
 */
export function installCommandQueue(handler: CommandHandler, options: CommandQueueOptions = {}): CommandFunction {
  const scope = (options.scope ?? globalThis) as Record<string, unknown>;
  const name = options.name ?? DEFAULT_QUEUE_NAME;
  const onError = options.onError ?? ((error: unknown) => globalThis.reportError(error));
  const previous = scope[name];
  if (previous !== undefined && typeof previous !== 'function')
    throw new TypeError(`installCommandQueue: ${name} is already defined and is not a command queue.`);
  const run = (command: unknown, params: unknown): void => {
    try {
      if (typeof command !== 'string') throw new TypeError(`${name}: the command must be a string.`);
      const result = handler(command, params);
      // Any thenable, not only this realm's Promise: the handler may come from another frame.
      if (typeof (result as PromiseLike<unknown> | undefined)?.then === 'function')
        (result as PromiseLike<unknown>).then(undefined, onError);
    } catch (error) {
      onError(error);
    }
  };
  const queued = (previous as CommandFunction | undefined)?.q;
  const installed: CommandFunction = (command: string, params?: unknown) => run(command, params);
  // Install first, so that a command issued while replaying runs rather than landing on a dead queue.
  scope[name] = installed;
  if (Array.isArray(queued)) for (const args of queued.splice(0)) run(args[0], args[1]);
  return installed;
}
