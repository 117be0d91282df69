// A UDP sink for TURN abuse tests: binds every address:port given and prints one line per datagram,
// so a test can prove that nothing reached an address a relay must never reach. Echoes what it gets.
// Usage (inside a test namespace): node udp-sink.mjs 127.0.0.1:3480 10.77.0.3:3480 ...  Prints "ready" once bound.
import { createSocket } from 'node:dgram';

const targets = process.argv.slice(2);
let bound = 0;
for (const t of targets) {
  const i = t.lastIndexOf(':');
  const host = t.slice(0, i);
  const port = Number(t.slice(i + 1));
  const sock = createSocket(host.includes(':') ? 'udp6' : 'udp4');
  sock.on('message', (msg, from) => {
    console.info(`recv ${t} from ${from.address}:${from.port} ${msg.length}`);
    // Echo like turnutils_peer, so a client that may reach this address finishes at once.
    sock.send(msg, from.port, from.address);
  });
  sock.on('error', (err) => {
    console.error(`error ${t} ${err.message}`);
    process.exit(1);
  });
  sock.bind(port, host, () => {
    bound += 1;
    if (bound === targets.length) console.info('ready');
  });
}
