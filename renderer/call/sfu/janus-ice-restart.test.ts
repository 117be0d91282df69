/**
 * ICE restarts towards Janus, over a fake RTCPeerConnection whose ICE state the test drives: a
 * publisher connection that was up and stays 'disconnected' re-publishes an offer made with
 * `iceRestart`; a subscriber connection asks the server for Janus's restart offer
 * (`sfu:subscribe { iceRestart }`); a network change restarts a connection that is down at once.
 */
import type { SfuJsep, SfuSubscribeRequest } from '../../../protocol';
import { FLOWING_SAMPLES, QUIET_SAMPLES, STALL_SAMPLE_MS } from '../stall-watch';
import { JanusTransport } from './janus-transport';
import { RESTART_START_KBPS } from './publisher';
import type { SfuPort } from './sfu-port';

class FakePc extends EventTarget {
  iceConnectionState = 'new';
  connectionState = 'new';
  signalingState = 'stable';
  offers: (RTCOfferOptions | undefined)[] = [];
  /** What the transport stats say this connection received. */
  bytesReceived = 0;
  async getStats() {
    return new Map([['T01', { type: 'transport', bytesReceived: this.bytesReceived }]]);
  }
  addTransceiver() {
    return { sender: { replaceTrack: async () => undefined, getParameters: () => ({ encodings: [{}] }), setParameters: async () => undefined }, setCodecPreferences: () => undefined };
  }
  getTransceivers() {
    return [];
  }
  async createOffer(o?: RTCOfferOptions) {
    this.offers.push(o);
    return { type: 'offer', sdp: 'offer' };
  }
  async setLocalDescription() {}
  remote: string[] = [];
  async setRemoteDescription(d: { sdp: string }) {
    this.remote.push(d.sdp);
  }
  getConfiguration() {
    return {};
  }
  setConfiguration() {}
  close() {}
  ice(state: string) {
    this.iceConnectionState = state;
    this.dispatchEvent(new Event('iceconnectionstatechange'));
  }
}

const ANSWER = 'm=video 9 UDP/TLS/RTP/SAVPF 96\r\na=rtpmap:96 VP8/90000\r\n';

async function setup(publish?: (o: SfuJsep) => Promise<SfuJsep>) {
  const pcs: FakePc[] = [];
  (globalThis as { RTCPeerConnection?: unknown }).RTCPeerConnection = class extends FakePc {
    constructor() {
      super();
      pcs.push(this);
    }
  };
  const published: SfuJsep[] = [];
  const subscribed: SfuSubscribeRequest[] = [];
  const port = {
    publish: async (o: SfuJsep): Promise<SfuJsep> => (published.push(o), publish ? publish(o) : { type: 'answer', sdp: ANSWER }),
    subscribe: async (p: SfuSubscribeRequest = {}) => void subscribed.push(p),
    answer: async () => undefined,
    trickle: () => undefined,
    configure: async () => undefined,
    leave: async () => undefined,
    switched: async () => undefined,
    onOffer: () => () => undefined,
    onTrickle: () => () => undefined,
    onSlowlink: () => () => undefined,
  } as unknown as SfuPort;
  const t = new JanusTransport({ selfId: 'me', iceServers: [], local: { stream: {} as MediaStream, audio: null, video: null }, port, statsIntervalMs: 60_000 });
  await t.start();
  const [pub, sub] = pcs as [FakePc, FakePc];
  return { t, pub, sub, published, subscribed };
}

const flush = async () => {
  for (let i = 0; i < 10; i++) await Promise.resolve();
};

afterEach(() => jest.useRealTimers());

it('restarts ICE on a publisher and a subscriber connection that lost their path, after a grace, and not on one that never came up', async () => {
  const { t, pub, sub, published, subscribed } = await setup();
  jest.useFakeTimers();
  expect(published).toHaveLength(1);
  pub.ice('disconnected'); // never connected: nothing to restart
  sub.ice('checking');
  jest.advanceTimersByTime(10_000);
  await flush();
  expect(published).toHaveLength(1);

  pub.ice('connected');
  sub.ice('connected');
  pub.ice('disconnected');
  sub.ice('disconnected');
  jest.advanceTimersByTime(1900);
  await flush();
  expect(published).toHaveLength(1);
  jest.advanceTimersByTime(200);
  await flush();
  expect(pub.offers.at(-1)).toEqual({ iceRestart: true });
  expect(published).toHaveLength(2);
  expect(subscribed.at(-1)).toEqual({ iceRestart: true });
  // The restart's answer starts the estimate again (RESTART_START_KBPS), the first answer did not.
  expect(pub.remote[0]).not.toContain('x-google-start-bitrate');
  expect(pub.remote.at(-1)).toContain(`a=fmtp:96 x-google-start-bitrate=${RESTART_START_KBPS}\r\n`);
  // Another restart sets another value: Chromium applies a start bitrate only when it changes.
  pub.ice('connected');
  pub.ice('disconnected');
  jest.advanceTimersByTime(2100);
  await flush();
  expect(pub.remote.at(-1)).toContain(`a=fmtp:96 x-google-start-bitrate=${RESTART_START_KBPS + 1}\r\n`);
  t.close();
});

it('a network change restarts a connection that is down at once, and leaves a connected one alone', async () => {
  const { t, pub, sub, published, subscribed } = await setup();
  pub.ice('connected');
  sub.ice('connected');
  t.networkChanged();
  await flush();
  expect(published).toHaveLength(1);
  expect(subscribed.filter((s) => s.iceRestart)).toHaveLength(0);
  pub.ice('disconnected');
  t.networkChanged();
  await flush();
  expect(published).toHaveLength(2);
  expect(subscribed.filter((s) => s.iceRestart)).toHaveLength(0);
  t.close();
});

type Held = { resolve: (a: SfuJsep) => void; reject: (e: Error) => void };

/**
 * A publisher whose first restart waits for its answer until the test settles it (`held`), with a
 * second restart asked for meanwhile: the restart sent while signaling is not back yet, then the
 * room's resume asking again.
 */
async function restartAskedAgainWhileFirstHeld() {
  let held: Held | null = null;
  let calls = 0;
  const { t, pub, published } = await setup(async () => (++calls === 2 ? new Promise<SfuJsep>((resolve, reject) => (held = { resolve, reject })) : { type: 'answer', sdp: 'a' }));
  try {
    pub.ice('connected');
    pub.ice('disconnected');
    t.networkChanged(); // the first restart: its answer is held
    await flush();
    expect(published).toHaveLength(2);
    t.networkChanged(); // asked again while the first still waits for its answer
    await flush();
    expect(published).toHaveLength(2);
  } catch (e) {
    // A failed expectation must not leave the transport's timers holding the run open.
    t.close();
    throw e;
  }
  return { t, pub, published, held: held as unknown as Held };
}

it('a restart asked for while one runs is run when it ends, not dropped (the resume after a failed one)', async () => {
  const { t, pub, published, held } = await restartAskedAgainWhileFirstHeld();
  try {
    held.reject(new Error('join a room first'));
    await flush();
    await flush();
    expect(published).toHaveLength(3);
    expect(pub.offers.at(-1)).toEqual({ iceRestart: true });
  } finally {
    t.close();
  }
});

it('a restart that goes through answers the ones asked for while it ran: no second restart right after (it broke the path the first brought back)', async () => {
  const { t, published, held } = await restartAskedAgainWhileFirstHeld();
  try {
    held.resolve({ type: 'answer', sdp: ANSWER });
    await flush();
    await flush();
    expect(published).toHaveLength(2);
    // A later request, once it is over, restarts again.
    t.networkChanged();
    await flush();
    expect(published).toHaveLength(3);
  } finally {
    t.close();
  }
});

it('restarts both connections as soon as what Janus sends back on the publisher stops, and tells the room', async () => {
  // The watch starts with start(), inside setup: fake timers from before it.
  jest.useFakeTimers();
  const { t, pub, sub, published, subscribed } = await setup();
  t.addPeer('bo');
  const stalled: string[] = [];
  t.on('pathStalled', (id) => stalled.push(id));
  pub.ice('connected');
  sub.ice('connected');
  for (let s = 0; s <= FLOWING_SAMPLES; s++) {
    pub.bytesReceived += 2000;
    await jest.advanceTimersByTimeAsync(STALL_SAMPLE_MS);
  }
  expect(published).toHaveLength(1);
  // Nothing comes back any more; ICE still says 'connected' on both.
  await jest.advanceTimersByTimeAsync(STALL_SAMPLE_MS * QUIET_SAMPLES);
  await flush();
  expect(published).toHaveLength(2);
  expect(pub.offers.at(-1)).toEqual({ iceRestart: true });
  expect(subscribed.at(-1)).toEqual({ iceRestart: true });
  expect(stalled).toEqual(['bo']);
  // Held idle (a warm path): nothing is sent, so silence is no stall.
  pub.bytesReceived += 2000;
  await jest.advanceTimersByTimeAsync(1000);
  await t.setSending(false);
  await jest.advanceTimersByTimeAsync(10_000);
  expect([published.length, stalled]).toEqual([2, ['bo']]);
  t.close();
});

it('does not call a stall while the subscriber still receives, though nothing comes back on the publisher (a congested download)', async () => {
  jest.useFakeTimers();
  const { t, pub, sub, published } = await setup();
  pub.ice('connected');
  sub.ice('connected');
  for (let s = 0; s <= FLOWING_SAMPLES; s++) {
    pub.bytesReceived += 2000;
    sub.bytesReceived += 20_000;
    await jest.advanceTimersByTimeAsync(STALL_SAMPLE_MS);
  }
  // Janus's feedback is lost in a full queue for 3 s; some of the media still arrives.
  for (let s = 0; s < QUIET_SAMPLES * 2; s++) {
    sub.bytesReceived += 3000;
    await jest.advanceTimersByTimeAsync(STALL_SAMPLE_MS);
  }
  expect(published).toHaveLength(1);
  // Then the path goes: nothing on either.
  await jest.advanceTimersByTimeAsync(STALL_SAMPLE_MS * (QUIET_SAMPLES + 1));
  await flush();
  expect(published).toHaveLength(2);
  t.close();
});
