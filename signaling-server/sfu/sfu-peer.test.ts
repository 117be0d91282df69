/**
 * SfuPeer's subscriber bookkeeping against a recording fake Janus session: subscriptions carry the
 * viewer's simulcast layers from the start, and publishers that go live together are added in one
 * renegotiation.
 */
import { EventEmitter } from 'node:events';
import type { JanusSession } from '../janus/client';
import { SfuPeer } from './sfu-peer';
import { peerOnFakeSession } from '../testing/sfu-peer';

/** A Janus handle that records its messages and answers subscriptions with an offer. */
class FakeHandle extends EventEmitter {
  readonly messages: Record<string, unknown>[] = [];
  async message(body: Record<string, unknown>): Promise<unknown> {
    this.messages.push(body);
    const feeds = ((body.streams ?? body.subscribe ?? []) as { feed: string }[]).map((s) => s.feed);
    const streams = feeds.flatMap((feed, i) => [
      { type: 'audio', mid: `a${i}`, feed_id: feed },
      { type: 'video', mid: `v${i}`, feed_id: feed },
    ]);
    return { data: { streams }, jsep: body.request === 'start' || body.request === 'configure' ? undefined : { type: 'offer', sdp: 'v=0' } };
  }
  async trickle(): Promise<void> {}
  detached = false;
  async detach(): Promise<void> {
    this.detached = true;
  }
}

/** A Janus session whose handles answer every request with an SDP answer (a publisher's side). */
const publishingSession = () =>
  ({ attach: async () => Object.assign(new FakeHandle(), { message: async () => ({ data: {}, jsep: { type: 'answer', sdp: 'v=0' } }) }), destroy: async () => undefined }) as unknown as JanusSession;
/** Nothing to push: these tests read the peer. */
const quietPush = { offer: () => undefined, trickle: () => undefined, slowlink: () => undefined, rehome: () => undefined };

function setup() {
  const made = peerOnFakeSession(() => new FakeHandle());
  made.peer.wantsSubscribe = true;
  return made;
}

it('subscribes in the layers the viewer asked for, its default for the others, and keeps later choices for later subscriptions', async () => {
  const { peer, handles, offers } = setup();
  peer.preferLayers([{ feed: 'ann', substream: 0 }], 1);
  const first = peer.sync(async () => ['ann', 'ben']);
  await new Promise((r) => setImmediate(r));
  expect(handles[0].messages[0]).toMatchObject({ request: 'join', ptype: 'subscriber', streams: [{ feed: 'ann', substream: 0 }, { feed: 'ben', substream: 1 }] });
  expect(await peer.answer(offers[0], { type: 'answer', sdp: 'v=0' })).toBe(true);
  await first;
  await peer.configure([{ feed: 'cy', substream: 2 }]);
  const second = peer.sync(async () => ['ann', 'ben', 'cy', 'dee']);
  await new Promise((r) => setImmediate(r));
  const update = handles[0].messages.find((m) => m.request === 'update');
  expect(update).toEqual({ request: 'update', subscribe: [{ feed: 'cy', substream: 2 }, { feed: 'dee', substream: 1 }] });
  await peer.answer(offers[1], { type: 'answer', sdp: 'v=0' });
  await second;
});

it('adds publishers that go live while a renegotiation is open in one update, reading the feed list when its turn comes', async () => {
  const { peer, handles, offers } = setup();
  let live = ['ann'];
  const list = async () => live;
  const first = peer.sync(list);
  await new Promise((r) => setImmediate(r));
  // Three more go live before the browser answered the first offer: three syncs, one waiting turn.
  const waiting = [(live = ['ann', 'ben'], peer.sync(list)), (live = ['ann', 'ben', 'cy'], peer.sync(list)), (live = ['ann', 'ben', 'cy', 'dee'], peer.sync(list))];
  expect(new Set(waiting).size).toBe(1);
  await peer.answer(offers[0], { type: 'answer', sdp: 'v=0' });
  await first;
  await new Promise((r) => setImmediate(r));
  const updates = handles[0].messages.filter((m) => m.request === 'update');
  expect(updates).toEqual([{ request: 'update', subscribe: [{ feed: 'ben' }, { feed: 'cy' }, { feed: 'dee' }] }]);
  await peer.answer(offers[1], { type: 'answer', sdp: 'v=0' });
  await Promise.all(waiting);
  expect(offers).toEqual([1, 2]);
});

it('takes the answer to the latest offer after its wait ran out (a busy browser), but not an older or a repeated one', async () => {
  jest.useFakeTimers();
  try {
    const { peer, handles, offers } = setup();
    const first = peer.sync(async () => ['ann']);
    await jest.advanceTimersByTimeAsync(0);
    expect(offers).toEqual([1]);
    await jest.advanceTimersByTimeAsync(4_500); // not answered yet: sent again, same seq
    expect(offers).toEqual([1, 1]);
    await jest.advanceTimersByTimeAsync(26_000); // the server stopped waiting for the answer
    await first;
    const sent = offers.length;
    await jest.advanceTimersByTimeAsync(10_000);
    expect(offers).toHaveLength(sent); // and stopped sending it
    expect(await peer.answer(1, { type: 'answer', sdp: 'v=0' })).toBe(true);
    expect(handles[0].messages.filter((m) => m.request === 'start')).toHaveLength(1);
    expect(await peer.answer(1, { type: 'answer', sdp: 'v=0' })).toBe(false); // answered already
    const second = peer.sync(async () => ['ann', 'ben']);
    await jest.advanceTimersByTimeAsync(0);
    expect(offers.slice(sent)).toEqual([2]);
    expect(await peer.answer(1, { type: 'answer', sdp: 'v=0' })).toBe(false); // an older offer
    expect(await peer.answer(2, { type: 'answer', sdp: 'v=0' })).toBe(true);
    await second;
    expect(handles[0].messages.filter((m) => m.request === 'start')).toHaveLength(2);
  } finally {
    jest.useRealTimers();
  }
});

it('sends the latest offer again when the browser resumes while it is unanswered (its wait ran out or not), and takes its late answer; nothing once answered', async () => {
  jest.useFakeTimers();
  try {
    const { peer, handles, offers } = setup();
    const first = peer.sync(async () => ['ann']);
    await jest.advanceTimersByTimeAsync(0);
    peer.resumed(); // the signaling connection came back while the offer waits
    expect(offers).toEqual([1, 1]);
    await jest.advanceTimersByTimeAsync(31_000); // the server stopped waiting, and resending
    await first;
    const sent = offers.length;
    peer.resumed(); // back after that: the offer goes out once more
    expect(offers.slice(sent)).toEqual([1]);
    expect(await peer.answer(1, { type: 'answer', sdp: 'v=0' })).toBe(true);
    expect(handles[0].messages.filter((m) => m.request === 'start')).toHaveLength(1);
    peer.resumed(); // answered: nothing to send
    expect(offers.slice(sent)).toEqual([1]);
  } finally {
    jest.useRealTimers();
  }
});

it('a subscriber reset gives up the unanswered offer, drops the Janus subscriber and joins a new one with every feed', async () => {
  const { peer, handles, offers } = setup();
  const first = peer.sync(async () => ['ann', 'ben']);
  await new Promise((r) => setImmediate(r));
  expect(offers).toEqual([1]);
  // The browser's connection never came up; it asks again from scratch before answering.
  peer.resetSubscriber();
  await first;
  const again = peer.sync(async () => ['ann', 'ben']);
  await new Promise((r) => setImmediate(r));
  expect(handles[0].detached).toBe(true);
  expect(handles).toHaveLength(2);
  expect(handles[1].messages[0]).toMatchObject({ request: 'join', ptype: 'subscriber', streams: [{ feed: 'ann' }, { feed: 'ben' }] });
  expect(offers).toEqual([1, 2]);
  // The old offer's answer is refused; the new one is taken.
  expect(await peer.answer(1, { type: 'answer', sdp: 'v=0' })).toBe(false);
  expect(await peer.answer(2, { type: 'answer', sdp: 'v=0' })).toBe(true);
  await again;
  // A late event of the dropped handle pushes nothing.
  handles[0].emit('event', { data: {}, jsep: { type: 'offer', sdp: 'v=0' } });
  await new Promise((r) => setImmediate(r));
  expect(offers).toEqual([1, 2]);
});

it('pauses and resumes the video of a feed (its m-line only), and keeps a paused feed paused when a later offer subscribes it again', async () => {
  const { peer, handles, offers } = setup();
  peer.preferLayers([{ feed: 'ben', substream: 0, video: false }], 1);
  const first = peer.sync(async () => ['ann', 'ben']);
  await new Promise((r) => setImmediate(r));
  await peer.answer(offers[0] as number, { type: 'answer', sdp: 'v=0' });
  await first;
  const configures = () => (handles[0]?.messages ?? []).filter((m) => m.request === 'configure');
  // Subscribed paused from the start: right after the answer, ben's video m-line is told not to send.
  expect(configures()).toEqual([{ request: 'configure', streams: [{ mid: 'v1', send: false }] }]);
  await peer.configure([{ feed: 'ann', substream: 0, video: false }]);
  await peer.configure([{ feed: 'ben', substream: 2, video: true }]);
  expect(configures().slice(1)).toEqual([
    { request: 'configure', streams: [{ mid: 'v0', substream: 0, send: false }] },
    { request: 'configure', streams: [{ mid: 'v1', substream: 2, send: true }] },
  ]);
});

it('drops a subscriber whose join Janus refused (a feed went away meanwhile), so the next sync joins afresh instead of updating an unjoined one', async () => {
  const { peer, handles, offers } = setup();
  let refuse = true;
  const attach = (peer as unknown as { session: { attach(): Promise<FakeHandle> } }).session;
  const original = attach.attach.bind(attach);
  attach.attach = async () => {
    const h = await original();
    const message = h.message.bind(h);
    h.message = async (body) => {
      if (refuse && body.request === 'join') throw new Error('Janus error 428: No such feed (cy)');
      return message(body);
    };
    return h;
  };
  await expect(peer.sync(async () => ['ann', 'cy'])).rejects.toThrow(/428/);
  expect(handles[0]?.detached).toBe(true);
  refuse = false;
  const again = peer.sync(async () => ['ann']);
  await new Promise((r) => setImmediate(r));
  expect(handles[1]?.messages[0]).toMatchObject({ request: 'join', streams: [{ feed: 'ann' }] });
  await peer.answer(offers[0] as number, { type: 'answer', sdp: 'v=0' });
  await again;
});

it('hears from Janus, on its publisher, when another publisher goes away (left, unpublished, kicked) or comes, and forgets a gone feed on request', async () => {
  const { handles } = setup();
  const heard: (string | undefined)[] = [];
  const session = publishingSession();
  const peer = new SfuPeer('me', session, { room: 'r', pin: 'p' }, quietPush, () => undefined, (gone) => heard.push(gone));
  await peer.publish({ type: 'offer', sdp: 'v=0' });
  const pub = (peer as unknown as { publisher: FakeHandle }).publisher;
  pub.emit('event', { plugin: 'janus.plugin.videoroom', data: { kicked: 'ann' } });
  pub.emit('event', { plugin: 'janus.plugin.videoroom', data: { leaving: 'ben' } });
  pub.emit('event', { plugin: 'janus.plugin.videoroom', data: { unpublished: 'ok' } });
  pub.emit('event', { plugin: 'janus.plugin.videoroom', data: { publishers: [{ id: 'cy' }] } });
  expect(heard).toEqual(['ann', 'ben', undefined]);
  expect(handles).toEqual([]);

  const viewer = setup();
  const first = viewer.peer.sync(async () => ['ann', 'ben']);
  await new Promise((r) => setImmediate(r));
  await viewer.peer.answer(viewer.offers[0] as number, { type: 'answer', sdp: 'v=0' });
  await first;
  viewer.peer.forgetFeed('ann');
  const again = viewer.peer.sync(async () => ['ann', 'ben']);
  await new Promise((r) => setImmediate(r));
  expect(viewer.handles[0]?.messages.find((m) => m.request === 'update')).toEqual({ request: 'update', subscribe: [{ feed: 'ann' }] });
  await viewer.peer.answer(viewer.offers[1] as number, { type: 'answer', sdp: 'v=0' });
  await again;
});

it('restarts ICE on the subscriber: Janus is asked to (configure restart) and its offer goes to the browser as the next one', async () => {
  const { peer, handles, offers } = setup();
  const first = peer.sync(async () => ['ann']);
  await new Promise((r) => setImmediate(r));
  await peer.answer(offers[0] as number, { type: 'answer', sdp: 'v=0' });
  await first;
  const sub = handles[0] as FakeHandle;
  const plain = sub.message.bind(sub);
  sub.message = async (body) => (body.restart ? (sub.messages.push(body), { data: {}, jsep: { type: 'offer', sdp: 'v=0 restart' } }) : plain(body));
  const restarted = peer.restartIce();
  await new Promise((r) => setImmediate(r));
  expect(sub.messages.at(-1)).toEqual({ request: 'configure', restart: true });
  expect(offers).toEqual([1, 2]);
  // The streams are kept (Janus's restart offer carries no list).
  expect(peer.streams.map((s) => s.feed)).toEqual(['ann', 'ann']);
  expect(await peer.answer(2, { type: 'answer', sdp: 'v=0' })).toBe(true);
  await restarted;
});

it("passes Janus's slowlink on the publisher and the subscriber on to the browser", async () => {
  const slow: unknown[] = [];
  const session = publishingSession();
  const peer = new SfuPeer('me', session, { room: 'r', pin: 'p' }, { offer: () => undefined, trickle: () => undefined, slowlink: (target, info) => slow.push({ target, ...info }), rehome: () => undefined }, () => undefined);
  await peer.publish({ type: 'offer', sdp: 'v=0' });
  const pub = (peer as unknown as { publisher: FakeHandle }).publisher;
  pub.emit('slowlink', { janus: 'slowlink', uplink: true, lost: 9 });
  pub.emit('slowlink', { janus: 'slowlink' });
  expect(slow).toEqual([
    { target: 'publisher', uplink: true, lost: 9 },
    { target: 'publisher', uplink: false, lost: 0 },
  ]);
});

it("takes a publisher Janus hung up for live no more, and reports once a connection Janus gave up (not one the browser or we ended)", async () => {
  const lost: string[] = [];
  const session = publishingSession();
  const peer = new SfuPeer('me', session, { room: 'r', pin: 'p' }, quietPush, () => undefined);
  peer.onLost = (target, reason) => lost.push(`${target}: ${reason}`);
  await peer.publish({ type: 'offer', sdp: 'v=0' });
  const pub = (peer as unknown as { publisher: FakeHandle }).publisher;
  pub.emit('webrtcup', {});
  expect(peer.live).toBe(true);
  pub.emit('hangup', { janus: 'hangup', reason: 'DTLS alert' });
  expect(peer.live).toBe(false);
  expect(lost).toEqual([]);
  pub.emit('webrtcup', {});
  pub.emit('hangup', { janus: 'hangup', reason: 'ICE failed' });
  expect([peer.live, lost]).toEqual([false, ['publisher: ICE failed']]);
  // Reported once: the participant connects again with both connections anyway.
  pub.emit('hangup', { janus: 'hangup', reason: 'ICE failed' });
  expect(lost).toEqual(['publisher: ICE failed']);
  // A closed peer hears nothing more.
  const closing = new SfuPeer('me', publishingSession(), { room: 'r', pin: 'p' }, quietPush, () => undefined);
  closing.onLost = (target, reason) => lost.push(`${target}: ${reason}`);
  await closing.publish({ type: 'offer', sdp: 'v=0' });
  await closing.close();
  (closing as unknown as { publisher: FakeHandle }).publisher.emit('hangup', { janus: 'hangup', reason: 'DTLS timeout' });
  expect(lost).toEqual(['publisher: ICE failed']);
});

it('made ready ahead (prepare), publishes with one Janus request and subscribes on the handle attached ahead; a failed join is tried again by the publish', async () => {
  const attached: FakeHandle[] = [];
  let refuseJoin = true;
  const session = {
    attach: async () => {
      const h = new FakeHandle();
      const subscriberMessage = h.message.bind(h);
      h.message = async (body: Record<string, unknown>) => {
        if (body.ptype === 'publisher') {
          h.messages.push(body);
          if (refuseJoin) throw new Error('Janus: 436 already in the room');
          return { data: {} };
        }
        if (body.request === 'publish') {
          h.messages.push(body);
          return { data: {}, jsep: { type: 'answer', sdp: 'v=0' } };
        }
        return subscriberMessage(body);
      };
      attached.push(h);
      return h;
    },
    destroy: async () => undefined,
  } as unknown as JanusSession;
  const offers: number[] = [];
  const peer = new SfuPeer('me', session, { room: 'r', pin: 'p' }, { ...quietPush, offer: (o) => offers.push(o.seq) }, () => undefined);

  // The first preparation fails at the join: the publish attaches and joins afresh.
  await expect(peer.prepare()).rejects.toThrow('436');
  expect(attached).toHaveLength(2);
  refuseJoin = false;
  await peer.publish({ type: 'offer', sdp: 'v=0' });
  expect(attached).toHaveLength(3);
  expect(attached[2]?.messages.map((m) => m.request)).toEqual(['join', 'publish']);

  // Prepared without failure: the publish sends only `publish` on the joined handle.
  const ready = new SfuPeer('you', session, { room: 'r', pin: 'p' }, { ...quietPush, offer: (o) => offers.push(o.seq) }, () => undefined);
  await ready.prepare();
  expect(attached).toHaveLength(5);
  const [pub, spare] = [attached[3]!, attached[4]!];
  expect(pub.messages).toEqual([{ request: 'join', ptype: 'publisher', room: 'r', pin: 'p', id: 'you', display: 'you' }]);
  await ready.publish({ type: 'offer', sdp: 'v=0' });
  expect(pub.messages.map((m) => m.request)).toEqual(['join', 'publish']);
  // The subscriber joins on the handle attached ahead: no attach on the way.
  ready.wantsSubscribe = true;
  const sync = ready.sync(async () => ['ann']);
  await new Promise((r) => setImmediate(r));
  expect(attached).toHaveLength(5);
  expect(spare.messages[0]).toMatchObject({ request: 'join', ptype: 'subscriber', streams: [{ feed: 'ann' }] });
  await ready.answer(offers[0]!, { type: 'answer', sdp: 'v=0' });
  await sync;
});
