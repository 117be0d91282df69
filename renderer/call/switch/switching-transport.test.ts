/**
 * The live topology switch without WebRTC: fake mesh/SFU transports, a fake server port and a
 * readiness check the test resolves by hand. Covers make-before-break and the races around it
 * (a join, a leave, and a second switch while one runs).
 */
import type { Topology } from '../../../protocol';
import type { SfuPort } from '../sfu/sfu-port';
import { FakeStream, stream, track } from '../testing/fake-media';
import { FakeTransport, fakeTransportContext } from '../testing/fake-transport';
import { SwitchingTransport } from './switching-transport';

/** A path of the switch: the shared fake transport, standing for a mesh or an SFU path. */
class PathFake extends FakeTransport {
  constructor(kind: Topology) {
    super(fakeTransportContext(kind), kind);
  }
  /** Peers in the order they were added (and not removed since). */
  get peerIds(): string[] {
    return [...this.peers];
  }
  /** The tracks of every replaceTrack call, in order. */
  get replacedTracks(): (MediaStreamTrack | null)[] {
    return this.replaced.map((r) => r.track);
  }
}

const live: SwitchingTransport[] = [];

function setup(opts: { readyTimeoutMs?: number; closeTimeoutMs?: number } = {}) {
  const made: PathFake[] = [];
  /** The tile sizes each path was created with (copied: the transport's own map changes later). */
  const createdWith: [number, number][][] = [];
  const switched: Topology[] = [];
  let onDone: ((m: Topology) => void) | undefined;
  let onRehome: (() => void) | undefined;
  const port = {
    onRehome: (fn: () => void) => {
      onRehome = fn;
      return () => (onRehome = undefined);
    },
    switched: async (m: Topology) => void switched.push(m),
    onSwitchDone: (fn: (m: Topology) => void) => {
      onDone = fn;
      return () => (onDone = undefined);
    },
  } as unknown as SfuPort;
  // Readiness per stream, resolved by the test (`present`), or false at the transport's timeout.
  const waiting = new Map<MediaStream, (ok: boolean) => void>();
  const ready = (s: MediaStream, timeoutMs: number) =>
    new Promise<boolean>((resolve) => {
      waiting.set(s, resolve);
      setTimeout(() => resolve(false), timeoutMs);
    });
  const t = new SwitchingTransport({
    initial: 'mesh',
    create: (mode, tiles, sending) => {
      createdWith.push([...tiles.values()].map(([w, h]) => [w, h]));
      const p = new PathFake(mode);
      p.sending = sending;
      made.push(p);
      return p;
    },
    port,
    ready,
    readyTimeoutMs: opts.readyTimeoutMs ?? 6000,
    closeTimeoutMs: opts.closeTimeoutMs ?? 15_000,
  });
  live.push(t);
  const shown = new Map<string, MediaStream>();
  let emitted = 0;
  t.on('stream', (id, s) => {
    shown.set(id, s);
    emitted++;
  });
  const present = async (s: MediaStream) => {
    waiting.get(s)?.(true);
    await Promise.resolve();
    await Promise.resolve();
  };
  const media = () => stream([track('audio'), track('video')]);
  return { t, made, createdWith, switched, done: (m: Topology) => onDone?.(m), rehome: () => onRehome?.(), present, media, shown, emitted: () => emitted };
}

beforeAll(() => {
  (globalThis as { MediaStream?: unknown }).MediaStream = FakeStream;
  jest.spyOn(console, 'info').mockImplementation(() => undefined);
});
afterEach(() => {
  for (const t of live.splice(0)) t.close();
  jest.useRealTimers();
});

/** Two participants on a running mesh, each tile showing its mesh stream. */
function meshWithTwo() {
  const s = setup();
  const [mesh] = s.made;
  s.t.addPeer('bob', 1);
  s.t.addPeer('cy', 2);
  const meshStreams = { bob: s.media(), cy: s.media() };
  mesh.emit('stream', 'bob', meshStreams.bob);
  mesh.emit('stream', 'cy', meshStreams.cy);
  return { ...s, mesh, meshStreams };
}

it('moves to the SFU make-before-break: each tile swaps when its new track presents a frame, in the same display stream; the old path closes on switch-done', async () => {
  const s = meshWithTwo();
  const bobTile = s.shown.get('bob') as MediaStream;
  const meshVideo = s.meshStreams.bob.getVideoTracks()[0];
  expect(bobTile.getVideoTracks()).toEqual([meshVideo]);
  expect(s.t.switching).toBe(false);

  s.t.switchTo('sfu');
  expect(s.t.switching).toBe(true);
  const sfu = s.made[1];
  expect(sfu.kind).toBe('sfu');
  expect(sfu.peerIds).toEqual(['bob', 'cy']);
  const sfuBob = s.media();
  const sfuCy = s.media();
  sfu.emit('stream', 'bob', sfuBob);
  sfu.emit('stream', 'cy', sfuCy);
  // Nothing swapped before a frame is presented on the new path.
  expect(bobTile.getVideoTracks()).toEqual([meshVideo]);
  await s.present(sfuBob);
  expect(s.shown.get('bob')).toBe(bobTile);
  expect(bobTile.getVideoTracks()).toEqual(sfuBob.getVideoTracks());
  expect(s.switched).toEqual(['mesh']); // the constructor's "already there" report only
  await s.present(sfuCy);
  expect(s.switched).toEqual(['mesh', 'sfu']);
  expect(s.mesh.closed).toBe(false);
  expect(s.t.switching).toBe(true);
  s.done('sfu');
  expect(s.mesh.closed).toBe(true);
  expect(s.t.kind).toBe('sfu');
  expect(s.t.switching).toBe(false);
});

it('a participant who joins during the switch is added on the new path only and does not hold the switch up', async () => {
  const s = meshWithTwo();
  s.t.switchTo('sfu');
  const sfu = s.made[1];
  s.t.addPeer('dee', 3);
  expect(s.mesh.peerIds).toEqual(['bob', 'cy']);
  expect(sfu.peerIds).toEqual(['bob', 'cy', 'dee']);
  const dee = s.media();
  sfu.emit('stream', 'dee', dee);
  // Dee's tile shows her SFU stream at once (there is nothing to swap from).
  expect(s.shown.get('dee')?.getVideoTracks()).toEqual(dee.getVideoTracks());
  const [b, c] = [s.media(), s.media()];
  sfu.emit('stream', 'bob', b);
  sfu.emit('stream', 'cy', c);
  await s.present(b);
  await s.present(c);
  expect(s.switched).toEqual(['mesh', 'sfu']);
});

it('a participant who leaves during the switch is dropped from both paths and no longer awaited', async () => {
  const s = meshWithTwo();
  s.t.switchTo('sfu');
  const sfu = s.made[1];
  const b = s.media();
  sfu.emit('stream', 'bob', b);
  await s.present(b);
  expect(s.switched).toEqual(['mesh']);
  s.t.removePeer('cy');
  expect(s.mesh.peerIds).toEqual(['bob']);
  expect(sfu.peerIds).toEqual(['bob']);
  expect(s.switched).toEqual(['mesh', 'sfu']);
  // A late stream of the one who left reaches no tile.
  const before = s.emitted();
  sfu.emit('stream', 'cy', s.media());
  expect(s.emitted()).toBe(before);
});

it('a switch back before the first one finished keeps the old path and closes the half-built one; a later switch starts afresh', async () => {
  const s = meshWithTwo();
  const bobTile = s.shown.get('bob') as MediaStream;
  const meshBobVideo = s.meshStreams.bob.getVideoTracks()[0];
  s.t.switchTo('sfu');
  const first = s.made[1];
  const b = s.media();
  first.emit('stream', 'bob', b);
  await s.present(b); // Bob swapped to the SFU, Cy not yet
  expect(bobTile.getVideoTracks()).toEqual(b.getVideoTracks());
  s.t.switchTo('mesh');
  expect(first.closed).toBe(true);
  expect(s.mesh.closed).toBe(false);
  expect(s.t.kind).toBe('mesh');
  // Bob's tile is back on its mesh track, in the same display stream.
  expect(s.shown.get('bob')).toBe(bobTile);
  expect(bobTile.getVideoTracks()).toEqual([meshBobVideo]);
  // A switch-done for the abandoned switch changes nothing.
  s.done('sfu');
  expect(s.mesh.closed).toBe(false);
  s.t.switchTo('sfu');
  expect(s.made).toHaveLength(3);
  expect(s.made[2].peerIds).toEqual(['bob', 'cy']);
});

it('swaps a tile whose new path never presents a frame after the readiness timeout, and closes the old path after the close timeout without a switch-done', async () => {
  jest.useFakeTimers();
  const s = setup({ readyTimeoutMs: 1000, closeTimeoutMs: 5000 });
  s.t.addPeer('bob', 1);
  s.made[0].emit('stream', 'bob', s.media());
  s.t.switchTo('sfu');
  const quiet = s.media();
  s.made[1].emit('stream', 'bob', quiet);
  await jest.advanceTimersByTimeAsync(999);
  expect(s.shown.get('bob')?.getVideoTracks()).not.toEqual(quiet.getVideoTracks());
  await jest.advanceTimersByTimeAsync(1);
  expect(s.shown.get('bob')?.getVideoTracks()).toEqual(quiet.getVideoTracks());
  expect(s.switched).toEqual(['mesh', 'sfu']);
  expect(s.made[0].closed).toBe(false);
  await jest.advanceTimersByTimeAsync(4000);
  expect(s.made[0].closed).toBe(true);
});

it('sends track changes on both paths while both live', async () => {
  const s = meshWithTwo();
  s.t.switchTo('sfu');
  const cam = track('video');
  await s.t.replaceTrack('video', cam);
  await s.t.replaceTrack('video', null);
  expect(s.mesh.replacedTracks).toEqual([cam, null]);
  expect(s.made[1].replacedTracks).toEqual([cam, null]);
  s.t.close();
  expect(s.mesh.closed && s.made[1].closed).toBe(true);
});

it('creates the new path knowing every tile size, so it can subscribe in the right layers from its first request', () => {
  const s = meshWithTwo();
  s.t.setTileSize('bob', 640, 360);
  s.t.setTileSize('cy', 160, 90);
  s.t.switchTo('sfu');
  expect(s.createdWith).toEqual([[], [[640, 360], [160, 90]]]);
  // A participant who left takes its size with it.
  s.t.switchTo('mesh');
  s.t.removePeer('cy');
  s.t.switchTo('sfu');
  expect(s.createdWith.at(-1)).toEqual([[640, 360]]);
});

describe('warm SFU path', () => {
  it('is held idle beside the mesh while the server asks; the switch takes it and turns sending on instead of making a path', async () => {
    const s = meshWithTwo();
    s.t.prewarm(true);
    s.t.prewarm(true);
    expect(s.made.map((p) => [p.kind, p.sending])).toEqual([['mesh', true], ['sfu', false]]);
    const warm = s.made[1];
    // It gets the current tracks and nothing of it reaches a tile while idle.
    const cam = track('video');
    await s.t.replaceTrack('video', cam);
    expect(warm.replacedTracks).toEqual([cam]);
    const before = s.emitted();
    warm.emit('stream', 'bob', s.media());
    expect(s.emitted()).toBe(before);

    s.t.switchTo('sfu');
    expect(s.made).toHaveLength(2);
    expect(warm.sendings).toEqual([true]);
    expect(warm.peerIds).toEqual(['bob', 'cy']);
    const [b, c] = [s.media(), s.media()];
    warm.emit('stream', 'bob', b);
    warm.emit('stream', 'cy', c);
    await s.present(b);
    await s.present(c);
    expect(s.shown.get('bob')?.getVideoTracks()).toEqual(b.getVideoTracks());
    expect(s.switched).toEqual(['mesh', 'sfu']);
    s.done('sfu');
    expect(s.mesh.closed).toBe(true);
    expect(s.t.kind).toBe('sfu');
  });

  it('the switch back holds the SFU path idle again (share off, sending off) and the next switch takes it once more', async () => {
    const s = meshWithTwo();
    s.t.prewarm(true);
    const warm = s.made[1];
    s.t.switchTo('sfu');
    for (const id of ['bob', 'cy']) {
      const m = s.media();
      warm.emit('stream', id, m);
      await s.present(m);
    }
    s.done('sfu');
    s.t.switchTo('mesh');
    const mesh2 = s.made[2];
    for (const id of ['bob', 'cy']) {
      const m = s.media();
      mesh2.emit('stream', id, m);
      await s.present(m);
    }
    s.done('mesh');
    expect(warm.closed).toBe(false);
    expect(warm.sendings).toEqual([true, false]);
    expect(warm.shares.at(-1)).toBeNull();
    expect(s.t.kind).toBe('mesh');
    // Idle again: its streams reach no tile.
    const before = s.emitted();
    warm.emit('stream', 'bob', s.media());
    expect(s.emitted()).toBe(before);

    s.t.switchTo('sfu');
    expect(s.made).toHaveLength(3);
    expect(warm.sendings).toEqual([true, false, true]);
    const b = s.media();
    warm.emit('stream', 'bob', b);
    await s.present(b);
    expect(s.shown.get('bob')?.getVideoTracks()).toEqual(b.getVideoTracks());
  });

  it('a switch called off holds the half-used warm path idle again rather than closing it', () => {
    const s = meshWithTwo();
    s.t.prewarm(true);
    const warm = s.made[1];
    s.t.switchTo('sfu');
    s.t.switchTo('mesh');
    expect(warm.closed).toBe(false);
    expect(warm.sendings).toEqual([true, false]);
    expect(s.mesh.closed).toBe(false);
  });

  it('is let go when the server says so, is never made beside another SFU path, and closes with the transport', async () => {
    const s = meshWithTwo();
    s.t.prewarm(true);
    s.t.prewarm(false);
    expect(s.made[1].closed).toBe(true);
    // Without a warm path the switch makes one, sending; asking for warmth on the SFU makes nothing more.
    s.t.switchTo('sfu');
    expect(s.made).toHaveLength(3);
    expect(s.made[2].sending).toBe(true);
    s.t.prewarm(true);
    expect(s.made).toHaveLength(3);
    for (const id of ['bob', 'cy']) {
      const m = s.media();
      s.made[2].emit('stream', id, m);
      await s.present(m);
    }
    s.done('sfu');
    // Back on mesh with warmth wanted: the SFU path that was in use is kept idle.
    s.t.switchTo('mesh');
    s.done('mesh');
    expect(s.made[2].closed).toBe(false);
    expect(s.made[2].sendings).toEqual([false]);
    s.t.close();
    expect(s.made.every((p) => p.closed)).toBe(true);
  });
});

describe('failover to another Janus (sfu:rehome)', () => {
  /** Two participants on a running SFU path (switched from mesh, done). */
  async function onSfu() {
    const s = meshWithTwo();
    s.t.switchTo('sfu');
    const sfu = s.made[1];
    for (const id of ['bob', 'cy']) {
      const m = s.media();
      sfu.emit('stream', id, m);
      await s.present(m);
    }
    s.done('sfu');
    return { ...s, sfu };
  }

  it('closes the dead SFU path, starts a new one with everyone, and each tile takes its new tracks at once (in the same display stream while an old track lives)', async () => {
    const s = await onSfu();
    const bobTile = s.shown.get('bob') as MediaStream;
    s.rehome();
    expect(s.sfu.closed).toBe(true);
    const next = s.made[2];
    expect([next.kind, next.sending, next.peerIds]).toEqual(['sfu', true, ['bob', 'cy']]);
    const fresh = s.media();
    next.emit('stream', 'bob', fresh);
    // No readiness wait: the old path is dead, the new tracks go in at once, same tile stream.
    expect(s.shown.get('bob')).toBe(bobTile);
    expect(bobTile.getVideoTracks()).toEqual(fresh.getVideoTracks());
    expect(s.t.kind).toBe('sfu');
    // The dead path's late streams reach no tile.
    const cyTracks = s.shown.get('cy')?.getVideoTracks();
    s.sfu.emit('stream', 'cy', s.media());
    expect(s.shown.get('cy')?.getVideoTracks()).toEqual(cyTracks);
  });

  it('gives a tile a new display stream when every track of its old one ended (the dead path closed them): a <video> does not play an inactive stream again', async () => {
    const s = await onSfu();
    const bobTile = s.shown.get('bob') as MediaStream;
    for (const t of bobTile.getTracks()) (t as unknown as { stop(): void }).stop();
    s.rehome();
    const fresh = s.media();
    s.made[2]?.emit('stream', 'bob', fresh);
    const now = s.shown.get('bob') as MediaStream;
    expect(now).not.toBe(bobTile);
    expect(now.getVideoTracks()).toEqual(fresh.getVideoTracks());
  });

  it('on mesh, rebuilds a warm path and leaves the mesh alone; without any SFU path it does nothing', async () => {
    const s = meshWithTwo();
    s.rehome();
    expect(s.made).toHaveLength(1);
    s.t.prewarm(true);
    const warm = s.made[1];
    s.rehome();
    expect(warm.closed).toBe(true);
    expect(s.made.map((p) => [p.kind, p.sending])).toEqual([['mesh', true], ['sfu', false], ['sfu', false]]);
    expect(s.mesh.closed).toBe(false);
  });

  it('during a switch to the SFU, replaces the half-built path and the switch goes on', async () => {
    const s = meshWithTwo();
    s.t.switchTo('sfu');
    const first = s.made[1];
    s.rehome();
    expect(first.closed).toBe(true);
    const second = s.made[2];
    expect(second.peerIds).toEqual(['bob', 'cy']);
    for (const id of ['bob', 'cy']) {
      const m = s.media();
      second.emit('stream', id, m);
      await s.present(m);
    }
    expect(s.switched).toEqual(['mesh', 'sfu']);
    s.done('sfu');
    expect(s.mesh.closed).toBe(true);
    expect(s.t.kind).toBe('sfu');
  });
});
