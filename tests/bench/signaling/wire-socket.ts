/**
 * A lean Socket.IO client for load generation: the Engine.IO v4 / Socket.IO v5 wire format over
 * one WebSocket, text packets only, main namespace only. It sends prebuilt strings and finds what
 * it needs in received ones without decoding every packet, so that on a small machine the load
 * client costs less CPU per message than the bare relay it measures (socket.io-client cost about
 * as much as the server: the baseline measured the client, not the server).
 *
 * Packets: `0{...}` open, `2`/`3` ping/pong, `40{auth}` connect, `44{...}` refused,
 * `42<ack id>[event, payload]` event, `43<ack id>[answer]` ack.
 */
import WebSocket from 'ws';

export class WireSocket {
  private nextAck = 0;
  private readonly acks = new Map<number, (answer: string) => void>();
  /** Called with every event packet's text (`42[...]`), undecoded. */
  onEvent: (packet: string) => void = () => undefined;
  /** The Socket.IO id the server gave this connection. */
  id = '';

  private constructor(private readonly ws: WebSocket) {}

  /** Connects to the main namespace of the Socket.IO server at `url` (http://host:port) with `auth`. */
  static open(url: string, auth: Record<string, unknown>): Promise<WireSocket> {
    const ws = new WebSocket(`${url.replace(/^http/, 'ws')}/socket.io/?EIO=4&transport=websocket`, { perMessageDeflate: false });
    const socket = new WireSocket(ws);
    return new Promise((resolve, reject) => {
      const fail = (why: string) => {
        ws.terminate();
        reject(new Error(`connect to ${url}: ${why}`));
      };
      ws.on('error', (e) => fail(e.message));
      ws.on('close', () => fail('closed'));
      ws.on('message', (data, isBinary) => {
        if (isBinary) return;
        const p = data.toString();
        switch (p.charCodeAt(0)) {
          case 0x30: // '0' engine open
            return ws.send(`40${JSON.stringify(auth)}`);
          case 0x32: // '2' ping
            return ws.send('3');
          case 0x34: // '4' a Socket.IO packet
            return socket.packet(p, resolve, fail);
        }
      });
    });
  }

  private packet(p: string, connected: (s: WireSocket) => void, refused: (why: string) => void): void {
    switch (p.charCodeAt(1)) {
      case 0x30: // '0' connected
        this.id = (JSON.parse(p.slice(2)) as { sid: string }).sid;
        this.ws.removeAllListeners('close');
        this.ws.removeAllListeners('error');
        this.ws.on('error', () => undefined);
        return connected(this);
      case 0x34: // '4' refused
        return refused(p.slice(2));
      case 0x32: // '2' event
        return this.onEvent(p);
      case 0x33: {
        // '3' ack: digits of the id, then the answer array
        const open = p.indexOf('[', 2);
        const id = Number(p.slice(2, open));
        const fn = this.acks.get(id);
        this.acks.delete(id);
        return fn?.(p.slice(open));
      }
    }
  }

  /** Sends `payloadJson` (already JSON) as `event`; `ack` gets the answer array's text. */
  emitRaw(event: string, payloadJson: string, ack: (answer: string) => void): void {
    const id = this.nextAck++;
    this.acks.set(id, ack);
    this.ws.send(`42${id}["${event}",${payloadJson}]`);
  }

  /** Sends `payload` as `event` and resolves with the decoded ack. */
  request<T>(event: string, payload: unknown, timeoutMs = 10_000): Promise<T> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no answer to ${event}`)), timeoutMs);
      this.emitRaw(event, JSON.stringify(payload), (answer) => {
        clearTimeout(timer);
        resolve((JSON.parse(answer) as T[])[0]);
      });
    });
  }

  close(): void {
    this.ws.close();
  }
}
