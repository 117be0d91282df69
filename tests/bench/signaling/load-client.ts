/**
 * The signaling bench's load generator, a child process of its own (started by load.ts), so
 * neither the servers' event loops nor the bench's share its CPU time. It holds sender/receiver
 * pairs of Socket.IO connections (wire-socket.ts) and sends `peer:signal` from each sender to its
 * receiver: a saturating closed loop (throughput) or a paced open loop (latency). Latency is send
 * to delivery on this process's clock. Commands and results travel over the IPC channel.
 */
import { cpuMsOf, machineBusyMs } from './proc-stats';
import { newMeeting, sessionToken } from '../../harness/meetings';
import { WireSocket } from './wire-socket';

/** Where the pairs connect: senders on `senderUrl`, receivers on `receiverUrl` (the same URL on one node). */
export interface ConnectCommand {
  type: 'connect';
  kind: 'bare' | 'product';
  senderUrl: string;
  receiverUrl: string;
  /** Each pair gets its own meeting. */
  pairs: number;
}

/** As many messages as possible: each pair keeps `inFlightPerPair` undelivered, refilled on delivery; measured for `seconds` after `warmupSeconds`. */
export interface ThroughputCommand {
  type: 'throughput';
  warmupSeconds: number;
  seconds: number;
  inFlightPerPair: number;
  /** Servers (and Redis) whose CPU time is reported for the measured window. */
  pids: number[];
}

/** `ratePerSec` messages per second in all, round robin over the pairs; a pair already holding `maxInFlightPerPair` undelivered skips its turn. */
export interface LatencyCommand {
  type: 'latency';
  warmup: number;
  messages: number;
  ratePerSec: number;
  maxInFlightPerPair: number;
  pids: number[];
}

export type LoadCommand = ConnectCommand | ThroughputCommand | LatencyCommand | { type: 'close' };

export interface LoadResult {
  /** Messages delivered in the measured window. */
  delivered: number;
  seconds: number;
  msgPerSec: number;
  /** Send-to-delivery latencies, ms, ascending nearest-rank percentiles. */
  p50: number;
  p99: number;
  max: number;
  /** Error acks and turns skipped because the pair had its maximum in flight (latency mode). */
  errorAcks: number;
  skipped: number;
  /** CPU use in the window, percent of one core: this load client, and each of `pids`. */
  clientCpuPct: number;
  serverCpuPct: number[];
  /** CPU the rest of the machine used meanwhile (other processes: the noise), percent of one core. */
  otherCpuPct: number;
}

export type LoadReply = { type: 'ready'; sockets: number } | { type: 'result'; result: LoadResult } | { type: 'error'; message: string };

interface Pair {
  from: WireSocket;
  /** `"to":"<id>"`, the start of every payload of this pair. */
  to: string;
  inFlight: number;
}

const MEDIA = { mic: true, camera: true, screen: false, hand: false };
/**
 * A realistic small signal (an ICE candidate) in the protocol's shape; the candidate's foundation
 * carries the message's sequence number, so a delivery is matched to its send without decoding.
 */
const payload = (to: string, seq: number) =>
  `{${to},"signal":{"type":"candidate","candidate":{"candidate":"candidate:${seq} 1 udp 2122260223 10.77.0.1 50000 typ host generation 0","sdpMid":"0","sdpMLineIndex":0}}}`;
const FOUNDATION = '"candidate:';
const seqOf = (packet: string) => {
  const at = packet.indexOf(FOUNDATION) + FOUNDATION.length;
  return Number(packet.slice(at, packet.indexOf(' ', at)));
};

const sockets: WireSocket[] = [];
let pairs: Pair[] = [];
/** seq => send time and pair, for messages not yet delivered. */
const pending = new Map<number, { at: number; pair: Pair }>();
let seq = 0;
/** Called on every delivery with its pair and latency. */
let onDelivery: (pair: Pair, ms: number) => void = () => undefined;
let errorAcks = 0;

async function open(url: string, auth: Record<string, unknown>): Promise<WireSocket> {
  const s = await WireSocket.open(url, auth);
  sockets.push(s);
  return s;
}

/** A receiver: records each delivery's latency. */
function receive(s: WireSocket): void {
  s.onEvent = (packet) => {
    const now = performance.now();
    if (!packet.startsWith('42["peer:signal"')) return;
    const n = seqOf(packet);
    const sent = pending.get(n);
    if (!sent) return;
    pending.delete(n);
    sent.pair.inFlight--;
    onDelivery(sent.pair, now - sent.at);
  };
}

/** A product participant: session token, connection, `room:join`; resolves with its participant id. */
async function productJoin(url: string, room: string, name: string): Promise<{ socket: WireSocket; id: string }> {
  const token = await sessionToken(url, room, name);
  const socket = await open(url, { token });
  const ack = await socket.request<{ ok: boolean; data?: { self: { id: string } }; error?: { code: string } }>('room:join', { media: MEDIA });
  if (!ack.ok || !ack.data) throw new Error(`room:join: ${ack.error?.code}`);
  return { socket, id: ack.data.self.id };
}

async function connectPair(c: ConnectCommand): Promise<Pair> {
  if (c.kind === 'bare') {
    const [from, to] = await Promise.all([open(c.senderUrl, {}), open(c.receiverUrl, {})]);
    receive(to);
    return { from, to: `"to":${JSON.stringify(to.id)}`, inFlight: 0 };
  }
  // The pair's meeting, made on the sender's node (a cluster shares it through Redis).
  const room = (await newMeeting(c.senderUrl)).meeting;
  const a = await productJoin(c.senderUrl, room, 'Sender');
  const b = await productJoin(c.receiverUrl, room, 'Receiver');
  receive(b.socket);
  return { from: a.socket, to: `"to":${JSON.stringify(b.id)}`, inFlight: 0 };
}

async function connect(c: ConnectCommand): Promise<number> {
  const out: Pair[] = [];
  // A few at a time: a handshake storm would measure the servers' connection path, not the relay.
  for (let i = 0; i < c.pairs; i += 25) {
    out.push(...(await Promise.all(Array.from({ length: Math.min(25, c.pairs - i) }, () => connectPair(c)))));
  }
  pairs = out;
  // Socket-id rooms of the bare cluster are known on every node once the adapter has seen them.
  await new Promise((r) => setTimeout(r, 500));
  return sockets.length;
}

function send(pair: Pair): void {
  const n = ++seq;
  pair.inFlight++;
  pending.set(n, { at: performance.now(), pair });
  pair.from.emitRaw('peer:signal', payload(pair.to, n), (answer) => {
    if (answer.startsWith('[{"ok":true')) return;
    errorAcks++;
    // Refused: nothing will be delivered for it.
    if (pending.delete(n)) pair.inFlight--;
  });
}

/** Nearest-rank percentile of an ascending list. */
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length))) - 1] ?? NaN;
const r2 = (x: number) => Math.round(x * 100) / 100;

/** How long a measurement warms up and then counts: by deliveries or by time. */
type Span = { warmup: number; messages: number } | { warmupSeconds: number; seconds: number };

/** One measurement: latencies, the time window and the CPU figures cover what comes after the warm-up. */
class Window {
  private readonly latencies: number[] = [];
  private seen = 0;
  private counted = 0;
  private skipped = 0;
  private started = -1;
  private readonly created = performance.now();
  private cpu0 = process.cpuUsage();
  private server0: number[] = [];
  private machine0 = 0;
  private finish: (r: LoadResult) => void = () => undefined;
  done = false;
  readonly result = new Promise<LoadResult>((resolve) => (this.finish = resolve));

  constructor(
    private readonly span: Span,
    private readonly pids: number[],
  ) {}

  private warm(now: number): boolean {
    return 'warmup' in this.span ? this.seen > this.span.warmup : now - this.created >= this.span.warmupSeconds * 1000;
  }

  private over(now: number): boolean {
    return 'messages' in this.span ? this.counted >= this.span.messages : now - this.started >= this.span.seconds * 1000;
  }

  private begin(now: number): void {
    this.started = now;
    this.cpu0 = process.cpuUsage();
    this.server0 = this.pids.map(cpuMsOf);
    this.machine0 = machineBusyMs();
    errorAcks = 0;
  }

  /** A paced turn not taken because its pair had its maximum in flight. */
  skip(): void {
    if (this.started >= 0) this.skipped++;
  }

  delivered(ms: number): void {
    if (this.done) return;
    const now = performance.now();
    this.seen++;
    if (this.started < 0) {
      if (this.warm(now)) this.begin(now);
      return;
    }
    this.counted++;
    this.latencies.push(ms);
    if (this.over(now)) this.end(now);
  }

  private end(now: number): void {
    this.done = true;
    const seconds = (now - this.started) / 1000;
    const cpu = process.cpuUsage(this.cpu0);
    const sorted = this.latencies.sort((a, b) => a - b);
    const pct = (ms: number) => Math.round(ms / 10 / seconds);
    const serverCpuPct = this.pids.map((pid, i) => pct(cpuMsOf(pid) - this.server0[i]));
    const clientCpuPct = pct((cpu.user + cpu.system) / 1000);
    this.finish({
      delivered: this.counted,
      seconds: r2(seconds),
      msgPerSec: Math.round(this.counted / seconds),
      p50: r2(percentile(sorted, 50)),
      p99: r2(percentile(sorted, 99)),
      max: r2(sorted[sorted.length - 1] ?? NaN),
      errorAcks,
      skipped: this.skipped,
      clientCpuPct,
      serverCpuPct,
      otherCpuPct: Math.max(0, pct(machineBusyMs() - this.machine0) - clientCpuPct - serverCpuPct.reduce((a, b) => a + b, 0)),
    });
  }
}

function throughput(c: ThroughputCommand): Promise<LoadResult> {
  const w = new Window({ warmupSeconds: c.warmupSeconds, seconds: c.seconds }, c.pids);
  onDelivery = (pair, ms) => {
    w.delivered(ms);
    if (!w.done) send(pair);
  };
  for (const p of pairs) for (let k = 0; k < c.inFlightPerPair; k++) send(p);
  return w.result;
}

function latency(c: LatencyCommand): Promise<LoadResult> {
  const w = new Window({ warmup: c.warmup, messages: c.messages }, c.pids);
  onDelivery = (_pair, ms) => w.delivered(ms);
  const interval = 1000 / c.ratePerSec;
  let next = performance.now();
  let turn = 0;
  const tick = () => {
    if (w.done) return;
    // Every turn due by now, in order (a late timer sends the turns it missed at once).
    const now = performance.now();
    while (next <= now) {
      const pair = pairs[turn++ % pairs.length];
      if (pair.inFlight >= c.maxInFlightPerPair) w.skip();
      else send(pair);
      next += interval;
    }
    setTimeout(tick, Math.max(0, next - performance.now()));
  };
  tick();
  return w.result;
}

/** Waits until nothing is in flight (so the next measurement starts clean). */
async function drain(): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (pending.size > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  for (const { pair } of pending.values()) pair.inFlight--;
  pending.clear();
  onDelivery = () => undefined;
}

async function handle(c: LoadCommand): Promise<LoadReply | null> {
  switch (c.type) {
    case 'connect':
      return { type: 'ready', sockets: await connect(c) };
    case 'throughput': {
      const result = await throughput(c);
      await drain();
      return { type: 'result', result };
    }
    case 'latency': {
      const result = await latency(c);
      await drain();
      return { type: 'result', result };
    }
    case 'close':
      for (const s of sockets) s.close();
      setTimeout(() => process.exit(0), 100);
      return null;
  }
}

process.on('message', (c: LoadCommand) => {
  handle(c).then(
    (reply) => reply && process.send?.(reply),
    (e: unknown) => process.send?.({ type: 'error', message: e instanceof Error ? e.message : String(e) }),
  );
});
process.on('disconnect', () => process.exit(0));
