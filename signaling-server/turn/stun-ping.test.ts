import { createSocket } from 'node:dgram';
import { stunPing } from './stun-ping';

describe('stunPing', () => {
  it('is true when a server answers the Binding request with its transaction id, false on silence', async () => {
    // A tiny fake STUN responder (unit test only; the real coturn is exercised in tests/e2e/turn-abuse.e2e.ts).
    const server = createSocket('udp4');
    let answer = true;
    server.on('message', (msg, from) => {
      if (!answer) return;
      const res = Buffer.from(msg);
      res.writeUInt16BE(0x0101, 0);
      server.send(res, from.port, from.address);
    });
    await new Promise<void>((r) => server.bind(0, '127.0.0.1', () => r()));
    const { port } = server.address();
    expect(await stunPing('127.0.0.1', port, 1000)).toBe(true);
    answer = false;
    expect(await stunPing('127.0.0.1', port, 400)).toBe(false);
    server.close();
  });
});
