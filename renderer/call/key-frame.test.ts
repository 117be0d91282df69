import { KeyFramesOnPathBack, PATH_BACK_MERGE_MS, SEND_HISTORY_MS, sendKeyFrames } from './key-frame';

/** A sender whose setParameters records each encodings' `active` and can fail a given number of times. */
function sender(kind: string, active: boolean[], failures = 0) {
  const sets: boolean[][] = [];
  let encodings = active.map((a) => ({ active: a, maxBitrate: 500_000 }));
  let fail = failures;
  return {
    sets,
    get active() {
      return encodings.map((e) => e.active);
    },
    track: { kind },
    getParameters: () => ({ encodings: encodings.map((e) => ({ ...e })) }),
    setParameters: async (p: { encodings: { active: boolean; maxBitrate: number }[] }) => {
      if (sets.length > 0 && fail-- > 0) throw new Error('InvalidModificationError');
      sets.push(p.encodings.map((e) => e.active));
      encodings = p.encodings;
    },
  };
}

const pcWith = (...senders: unknown[]) => ({ getSenders: () => senders }) as unknown as RTCPeerConnection;

describe('sendKeyFrames', () => {
  it('turns every active video encoding off and on again, as it was, and leaves audio and paused video alone', async () => {
    const camera = sender('video', [true, false, true]);
    const paused = sender('video', [false]);
    const audio = sender('audio', [true]);
    await sendKeyFrames(pcWith(audio, camera, paused));
    expect(camera.sets).toEqual([
      [false, false, false],
      [true, false, true],
    ]);
    expect([paused.sets, audio.sets]).toEqual([[], []]);
    expect(camera.active).toEqual([true, false, true]);
  });

  it('retries turning video back on when another change came between, and reports a sender that keeps refusing', async () => {
    const once = sender('video', [true], 1);
    await sendKeyFrames(pcWith(once));
    expect(once.active).toEqual([true]);
    const stuck = sender('video', [true], 5);
    await expect(sendKeyFrames(pcWith(stuck))).rejects.toThrow('InvalidModificationError');
  });
});

describe('KeyFramesOnPathBack', () => {
  it('sends on every sign of the path coming back, merging the signs that come together', async () => {
    const camera = sender('video', [true]);
    let now = 0;
    const k = new KeyFramesOnPathBack(() => pcWith(camera), 'test ', () => SEND_HISTORY_MS, () => now);
    const info = jest.spyOn(console, 'info').mockImplementation(() => undefined);
    try {
      k.pathBack();
      now += PATH_BACK_MERGE_MS - 1;
      k.pathBack();
      await new Promise((r) => setImmediate(r));
      expect(camera.sets).toHaveLength(2); // one off-and-on
      now += 1;
      k.pathBack();
      await new Promise((r) => setImmediate(r));
      expect(camera.sets).toHaveLength(4);
      expect(info).toHaveBeenCalledWith('test media path back: sending key frames');
    } finally {
      info.mockRestore();
    }
  });

  it('sends none after a silence short enough for the far side to get what it missed from our send history', async () => {
    const camera = sender('video', [true]);
    let silence = SEND_HISTORY_MS - 1;
    let now = 0;
    const k = new KeyFramesOnPathBack(() => pcWith(camera), 'test ', () => silence, () => now);
    const info = jest.spyOn(console, 'info').mockImplementation(() => undefined);
    try {
      k.pathBack();
      await new Promise((r) => setImmediate(r));
      expect(camera.sets).toEqual([]);
      expect(info).toHaveBeenCalledWith(`test media path back after ${SEND_HISTORY_MS - 1} ms of silence: no key frame (the far side asks for what it missed)`);
      // A later sign of the same path back, once the silence has grown past the history: it sends.
      silence = SEND_HISTORY_MS;
      now += PATH_BACK_MERGE_MS;
      k.pathBack();
      await new Promise((r) => setImmediate(r));
      expect(camera.sets).toHaveLength(2);
    } finally {
      info.mockRestore();
    }
  });
});
