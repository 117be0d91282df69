/**
 * The publisher of a warm SFU path: it connects with every encoding inactive, and a request to
 * send made while its offer/answer runs is applied once the answer is in (a warm path taken into
 * use at once, as when a joiner's room moves to the SFU right after it got in).
 */
import type { SfuJsep } from '../../../protocol';
import { stream } from '../testing/fake-media';
import { SfuPublisher } from './publisher';
import type { SfuPort } from './sfu-port';

class FakeSender {
  readonly sets: boolean[][] = [];
  constructor(private encodings: RTCRtpEncodingParameters[]) {}
  getParameters() {
    return { encodings: this.encodings.map((e) => ({ ...e })) };
  }
  async setParameters(p: { encodings: RTCRtpEncodingParameters[] }) {
    this.encodings = p.encodings;
    this.sets.push(p.encodings.map((e) => e.active !== false));
  }
  async replaceTrack() {}
  get active(): boolean[] {
    return this.encodings.map((e) => e.active !== false);
  }
}

class FakePc {
  readonly senders: FakeSender[] = [];
  addTransceiver(_kind: unknown, init: { sendEncodings?: RTCRtpEncodingParameters[] }) {
    const sender = new FakeSender(init.sendEncodings ?? [{}]);
    this.senders.push(sender);
    return { sender, setCodecPreferences: () => undefined };
  }
  addEventListener(_type?: string, _fn?: (e: { candidate: unknown }) => void) {}
  async createOffer() {
    return { type: 'offer', sdp: 'offer' };
  }
  async setLocalDescription() {}
  async setRemoteDescription() {}
  close() {}
}

function setup(sending: boolean) {
  let answer: (j: SfuJsep) => void = () => undefined;
  const port = { publish: () => new Promise<SfuJsep>((r) => (answer = r)), trickle: () => undefined } as unknown as SfuPort;
  (globalThis as { RTCPeerConnection?: unknown }).RTCPeerConnection = FakePc;
  const pub = new SfuPublisher({}, { audio: null, video: null, stream: stream() }, port, sending);
  const [audio, video] = (pub.pc as unknown as FakePc).senders;
  // The offer is sent after createOffer and setLocalDescription: let those run first.
  const respond = async (j: SfuJsep) => {
    await new Promise((r) => setImmediate(r));
    answer(j);
  };
  return { pub, audio, video, answer: respond };
}

describe('SfuPublisher sending', () => {
  it('a warm publisher offers every camera and microphone encoding inactive', () => {
    const { audio, video } = setup(false);
    expect(audio.active).toEqual([false]);
    expect(video.active).toEqual([false, false, false]);
  });

  it('turning sending on during the offer/answer waits for the answer, then turns every encoding on', async () => {
    const { pub, audio, video, answer } = setup(false);
    const started = pub.start();
    await pub.setSending(true);
    expect(video.sets).toEqual([]);
    await answer({ type: 'answer', sdp: 'a' });
    await started;
    expect(audio.active).toEqual([true]);
    expect(video.active).toEqual([true, true, true]);
    await pub.setSending(false);
    expect(video.active).toEqual([false, false, false]);
    expect(audio.active).toEqual([false]);
  });

  it('a sending publisher never turns an encoding off', async () => {
    const { pub, video, answer } = setup(true);
    const started = pub.start();
    await answer({ type: 'answer', sdp: 'a' });
    await started;
    // Only the sender priorities may have been set after the answer: no encoding was ever off.
    expect(video.sets.every((set) => set.every(Boolean))).toBe(true);
    expect(video.active).toEqual([true, true, true]);
  });
});

/** A connection that records its offers, local descriptions and configuration, and emits candidates on demand. */
class RecordingPc extends FakePc {
  readonly offers: (RTCOfferOptions | undefined)[] = [];
  readonly locals: string[] = [];
  config: RTCConfiguration = {};
  private candidate?: (e: { candidate: unknown }) => void;
  override addEventListener(type: string, fn: (e: { candidate: unknown }) => void) {
    if (type === 'icecandidate') this.candidate = fn;
  }
  override async createOffer(options?: RTCOfferOptions) {
    this.offers.push(options);
    return { type: 'offer', sdp: options?.iceRestart ? 'restart' : 'first' };
  }
  override async setLocalDescription(d?: { sdp?: string }) {
    this.locals.push(d?.sdp ?? '');
  }
  get signalingState() {
    return 'have-local-offer';
  }
  getConfiguration() {
    return this.config;
  }
  setConfiguration(c: RTCConfiguration) {
    this.config = c;
  }
  gather(candidate: string | null) {
    this.candidate?.({ candidate: candidate === null ? null : { candidate, sdpMid: '0', sdpMLineIndex: 0 } });
  }
}

describe('SfuPublisher made ahead (in the lobby)', () => {
  const made = () => {
    const published: string[] = [];
    const trickled: (string | null)[] = [];
    const port = {
      publish: async (o: SfuJsep) => (published.push(o.sdp ?? ''), { type: 'answer', sdp: 'a' }),
      trickle: (_t: unknown, c: { candidate: string } | null) => trickled.push(c ? c.candidate : null),
    } as unknown as SfuPort;
    (globalThis as { RTCPeerConnection?: unknown }).RTCPeerConnection = RecordingPc;
    const pub = new SfuPublisher({}, { audio: null, video: null, stream: stream() }, port, true, true);
    return { pub, pc: pub.pc as unknown as RecordingPc, published, trickled };
  };
  const tracks = { audio: null, video: null, stream: stream() };

  it('publishes the offer it made ahead, without a second one, and sends its candidates only once published', async () => {
    const { pub, pc, published, trickled } = made();
    pub.prepareOffer();
    await new Promise((r) => setImmediate(r));
    expect(pc.locals).toHaveLength(1);
    pc.gather('host 1');
    pc.gather(null);
    expect(trickled).toEqual([]);
    await pub.adopt({ iceServers: [] }, tracks, true);
    await pub.start();
    expect(pc.offers).toEqual([undefined]);
    expect(pc.locals).toHaveLength(1);
    expect(published).toEqual([expect.stringContaining('first')]);
    expect(trickled).toEqual(['host 1', null]);
    pc.gather('host 2');
    expect(trickled).toEqual(['host 1', null, 'host 2']);
  });

  it("with the call's ICE servers, its first publish restarts ICE with them and drops the candidates gathered without them", async () => {
    const { pub, pc, published, trickled } = made();
    pub.prepareOffer();
    await new Promise((r) => setImmediate(r));
    pc.gather('host old');
    const turn = [{ urls: 'turn:turn.example:3478', username: 'u', credential: 'c' }];
    await pub.adopt({ iceServers: turn, iceTransportPolicy: 'relay' }, tracks, true);
    expect(pc.config).toMatchObject({ iceServers: turn, iceTransportPolicy: 'relay' });
    await pub.start();
    expect(pc.offers).toEqual([undefined, { iceRestart: true }]);
    expect(published).toEqual([expect.stringContaining('restart')]);
    expect(trickled).toEqual([]);
  });

  it('adopted as a warm path held idle, it turns every camera and microphone encoding off once negotiated', async () => {
    const { pub, pc } = made();
    pub.prepareOffer();
    await pub.adopt({ iceServers: [] }, tracks, false);
    await pub.start();
    const [audio, video] = pc.senders;
    expect([audio?.active, video?.active]).toEqual([[false], [false, false, false]]);
    expect(pub.heldIdle).toBe(true);
  });
});
