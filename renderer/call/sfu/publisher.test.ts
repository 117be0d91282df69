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
  addEventListener() {}
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
