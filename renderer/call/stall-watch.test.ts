import { bytesAcross, FLOWING_SAMPLES, QUIET_SAMPLES, StallWatch } from './stall-watch';

function watch() {
  const changes: boolean[] = [];
  const w = new StallWatch({ read: async () => null, onChange: (s) => changes.push(s) });
  const feed = (...bytes: (number | null)[]) => bytes.forEach((b) => w.sample(b));
  /** A first reading, then `n` readings that each grew, ending at the returned count. */
  let at = 0;
  const flow = (n: number) => {
    feed(...Array.from({ length: n }, () => (at += 100)));
    return at;
  };
  const silence = (n: number) => feed(...Array<number>(n).fill(at));
  return { w, changes, feed, flow, silence };
}

describe('StallWatch', () => {
  it('tells how long the connection has been silent, and once bytes come again, how long the last silence lasted', () => {
    let now = 0;
    const w = new StallWatch({ read: async () => null, onChange: () => undefined, now: () => now });
    const read = (bytes: number) => {
      now += 500;
      w.sample(bytes);
    };
    [100, 200, 300].forEach(read); // growing: last grew at 1500
    expect(w.silenceMs()).toBe(0);
    [300, 300, 300].forEach(read);
    expect(w.silenceMs()).toBe(1500);
    now += 200;
    expect(w.silenceMs()).toBe(1700);
    read(400); // bytes again at 3700, 2200 ms after the last growth
    expect(w.silenceMs()).toBe(2200);
    read(500);
    expect(w.silenceMs()).toBe(2200); // a flow's steady readings are no silence: the last one is kept
  });

  it('calls a steady flow that stops a stall after QUIET_SAMPLES silent samples, and its end when bytes come again', () => {
    const { w, changes, flow, silence } = watch();
    flow(FLOWING_SAMPLES + 1);
    silence(QUIET_SAMPLES - 1);
    expect(changes).toEqual([]);
    silence(1);
    expect([changes, w.stalled]).toEqual([[true], true]);
    // Still silent: one stall, not one per sample.
    silence(3);
    expect(changes).toEqual([true]);
    flow(1);
    expect([changes, w.stalled]).toEqual([[true, false], false]);
  });

  it('never calls a stall on a connection that was not flowing (the far side sends nothing, or now and then)', () => {
    const { changes, flow, silence } = watch();
    flow(1);
    silence(QUIET_SAMPLES + 2);
    for (let i = 0; i < 5; i++) {
      flow(FLOWING_SAMPLES - 1);
      silence(QUIET_SAMPLES + 1);
    }
    expect(changes).toEqual([]);
  });

  it('needs a steady flow again before the next stall, and ignores readings it cannot make', () => {
    const { changes, feed, flow, silence } = watch();
    flow(FLOWING_SAMPLES + 1);
    silence(QUIET_SAMPLES);
    flow(1);
    silence(QUIET_SAMPLES);
    expect(changes).toEqual([true, false]);
    flow(FLOWING_SAMPLES);
    feed(null, null, null);
    silence(QUIET_SAMPLES);
    expect(changes).toEqual([true, false, true]);
  });
});

describe('bytesAcross', () => {
  it('adds what each connection received since its last reading; a replacing connection starting at 0 takes nothing back', async () => {
    const bytes = new Map<object, number | null>();
    const [a, b, c] = [{}, {}, {}] as unknown as RTCPeerConnection[];
    let pcs: (RTCPeerConnection | null)[] = [a as RTCPeerConnection, null];
    const read = bytesAcross(() => pcs, async (pc) => bytes.get(pc) ?? null);
    expect(await read()).toBeNull();
    bytes.set(a as object, 100);
    expect(await read()).toBe(100);
    pcs = [a as RTCPeerConnection, b as RTCPeerConnection];
    bytes.set(b as object, 50);
    expect(await read()).toBe(150);
    // b replaced by c, which starts from nothing; a unchanged.
    pcs = [a as RTCPeerConnection, c as RTCPeerConnection];
    bytes.set(c as object, 0);
    expect(await read()).toBe(150);
    bytes.set(c as object, 30);
    bytes.set(a as object, 120);
    expect(await read()).toBe(200);
  });
});
