import type { SocioVoice, SocioVoiceHost } from '../../connectors/sociomile/index.js';

/** One `socioVoice(command, options)` call, and whether the widget script had loaded to run it. */
export interface SocioVoiceCommand {
  readonly command: string;
  readonly options: Readonly<Record<string, unknown>>;
  readonly queued: boolean;
}

/** The stand-in window, and whether the (fake) widget script has loaded into it. */
export interface ObservedHost extends SocioVoiceHost {
  readonly widgetLoaded: boolean;
  /** Called just before the widget script runs: commands after it are no longer queued. */
  markWidgetLoaded(): void;
}

/**
 * A stand-in for the page's `window` as the Sociomile widget sees it, which tells `onCommand` of
 * every `socioVoice(...)` the connector sends: first to the embed snippet's queue (the connector
 * installs it), then, once the widget script has loaded and replaced it, to the widget.
 *
 * `socioVoice` is an accessor so that both the snippet's stub and the widget stay the real
 * functions underneath: the getter hands out a wrapper that reports the command and forwards it,
 * and exposes the stub's `q`, which the widget drains when it loads.
 */
export function observedHost(onCommand: (command: SocioVoiceCommand) => void): ObservedHost {
  let current: SocioVoice | undefined;
  let loaded = false;
  const wrap = (target: SocioVoice): SocioVoice => {
    const wrapper = (command: string, options?: object): void => {
      onCommand({ command, options: { ...(options ?? {}) }, queued: !loaded });
      target(command, options);
    };
    Object.defineProperty(wrapper, 'q', { get: () => target.q, set: (q: unknown[]) => (target.q = q) });
    return wrapper;
  };
  const host: ObservedHost = {
    get widgetLoaded(): boolean {
      return loaded;
    },
    markWidgetLoaded(): void {
      loaded = true;
    },
  };
  // An accessor defined at run time: `socioVoice` is optional in SocioVoiceHost, and a getter
  // that may return undefined does not fit that type under exactOptionalPropertyTypes.
  Object.defineProperty(host, 'socioVoice', {
    enumerable: true,
    get: (): SocioVoice | undefined => (current === undefined ? undefined : wrap(current)),
    set: (value: SocioVoice | undefined) => void (current = value),
  });
  return host;
}
