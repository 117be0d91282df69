/**
 * JanusTransport's answers to the server's subscriber offers, over a minimal fake
 * RTCPeerConnection: an offer sent again because its answer went missing is answered again,
 * an offer whose answer the server took is not, and an older one is skipped.
 */
import type { LayerChoice, SfuJsep, SfuOffer } from '../../../protocol';
import { JanusTransport } from './janus-transport';
import type { SfuPort } from './sfu-port';

class FakePc {
  remote: string[] = [];
  /** What getStats reports: inbound packets so far, lost and received. */
  inbound = { packetsLost: 0, packetsReceived: 0 };
  addTransceiver() {
    return { sender: { replaceTrack: async () => undefined, getParameters: () => ({ encodings: [{}] }), setParameters: async () => undefined }, setCodecPreferences: () => undefined };
  }
  addEventListener() {}
  getTransceivers() {
    return [];
  }
  async createOffer() {
    return { type: 'offer', sdp: 'offer' };
  }
  async createAnswer() {
    return { type: 'answer', sdp: `answer to ${this.remote[this.remote.length - 1]}` };
  }
  async setLocalDescription() {}
  async setRemoteDescription(d: { sdp: string }) {
    this.remote.push(d.sdp);
  }
  getConfiguration() {
    return {};
  }
  setConfiguration() {}
  async getStats() {
    return new Map([['in', { type: 'inbound-rtp', ...this.inbound }]]);
  }
  close() {}
}

function setup(answerFails: (seq: number) => boolean = () => false) {
  const pcs: FakePc[] = [];
  (globalThis as { RTCPeerConnection?: unknown }).RTCPeerConnection = class extends FakePc {
    constructor() {
      super();
      pcs.push(this);
    }
  };
  let offerTo: (o: SfuOffer) => void = () => undefined;
  let slowlinkTo: (target: 'publisher' | 'subscriber', uplink: boolean, lost: number) => void = () => undefined;
  const answers: number[] = [];
  const configured: LayerChoice[][] = [];
  const port = {
    publish: async (): Promise<SfuJsep> => ({ type: 'answer', sdp: 'a' }),
    subscribe: async () => undefined,
    answer: async (seq: number) => {
      answers.push(seq);
      if (answerFails(seq)) throw new Error('no offer is waiting for this answer');
    },
    trickle: () => undefined,
    configure: async (layers: LayerChoice[]) => void configured.push(layers),
    leave: async () => undefined,
    switched: async () => undefined,
    onOffer: (fn: (o: SfuOffer) => void) => {
      offerTo = fn;
      return () => undefined;
    },
    onTrickle: () => () => undefined,
    onSwitchDone: () => () => undefined,
    onRehome: () => () => undefined,
    onSlowlink: (fn: typeof slowlinkTo) => {
      slowlinkTo = fn;
      return () => undefined;
    },
  } as SfuPort;
  const stream = { getTracks: () => [] } as unknown as MediaStream;
  const t = new JanusTransport({ selfId: 'me', iceServers: [], local: { stream, audio: null, video: null }, port });
  const offer = (seq: number, streams: SfuOffer['streams'] = []) => offerTo({ seq, jsep: { type: 'offer', sdp: `offer ${seq}` }, streams });
  const settle = () => new Promise((r) => setTimeout(r, 20));
  return { t, pcs, answers, offer, settle, configured, slowlink: (target: 'publisher' | 'subscriber', uplink: boolean) => slowlinkTo(target, uplink, 12) };
}

afterEach(() => {
  delete (globalThis as { RTCPeerConnection?: unknown }).RTCPeerConnection;
});

it('answers an offer sent again while its answer was not taken (the same answer, no new negotiation), skips one already answered and older ones', async () => {
  const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
  let lost = true;
  const { t, pcs, answers, offer, settle } = setup((seq) => seq === 1 && lost);
  offer(1); // the answer is lost (the server never took it)
  await settle();
  lost = false;
  offer(1); // sent again: the same answer again
  await settle();
  offer(1); // a third copy that crossed the accepted answer: skipped
  offer(2);
  offer(1); // older than the newest: skipped
  await settle();
  expect(answers).toEqual([1, 1, 2]);
  const sub = pcs[1];
  expect(sub.remote).toEqual(['offer 1', 'offer 2']);
  expect(warn).toHaveBeenCalledTimes(1); // the lost answer
  warn.mockRestore();
  t.close();
});

it('works on one copy of an offer at a time: copies sent again meanwhile are dropped, and a lost answer is sent again without negotiating again', async () => {
  const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
  let calls = 0;
  // The first answer's ack never comes back (a loaded server answered after the page's timeout).
  const { t, pcs, answers, offer, settle } = setup(() => calls++ === 0);
  // A page too busy to finish the first negotiation before the server's resends arrive.
  offer(1);
  offer(1);
  offer(1);
  await settle();
  offer(1); // the next resend, after the failed answer
  await settle();
  expect(answers).toEqual([1, 1]);
  expect(pcs[1]?.remote).toEqual(['offer 1']);
  warn.mockRestore();
  t.close();
});

it('measures the download at once when Janus reports it losing packets (slowlink, uplink from its side); the measured loss decides, and our upload is not its business', async () => {
  const info = jest.spyOn(console, 'info').mockImplementation(() => undefined);
  const now = jest.spyOn(Date, 'now');
  now.mockReturnValue(1_000_000);
  const { t, pcs, offer, settle, configured, slowlink } = setup();
  offer(1, [{ mid: '0', kind: 'video', feed: 'ann' }]);
  await settle();
  t.setTileSize('ann', 640, 400);
  await settle();
  expect(configured.at(-1)).toEqual([{ feed: 'ann', substream: 2 }]);
  const sub = pcs[1];
  // Half a percent lost: Janus's threshold fires, but that is no reason to step down.
  sub.inbound = { packetsLost: 1, packetsReceived: 199 };
  slowlink('subscriber', true);
  await settle();
  expect(configured).toHaveLength(1);
  // Our upload losing packets (uplink=false on the publisher) is the uplink policy's, not the layers'.
  sub.inbound = { packetsLost: 21, packetsReceived: 379 };
  now.mockReturnValue(1_002_000);
  slowlink('publisher', false);
  await settle();
  expect(configured).toHaveLength(1);
  // 10 % lost since the last measurement: one layer down, without waiting for the next timer.
  slowlink('subscriber', true);
  await settle();
  expect(configured.at(-1)).toEqual([{ feed: 'ann', substream: 1 }]);
  info.mockRestore();
  now.mockRestore();
  t.close();
});

it('tells which videos a downlink that cannot carry even the lowest layers holds, and when they come back', async () => {
  const info = jest.spyOn(console, 'info').mockImplementation(() => undefined);
  const now = jest.spyOn(Date, 'now');
  const { t, pcs, offer, settle, configured, slowlink } = setup();
  const held: [string, boolean][] = [];
  t.on('videoHeld', (id, h) => held.push([id, h]));
  offer(1, [
    { mid: '0', kind: 'video', feed: 'ann' },
    { mid: '1', kind: 'video', feed: 'ben' },
  ]);
  await settle();
  t.setTileSize('ann', 640, 400);
  t.setTileSize('ben', 640, 400);
  await settle();
  // The loss goes on (10 % a measurement), 4 s apart: full -> half -> quarter -> Ben's video held (Ann's keeps playing).
  const sub = pcs[1];
  for (let i = 0; i < 4; i++) {
    now.mockReturnValue(1_000_000 + i * 4000);
    sub.inbound = { packetsLost: 10 * (i + 1), packetsReceived: 90 * (i + 1) };
    slowlink('subscriber', true);
    await settle();
  }
  expect(configured.at(-1)).toEqual([{ feed: 'ben', substream: 0, video: false }]);
  expect(held).toEqual([['ben', true]]);
  // Ben's tile goes out of view: his video stays paused, but no longer because of the link.
  t.setTileSize('ben', 0, 0);
  await settle();
  expect(held).toEqual([
    ['ben', true],
    ['ben', false],
  ]);
  info.mockRestore();
  now.mockRestore();
  t.close();
});
