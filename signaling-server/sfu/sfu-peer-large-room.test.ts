/**
 * SfuPeer in a room past the subscriber's m-line budget (./subscription-plan): it learns the
 * publishers' streams from Janus's list on its own publisher, subscribes everyone's audio and only
 * the shown videos by mid, and a pause or a resume renegotiates which videos it carries.
 */
import { EventEmitter } from 'node:events';
import { peerOnFakeSession } from '../testing/sfu-peer';

const FEEDS = Array.from({ length: 99 }, (_, i) => `p${i}`);

/** A Janus VideoRoom handle: a publisher's join lists the room; a subscriber keeps its m-lines by (feed, mid). */
class FakeHandle extends EventEmitter {
  readonly messages: Record<string, unknown>[] = [];
  private lines: { mid: string; feed_id: string; feed_mid: string; type: string; active: boolean }[] = [];
  async message(body: Record<string, unknown>): Promise<unknown> {
    this.messages.push(body);
    // The publisher's join takes a while (Janus is busy): the subscription must wait for its list.
    if (body.ptype === 'publisher') await new Promise((r) => setTimeout(r, 30));
    if (body.ptype === 'publisher') return { data: { publishers: FEEDS.map((id) => ({ id, streams: [{ type: 'audio', mid: '0' }, { type: 'video', mid: '1' }] })) } };
    if (body.request === 'start' || body.request === 'configure') return { data: {} };
    for (const r of (body.unsubscribe ?? []) as { feed: string; mid?: string }[]) {
      for (const l of this.lines) if (l.feed_id === r.feed && (r.mid === undefined || l.feed_mid === r.mid)) l.active = false;
    }
    for (const r of (body.streams ?? body.subscribe ?? []) as { feed: string; mid?: string }[]) {
      for (const mid of r.mid === undefined ? ['0', '1'] : [r.mid]) {
        const line = { feed_id: r.feed, feed_mid: mid, type: mid === '0' ? 'audio' : 'video', active: true };
        // Janus reuses an inactive m-line of the same kind before adding one.
        const free = this.lines.find((l) => !l.active && l.type === line.type);
        if (free) Object.assign(free, line);
        else this.lines.push({ ...line, mid: String(this.lines.length) });
      }
    }
    return { data: { streams: this.lines.map((l) => ({ ...l })) }, jsep: { type: 'offer', sdp: 'v=0' } };
  }
  get carried(): string[] {
    return this.lines.filter((l) => l.active).map((l) => `${l.feed_id}/${l.type}`);
  }
  async trickle(): Promise<void> {}
  async detach(): Promise<void> {}
}

it('past the budget subscribes every audio and the shown videos by mid, and renegotiates which videos on a pause or a resume', async () => {
  const { peer, handles, offers } = peerOnFakeSession(() => new FakeHandle(), 'nia');
  // Her browser asks to receive while the publisher's join, made ahead, is still under way.
  const prepared = peer.prepare();
  // Her page shows p0..p23; the others are paused.
  peer.preferLayers(FEEDS.slice(24).map((feed) => ({ feed, substream: 0, video: false })), 1);
  peer.wantsSubscribe = true;
  const answerAll = async () => {
    for (let i = 0; i < 100 && peer.streams.length === 0; i++) await new Promise((r) => setTimeout(r, 5));
    await peer.answer(offers[offers.length - 1] as number, { type: 'answer', sdp: 'v=0' });
  };
  const first = peer.sync(async () => FEEDS);
  await answerAll();
  await first;
  await prepared;
  const sub = handles[1] as FakeHandle;
  const join = sub.messages.find((m) => m.ptype === 'subscriber') as { streams: { feed: string; mid?: string; substream?: number }[] };
  expect(join.streams).toContainEqual({ feed: 'p0', mid: '0' });
  expect(join.streams).toContainEqual({ feed: 'p0', mid: '1', substream: 1 });
  expect(join.streams).toContainEqual({ feed: 'p98', mid: '0' });
  expect(join.streams).not.toContainEqual(expect.objectContaining({ feed: 'p98', mid: '1' }));
  expect(sub.carried.filter((c) => c.endsWith('/audio'))).toHaveLength(99);
  expect(sub.carried.filter((c) => c.endsWith('/video'))).toHaveLength(24);
  expect(peer.streams).toHaveLength(99 + 24);

  // She turns the page: p0 goes off it, then p30 comes on (two choices, one renegotiation).
  await peer.configure([{ feed: 'p0', substream: 0, video: false }]);
  await peer.configure([{ feed: 'p30', substream: 2, video: true }]);
  for (let i = 0; i < 100 && offers.length < 2; i++) await new Promise((r) => setTimeout(r, 10));
  expect(sub.messages.filter((m) => m.request === 'update')).toHaveLength(1);
  expect(sub.messages.find((m) => m.request === 'update')).toEqual({ request: 'update', subscribe: [{ feed: 'p30', mid: '1', substream: 2 }], unsubscribe: [{ feed: 'p0', mid: '1' }] });
  await peer.answer(offers[1] as number, { type: 'answer', sdp: 'v=0' });
  expect(sub.carried).toContain('p30/video');
  expect(sub.carried).not.toContain('p0/video');
  expect(sub.carried).toContain('p0/audio');
  // The freed m-line was reused: the offer did not grow.
  expect(peer.streams).toHaveLength(99 + 24);
});
