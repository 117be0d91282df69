/**
 * Time for a client to be back after the node it uses is killed: two product nodes on one Redis
 * behind the TCP balancer (tests/harness/tcp-balancer.mjs: first live node wins), loopback only.
 * The client is the renderer's own engine code, not a stand-in: SignalingClient (socket.io-client,
 * its reconnection delays) and RoomConnection (`room:resume` with the resume token), wired the way
 * Room.recover wires them, run here in Node. Ada joins through the balancer (node 1), Bob directly
 * on node 2; node 1 gets SIGKILL; Ada is back when her resume ack arrives with her own participant
 * id and the same roster. Node 1 is restarted (same port) before the next trial.
 */
import { join } from 'node:path';
import { newMeeting } from '../../harness/meetings';
import type { JoinResponse, MediaState } from '../../../protocol';
import { RoomConnection } from '../../../renderer/call/room-connection';
import { SignalingClient } from '../../../renderer/call/signaling-client';
import type { RedisProcess } from '../../harness/redis-process';
import { freeLoopbackPort } from '../../harness/redis-process';
import { ServerProcess, newSecret, startProductNode } from './processes';

export const KILL_TRIALS = Number(process.env.BENCH_KILL_TRIALS ?? 5);
const MEDIA: MediaState = { mic: true, camera: true, screen: false, hand: false };
/** A trial fails when the client is not back this long after the kill (the grace period is 5 s). */
const GIVE_UP_MS = 10_000;

export interface KillTrial {
  /** SIGKILL sent to resume ack received (roster checked), ms. */
  backMs: number;
  /** SIGKILL sent to the client noticing the lost connection, ms. */
  noticedMs: number;
}

/** One signalling participant as the renderer's engine holds it. */
class Participant {
  readonly signaling: SignalingClient;
  readonly conn: RoomConnection;

  constructor(url: string, room: string, name: string) {
    this.signaling = new SignalingClient(url);
    this.conn = new RoomConnection(this.signaling, room, name);
  }

  close(): void {
    this.conn.reset();
    this.signaling.disconnect();
  }
}

const ids = (a: JoinResponse) => a.participants.map((p) => p.id).sort();

async function trial(balancerUrl: string, survivor: ServerProcess, victim: ServerProcess, room: string): Promise<KillTrial> {
  const bob = new Participant(survivor.url, room, 'Bob');
  const ada = new Participant(balancerUrl, room, 'Ada');
  try {
    const bobJoin = await bob.conn.open(MEDIA);
    const before = await ada.conn.open(MEDIA);
    if (ids(before).join() !== bobJoin.self.id) throw new Error(`Ada's roster before the kill: ${ids(before).join()} (expected Bob ${bobJoin.self.id})`);
    let bobSawAdaLeave = false;
    bob.signaling.on('room:participant-left', ({ id }) => (bobSawAdaLeave ||= id === before.self.id));

    let noticed = NaN;
    let timer: NodeJS.Timeout | undefined;
    const back = new Promise<{ at: number; answer: JoinResponse | null }>((resolve, reject) => {
      ada.signaling.on('disconnected', () => (noticed = performance.now()));
      // Room.recover: on every reconnection, resume with the token; null means refused (Room would re-join).
      ada.signaling.on('reconnected', () => void ada.conn.resume().then((answer) => resolve({ at: performance.now(), answer }), reject));
      timer = setTimeout(() => reject(new Error(`Ada not back within ${GIVE_UP_MS} ms of the kill`)), GIVE_UP_MS);
    });
    const killedAt = performance.now();
    await victim.kill();
    const { at, answer } = await back.finally(() => clearTimeout(timer));
    if (!Number.isFinite(noticed)) throw new Error('Ada never lost her connection: she was not on the killed node');
    if (!answer) throw new Error('the resume was refused (Ada would have re-joined with a new id)');
    if (answer.self.id !== before.self.id || ids(answer).join() !== ids(before).join()) {
      throw new Error(`roster changed across the kill: ${answer.self.id} with ${ids(answer).join()}, was ${before.self.id} with ${ids(before).join()}`);
    }
    if (bobSawAdaLeave) throw new Error('Bob was told Ada left');
    // Back means working: a signal from Ada reaches Bob through the surviving node.
    const relayed = new Promise<void>((resolve) => bob.signaling.on('peer:signal', ({ from }) => from === before.self.id && resolve()));
    await ada.signaling.request('peer:signal', { to: bobJoin.self.id, signal: { type: 'renegotiate', renegotiate: true } });
    await Promise.race([relayed, new Promise((_, reject) => (timer = setTimeout(() => reject(new Error('no signal from Ada to Bob after the resume')), 3000)))]).finally(() =>
      clearTimeout(timer),
    );
    return { backMs: Math.round(at - killedAt), noticedMs: Math.round(noticed - killedAt) };
  } finally {
    ada.close();
    bob.close();
  }
}

/** KILL_TRIALS node kills; `onTrial` hears of each (for progress dots). */
export async function nodeKillTrials(redis: RedisProcess, onTrial: () => void = () => undefined): Promise<KillTrial[]> {
  const env = { REDIS_URL: redis.url, REDIS_PREFIX: `benchkill${Date.now()}:`, JWT_SECRET: newSecret() };
  const processes: ServerProcess[] = [];
  try {
    const victim = await startProductNode({ ...env, NODE_ID: 'kill1' }, 'node 1');
    processes.push(victim);
    const survivor = await startProductNode({ ...env, NODE_ID: 'kill2' }, 'node 2');
    processes.push(survivor);
    const port = await freeLoopbackPort();
    const balancerScript = join(__dirname, '..', '..', 'harness', 'tcp-balancer.mjs');
    const balancer = new ServerProcess('tcp balancer', port, [balancerScript, String(port), String(victim.port), String(survivor.port)], { ...process.env, LISTEN_HOST: '127.0.0.1' });
    processes.push(balancer);
    await balancer.healthy(); // GET /healthz through it reaches node 1
    const out: KillTrial[] = [];
    for (let i = 0; i < KILL_TRIALS; i++) {
      // A fresh node id per life: the killed one's liveness key may not have expired yet.
      if (i > 0) await victim.restart({ NODE_ID: `kill1-${i}` });
      out.push(await trial(balancer.url, survivor, victim, (await newMeeting(survivor.url)).meeting));
      onTrial();
    }
    return out;
  } finally {
    for (const p of processes.reverse()) await p.stop();
  }
}
