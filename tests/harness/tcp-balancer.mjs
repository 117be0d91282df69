// A tiny TCP load balancer for cluster tests: `node tcp-balancer.mjs <listenPort> <backendPort>...`
// on 0.0.0.0 inside the test namespace. Each connection goes to the first backend (in the order
// given) that accepts it, so a client lands on the first node while it lives and on the next one
// after it dies. Backends are 127.0.0.1 ports. Prints "listening <port>".
import net from 'node:net';

const [listenPort, ...backends] = process.argv.slice(2).map(Number);

function connectFirst(index, onSocket, onFail) {
  if (index >= backends.length) return onFail();
  const upstream = net.connect(backends[index], '127.0.0.1');
  upstream.once('connect', () => onSocket(upstream));
  upstream.once('error', () => {
    upstream.destroy();
    connectFirst(index + 1, onSocket, onFail);
  });
}

const server = net.createServer((client) => {
  client.pause();
  client.on('error', () => undefined);
  connectFirst(
    0,
    (upstream) => {
      upstream.on('error', () => client.destroy());
      client.on('error', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
      client.on('close', () => upstream.destroy());
      client.pipe(upstream);
      upstream.pipe(client);
      client.resume();
    },
    () => client.destroy(),
  );
});
server.listen(listenPort, process.env.LISTEN_HOST ?? '0.0.0.0', () => console.info(`listening ${server.address().port}`));
