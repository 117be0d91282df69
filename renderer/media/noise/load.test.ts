import { INITIAL_LOAD, observeLoad, type LoadReport, type LoadState } from './load';

const second = (busyMs: number, wallMs = 1000): LoadReport => ({ busyMs, audioMs: 1000, wallMs });
const feed = (reports: LoadReport[], s: LoadState = INITIAL_LOAD) => reports.reduce((st, r) => observeLoad(st, r), s);

describe('observeLoad', () => {
  it('stays on at RNNoise\'s usual cost (a few % of real time)', () => {
    expect(feed(Array(60).fill(second(50))).overloaded).toBe(false);
  });

  it('one slow second changes nothing', () => {
    const s = feed([second(50), second(50), second(900), second(50), second(50), second(50)]);
    expect(s.overloaded).toBe(false);
  });

  it('turns off after 3 seconds over half of real time', () => {
    const s2 = feed([second(800), second(800)]);
    expect(s2.overloaded).toBe(false);
    expect(feed([second(800)], s2).overloaded).toBe(true);
  });

  it('turns off when the audio thread renders slower than real time, whatever the denoising cost', () => {
    expect(feed(Array(3).fill(second(40, 1400))).overloaded).toBe(true);
    expect(feed(Array(3).fill(second(40, 1100))).overloaded).toBe(false);
  });

  it('stays overloaded once decided, and ignores empty reports', () => {
    const s = feed(Array(3).fill(second(900)));
    expect(feed([second(10), second(10)], s).overloaded).toBe(true);
    expect(observeLoad(INITIAL_LOAD, { busyMs: 5, audioMs: 0, wallMs: 0 })).toBe(INITIAL_LOAD);
  });
});
