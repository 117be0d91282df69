// One join attempt from a plain Socket.IO client, for cluster tests: `node join-probe.mjs <baseUrl> <room> <name>`.
// Prints one JSON line: { ms, ack } where ms is the time from emitting room:join to its answer.
import { io } from 'socket.io-client';

const [base, room, name] = process.argv.slice(2);
const out = (o) => {
  console.info(JSON.stringify(o));
  process.exit(0);
};
setTimeout(() => out({ error: 'probe timed out' }), 8000).unref();
const res = await fetch(`${base}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json', origin: base }, body: JSON.stringify({ room, name }) });
if (!res.ok) out({ error: `session HTTP ${res.status}` });
const { token } = await res.json();
const socket = io(base, { transports: ['websocket'], auth: { token }, reconnection: false, extraHeaders: { origin: base } });
socket.on('connect_error', (e) => out({ error: `connect_error ${e.message}` }));
socket.on('connect', async () => {
  const started = Date.now();
  const ack = await socket.timeout(5000).emitWithAck('room:join', { media: { mic: false, camera: false, screen: false, hand: false } }).catch((e) => ({ timeout: String(e) }));
  const ms = Date.now() - started;
  // Leave at once: the probe must not stay in the room as a tile for the others.
  if (ack.ok) await socket.timeout(2000).emitWithAck('room:leave', {}).catch(() => undefined);
  out({ ms, ack });
});
