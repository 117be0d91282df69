import { track } from '../../call/testing/fake-media';
import type { LoadReport } from './load';
import { NoiseSuppressor } from './noise-suppressor';
import { NoiseError } from './errors';
import type { NoiseGraph } from './worklet-graph';

class FakeGraph implements NoiseGraph {
  readonly output = track('audio');
  source: MediaStreamTrack | null = null;
  stopped = false;
  private fn: ((r: LoadReport) => void) | null = null;
  setSource(t: MediaStreamTrack | null) {
    this.source = t;
  }
  onLoad(fn: (r: LoadReport) => void) {
    this.fn = fn;
  }
  stop() {
    this.stopped = true;
  }
  report(busyMs: number) {
    this.fn?.({ busyMs, audioMs: 1000, wallMs: 1000 });
  }
}

function setup(fail?: NoiseError) {
  const graphs: FakeGraph[] = [];
  const ns = new NoiseSuppressor(async () => {
    if (fail) throw fail;
    const g = new FakeGraph();
    graphs.push(g);
    return g;
  });
  const events: string[] = [];
  ns.on('outputChanged', () => events.push('output'));
  ns.on('overloaded', () => events.push('overloaded'));
  return { ns, graphs, events, mic: track('audio') };
}

describe('NoiseSuppressor', () => {
  it('off: sends the microphone itself; on: the graph\'s output, fed from the microphone', async () => {
    const { ns, graphs, events, mic } = setup();
    expect(ns.output(mic)).toBe(mic);
    await ns.setEnabled(true);
    expect(ns.enabled).toBe(true);
    expect(events).toEqual(['output']);
    expect(graphs[0].source).toBe(mic);
    expect(ns.output(mic)).toBe(graphs[0].output);
    // Asked about its own output: never fed back in.
    expect(ns.output(graphs[0].output)).toBe(graphs[0].output);
    expect(graphs[0].source).toBe(mic);
    await ns.setEnabled(false);
    expect(graphs[0].stopped).toBe(true);
    expect(ns.output(mic)).toBe(mic);
    expect(events).toEqual(['output', 'output']);
  });

  it('follows a new microphone on the same output track', async () => {
    const { ns, graphs, mic } = setup();
    await ns.setEnabled(true);
    const usb = track('audio');
    expect(ns.output(usb)).toBe(graphs[0].output);
    expect(graphs[0].source).toBe(usb);
    void mic;
  });

  it('turns itself off and says so when the machine cannot keep up', async () => {
    const { ns, graphs, events, mic } = setup();
    ns.output(mic);
    await ns.setEnabled(true);
    for (let i = 0; i < 3; i++) graphs[0].report(900);
    expect(ns.enabled).toBe(false);
    expect(graphs[0].stopped).toBe(true);
    expect(events).toEqual(['output', 'output', 'overloaded']);
    expect(ns.output(mic)).toBe(mic);
    // A later report of the stopped graph does nothing; turning it on again starts a fresh one.
    graphs[0].report(900);
    await ns.setEnabled(true);
    expect(graphs).toHaveLength(2);
    expect(ns.enabled).toBe(true);
  });

  it('a graph that fails to start leaves it off with the error\'s code', async () => {
    const { ns, events, mic } = setup(new NoiseError('UNSUPPORTED', 'no AudioWorklet'));
    await ns.setEnabled(true);
    expect(ns.enabled).toBe(false);
    expect(ns.error).toBe('UNSUPPORTED');
    expect(ns.output(mic)).toBe(mic);
    expect(events).toEqual([]);
  });

  it('runs changes in order: on then off quickly ends off', async () => {
    const { ns, graphs } = setup();
    const a = ns.setEnabled(true);
    expect(ns.busy).toBe(true);
    await Promise.all([a, ns.setEnabled(false)]);
    expect(ns.enabled).toBe(false);
    expect(ns.busy).toBe(false);
    expect(graphs[0].stopped).toBe(true);
  });
});
