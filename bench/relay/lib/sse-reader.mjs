// A small SSE reader over node:http for many concurrent agent streams (the benchmark opens 2,000;
// fetch's per-origin pool and its buffering are not what an EventSource does). It parses `id:`,
// `event:` and `data:` lines and hands each event to `onEvent`, and can resume with Last-Event-ID.
import { Agent, request } from 'node:http';

/** No pooling limit: each stream is its own long-lived connection, as each browser's is. */
const agent = new Agent({ keepAlive: false, maxSockets: Infinity });

/**
 * Opens `url` as an event stream. Resolves once the response headers arrived (status 200) with
 * `{ close, ended }`; rejects with the status otherwise. `ended` resolves when the server or the
 * network ends the stream (not after `close()`).
 * @param {string} url
 * @param {{ token: string, lastEventId?: string, onEvent: (e: {id: string, event: string, data: any, at: number}) => void }} options
 */
export function openSse(url, { token, lastEventId, onEvent }) {
  return new Promise((resolve, reject) => {
    const headers = { authorization: `Bearer ${token}`, accept: 'text/event-stream' };
    if (lastEventId !== undefined) headers['last-event-id'] = lastEventId;
    let closed = false;
    const req = request(url, { agent, headers }, (res) => {
      if (res.statusCode !== 200) {
        res.resume();
        reject(Object.assign(new Error(`agent stream answered ${res.statusCode}`), { status: res.statusCode }));
        return;
      }
      res.setEncoding('utf8');
      let buffer = '';
      const ended = new Promise((done) => {
        res.on('data', (chunk) => {
          buffer += chunk;
          let cut;
          while ((cut = buffer.indexOf('\n\n')) !== -1) {
            const block = buffer.slice(0, cut);
            buffer = buffer.slice(cut + 2);
            const event = parseBlock(block);
            if (event) onEvent({ ...event, at: performance.now() });
          }
        });
        res.on('end', () => done(!closed));
        res.on('error', () => done(!closed));
        res.on('close', () => done(!closed));
      });
      resolve({
        ended,
        close() {
          closed = true;
          req.destroy();
        },
      });
    });
    req.on('error', (error) => {
      if (!closed) reject(error);
    });
    req.end();
  });
}

function parseBlock(block) {
  let id;
  let event;
  let data;
  for (const line of block.split('\n')) {
    if (line.startsWith('id: ')) id = line.slice(4);
    else if (line.startsWith('event: ')) event = line.slice(7);
    else if (line.startsWith('data: ')) data = line.slice(6);
  }
  return event === undefined ? undefined : { id, event, data: JSON.parse(data) };
}
