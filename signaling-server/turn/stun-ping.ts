/** A STUN Binding request (RFC 8489) over UDP: the cheapest proof that a STUN/TURN server answers. */
import { randomBytes } from 'node:crypto';
import { createSocket } from 'node:dgram';
import { isIPv6 } from 'node:net';

const MAGIC_COOKIE = 0x2112a442;
const BINDING_REQUEST = 0x0001;
const BINDING_SUCCESS = 0x0101;

/** Resolves true when `host:port` answers a Binding request within `timeoutMs` (retransmitting every 200 ms). */
export function stunPing(host: string, port: number, timeoutMs = 1000): Promise<boolean> {
  const request = Buffer.alloc(20);
  request.writeUInt16BE(BINDING_REQUEST, 0);
  request.writeUInt16BE(0, 2);
  request.writeUInt32BE(MAGIC_COOKIE, 4);
  const tid = randomBytes(12);
  tid.copy(request, 8);
  const socket = createSocket(isIPv6(host) ? 'udp6' : 'udp4');
  return new Promise((resolve) => {
    const send = () => socket.send(request, port, host, () => undefined);
    // Handlers only run on later ticks, after both timers exist.
    const timer = setInterval(send, 200);
    const deadline = setTimeout(() => finish(false), timeoutMs);
    let done = false;
    const finish = (ok: boolean) => {
      if (done) return;
      done = true;
      clearInterval(timer);
      clearTimeout(deadline);
      socket.close();
      resolve(ok);
    };
    socket.on('error', () => finish(false));
    socket.on('message', (msg) => {
      if (msg.length >= 20 && msg.readUInt16BE(0) === BINDING_SUCCESS && msg.subarray(8, 20).equals(tid)) finish(true);
    });
    send();
  });
}
