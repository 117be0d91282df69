// One join attempt from a plain Socket.IO client, for cluster tests: `node join-probe.mjs <baseUrl> <meeting> <name>`.
// Prints one JSON line: { ms, ack } where ms is the time from asking for a session to the join's
// answer. A refused session answers as a refused join would: { ok: false, error } (it needs the
// meeting's record, so a store outage refuses it already).
import { io } from 'socket.io-client';

const [base, room, name] = process.argv.slice(2);
const out = (o) => {
  console.info(JSON.stringify(o));
  process.exit(0);
};
setTimeout(() => out({ error: 'probe timed out' }), 8000).unref();
const started = Date.now();
const res = await fetch(`${base}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json', origin: base }, body: JSON.stringify({ room, name }) });
if (!res.ok) {
  const body = await res.json().catch(() => ({}));
  out({ ms: Date.now() - started, ack: { ok: false, error: body.error ?? { code: `HTTP_${res.status}` } } });
}
const { token } = await res.json();
const socket = io(base, { transports: ['websocket'], auth: { token }, reconnection: false, extraHeaders: { origin: base } });
socket.on('connect_error', (e) => out({ error: `connect_error ${e.message}` }));
socket.on('connect', async () => {
  const ack = await socket.timeout(5000).emitWithAck('room:join', { media: { mic: false, camera: false, screen: false, hand: false } }).catch((e) => ({ timeout: String(e) }));
  const ms = Date.now() - started;
  // Leave at once: the probe must not stay in the room as a tile for the others.
  if (ack.ok) await socket.timeout(2000).emitWithAck('room:leave', {}).catch(() => undefined);
  out({ ms, ack });
});
