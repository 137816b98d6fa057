import sinon from 'sinon';

/** A stand-in for another window: records where it was asked to post, and to which origin. */
export interface FakeWindow {
  readonly postMessage: sinon.SinonSpy;
}

/** A message event as the browser would dispatch it (MessageEvent refuses a fake `source`). */
export function messageEvent(
  data: unknown,
  origin: string,
  source: unknown,
  ports: readonly MessagePort[] = [],
): Event {
  return Object.assign(new Event('message'), { data, origin, source, ports });
}

/**
 * Two windows wired together inside one test page: `hostPage`/`hostWindow` (the CRM) and
 * `framePage`/`frameWindow` (the softphone frame). A post is delivered a task later, structured
 * cloned, and only when its target origin equals the receiver's origin, as the browser does.
 */
export function pairedWindows(hostOrigin = 'https://crm.example', frameOrigin = 'https://phone.example') {
  const hostPage = new EventTarget();
  const framePage = new EventTarget();
  const link = (
    receiver: EventTarget,
    receiverOrigin: string,
    senderOrigin: string,
    sender: () => FakeWindow,
  ): FakeWindow => ({
    postMessage: sinon.spy((message: unknown, targetOrigin: string, transfer: Transferable[] = []) => {
      if (targetOrigin !== receiverOrigin) return;
      const data = structuredClone(message);
      setTimeout(
        () => receiver.dispatchEvent(messageEvent(data, senderOrigin, sender(), transfer as MessagePort[])),
        0,
      );
    }),
  });
  const hostWindow: FakeWindow = link(hostPage, hostOrigin, frameOrigin, () => frameWindow);
  const frameWindow: FakeWindow = link(framePage, frameOrigin, hostOrigin, () => hostWindow);
  return { hostOrigin, frameOrigin, hostPage, framePage, hostWindow, frameWindow };
}

/** Lets posted messages (a task each) and port messages arrive. */
export async function settle(rounds = 5): Promise<void> {
  for (let i = 0; i < rounds; i += 1) await new Promise((resolve) => setTimeout(resolve, 0));
}
