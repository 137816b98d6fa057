/** Largest vendor body taken (issue 13): a CDR or a pop-up phase is a few kilobytes. */
export const MAX_BODY_BYTES = 256 * 1024;

/** The outcome of {@link readBody}: the text, or the HTTP status that refuses it. */
export type BodyRead =
  | { readonly ok: true; readonly text: string }
  | { readonly ok: false; readonly status: 413 | 408 | 400; readonly reason: string };

/**
 * Reads a request body as UTF-8 text, refusing it as soon as it is over `maxBytes` (413, before a
 * byte more is buffered) or when it has not fully arrived within `timeoutMs` (408: a body that
 * trickles in would otherwise hold a socket and a buffer for as long as the sender likes).
 */
export async function readBody(request: Request, maxBytes: number, timeoutMs: number): Promise<BodyRead> {
  const declared = request.headers.get('content-length');
  if (declared !== null && /^\d+$/.test(declared) && Number(declared) > maxBytes) return tooLarge(maxBytes);
  const stream = request.body;
  if (stream === null) return { ok: true, text: '' };
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), timeoutMs);
  });
  try {
    for (;;) {
      const next = await Promise.race([reader.read(), deadline]);
      if (next === 'timeout') {
        void reader.cancel().catch(() => undefined);
        return { ok: false, status: 408, reason: `the body did not arrive within ${timeoutMs} ms` };
      }
      if (next.done) break;
      size += next.value.byteLength;
      if (size > maxBytes) {
        void reader.cancel().catch(() => undefined);
        return tooLarge(maxBytes);
      }
      chunks.push(next.value);
    }
  } catch {
    return { ok: false, status: 400, reason: 'the body could not be read' };
  } finally {
    clearTimeout(timer);
  }
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks)) };
  } catch {
    return { ok: false, status: 400, reason: 'the body is not UTF-8 text' };
  }
}

function tooLarge(maxBytes: number): BodyRead {
  return { ok: false, status: 413, reason: `the body is over ${maxBytes} bytes` };
}
