// Forwards 127.0.0.1:<port> to <host>:<port> byte for byte. Run inside a NATed client namespace,
// it lets the page be http://localhost:<port> (a secure context, so getUserMedia works) while the
// signaling traffic still crosses the client's NAT to the public server.
// Usage: node tcp-forward.mjs <listen-port> <target-host> <target-port>. Prints "listening" when ready.
import { connect, createServer } from 'node:net';

const [listenPort, host, targetPort] = [Number(process.argv[2]), process.argv[3], Number(process.argv[4])];
const server = createServer((client) => {
  const upstream = connect(targetPort, host);
  client.pipe(upstream).pipe(client);
  const close = () => {
    client.destroy();
    upstream.destroy();
  };
  client.on('error', close);
  upstream.on('error', close);
});
server.listen(listenPort, '127.0.0.1', () => console.info('listening'));
