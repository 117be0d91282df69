// The baseline of the signaling bench: a bare Socket.IO relay, no auth, no validation, no store.
// `node bare-server.mjs <port> [pubsub|streams <redisUrl>]` on 127.0.0.1. `peer:signal {to, signal}`
// is emitted to the socket-id room `to` as `{from, signal}` and acked, the product's shape; with an
// adapter, two of these relay across Redis. GET /healthz answers 200 once it listens.
import http from 'node:http';
import { Server } from 'socket.io';
import { createAdapter as pubsubAdapter } from '@socket.io/redis-adapter';
import { createAdapter as streamsAdapter } from '@socket.io/redis-streams-adapter';
import Redis from 'ioredis';

const [port, kind, redisUrl] = process.argv.slice(2);

const httpServer = http.createServer((req, res) => {
  res.writeHead(req.url === '/healthz' ? 200 : 404).end();
});
const io = new Server(httpServer);
if (kind) {
  const pub = new Redis(redisUrl);
  io.adapter(kind === 'streams' ? streamsAdapter(pub) : pubsubAdapter(pub, pub.duplicate()));
}
io.on('connection', (socket) =>
  socket.on('peer:signal', (m, ack) => {
    io.to(m.to).emit('peer:signal', { from: socket.id, signal: m.signal });
    ack({ ok: true, data: null });
  }),
);
httpServer.listen(Number(port), '127.0.0.1');
process.on('SIGTERM', () => process.exit(0));
