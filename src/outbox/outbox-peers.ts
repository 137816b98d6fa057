/**
 * How the pages that share one outbox (tabs of the same origin and store) tell each other that a
 * write was queued. A page that hears it drains too: it then waits on the drain lock behind the
 * writer, so that if the writer's tab closes mid-write, it takes the write over at once instead of
 * at its next sweep (reliability research T6: ≤ 10 s).
 */
export interface OutboxPeers {
  /** Tells the other pages that this one queued a write. */
  announce(): void;
  /** Calls `onQueued` when another page queued a write; returns how to stop listening. */
  listen(onQueued: () => void): () => void;
}

/**
 * Peers over a `BroadcastChannel` named after the outbox, or undefined where the browser has
 * none (then the sweep alone finds other pages' work). The message carries no data.
 */
export function broadcastPeers(name: string, onRefused?: (error: unknown) => void): OutboxPeers | undefined {
  if (typeof BroadcastChannel !== 'function') return undefined;
  let channel: BroadcastChannel | undefined;
  let refused = false;
  // A browser that blocks storage in this frame may refuse the channel too: then this page works
  // alone (the sweep still finds other pages' work), and says so once.
  const open = () => {
    if (channel === undefined && !refused) {
      try {
        channel = new BroadcastChannel(name);
      } catch (error) {
        refused = true;
        onRefused?.(error);
      }
    }
    return channel;
  };
  return {
    announce: () => open()?.postMessage(1),
    listen(onQueued) {
      const listening = open();
      if (listening === undefined) return () => undefined;
      listening.onmessage = onQueued;
      return () => {
        listening.close();
        channel = undefined;
      };
    },
  };
}
