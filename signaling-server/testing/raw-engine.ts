import WebSocket from 'ws';

/**
 * Test-only: a raw engine.io v4 WebSocket client that speaks Socket.IO packets by hand, as a
 * prober would (several namespace CONNECTs over one transport, events without acks, unknown names).
 */
export interface RawEngine {
  /** Every Socket.IO packet received, as text without the engine.io prefix (`0{...}` CONNECT, `3<id>[...]` ACK, `4{...}` CONNECT_ERROR ...). */
  received: string[];
  /** Resolves with the WebSocket close code when the server closes the transport. */
  closed: Promise<number>;
  isOpen(): boolean;
  /** Sends one Socket.IO packet (without the engine.io `4` message prefix). */
  send(packet: string): void;
  /** Sends a namespace CONNECT with `token` and waits for its answer (`0...` or `4...`). */
  connect(token: string): Promise<string>;
  /** The next received packet starting with one of `prefixes`, or a rejection after `ms`. */
  next(prefixes: string | string[], ms?: number): Promise<string>;
  close(): void;
}

/** Opens a raw transport to the server at `url` (http://host:port). */
export function openRawEngine(url: string): Promise<RawEngine> {
  const ws = new WebSocket(`${url.replace(/^http/, 'ws')}/socket.io/?EIO=4&transport=websocket`);
  const received: string[] = [];
  const waiters: { prefixes: string[]; resolve: (p: string) => void }[] = [];
  const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    ws.once('error', reject);
    ws.on('message', (data: Buffer) => {
      const text = data.toString();
      if (text.startsWith('0')) return resolve(engine);
      if (text === '2') return ws.send('3');
      if (!text.startsWith('4')) return;
      const packet = text.slice(1);
      received.push(packet);
      const i = waiters.findIndex((w) => w.prefixes.some((prefix) => packet.startsWith(prefix)));
      if (i >= 0) waiters.splice(i, 1)[0]!.resolve(packet);
    });
    const next = (prefixes: string | string[], ms = 2000) =>
      new Promise<string>((res, rej) => {
        const timer = setTimeout(() => rej(new Error(`no ${String(prefixes)} packet within ${ms} ms`)), ms);
        waiters.push({ prefixes: ([] as string[]).concat(prefixes), resolve: (p) => (clearTimeout(timer), res(p)) });
      });
    const engine: RawEngine = {
      received,
      closed,
      isOpen: () => ws.readyState === WebSocket.OPEN,
      send: (packet) => {
        if (ws.readyState === WebSocket.OPEN) ws.send(`4${packet}`);
      },
      connect(token) {
        const answer = next(['0', '4']);
        engine.send(`0${JSON.stringify({ token })}`);
        return answer;
      },
      next,
      close: () => ws.close(),
    };
  });
}

/** The acks in `received` that succeeded and those refused with `code`. */
export function countAcks(received: string[], code = 'RATE_LIMITED'): { ok: number; refused: number } {
  const acks = received.filter((p) => p.startsWith('3'));
  return { ok: acks.filter((p) => p.includes('"ok":true')).length, refused: acks.filter((p) => p.includes(`"code":"${code}"`)).length };
}
