import { IceRestarter } from './ice-restart';

function restarter(opts: { delaysMs?: number[]; maxRestarts?: number } = {}) {
  const at: number[] = [];
  const start = Date.now();
  const r = new IceRestarter({ restart: () => at.push(Date.now() - start), ...opts });
  return { r, at };
}

beforeEach(() => jest.useFakeTimers());
afterEach(() => jest.useRealTimers());

describe('ICE restart timing', () => {
  it('restarts a connection that stays disconnected for 2 s, not before', () => {
    const { r, at } = restarter();
    r.iceState('connected');
    r.iceState('disconnected');
    jest.advanceTimersByTime(1999);
    expect(at).toEqual([]);
    jest.advanceTimersByTime(1);
    expect(at).toEqual([2000]);
  });

  it('does nothing when the connection comes back by itself within 2 s', () => {
    const { r, at } = restarter();
    r.iceState('connected');
    r.iceState('disconnected');
    jest.advanceTimersByTime(1500);
    r.iceState('connected');
    jest.advanceTimersByTime(60_000);
    expect(at).toEqual([]);
  });

  it('retries every 2 s while restarts do not help, and stops at the cap', () => {
    const { r, at } = restarter({ maxRestarts: 5 });
    r.iceState('connected');
    r.iceState('disconnected');
    jest.advanceTimersByTime(60_000);
    expect(at).toEqual([2000, 4000, 6000, 8000, 10_000]);
  });

  it('by default keeps retrying through a 30 s cut (20 restarts), and a schedule of its own backs off as given', () => {
    const d = restarter();
    d.r.iceState('connected');
    d.r.iceState('disconnected');
    jest.advanceTimersByTime(120_000);
    expect(d.at).toHaveLength(20);
    expect(d.at[14]).toBe(30_000);
    const own = restarter({ delaysMs: [2000, 3000, 4000], maxRestarts: 4 });
    own.r.iceState('connected');
    own.r.iceState('disconnected');
    jest.advanceTimersByTime(60_000);
    expect(own.at).toEqual([2000, 5000, 9000, 13_000]);
  });

  it('stops retrying once connected again, and a later loss starts from the first delay', () => {
    const { r, at } = restarter();
    r.iceState('connected');
    r.iceState('disconnected');
    jest.advanceTimersByTime(5000);
    expect(at).toEqual([2000, 4000]);
    r.iceState('checking');
    r.iceState('connected');
    jest.advanceTimersByTime(60_000);
    expect(at).toHaveLength(2);
    r.iceState('disconnected');
    jest.advanceTimersByTime(2000);
    expect(at).toEqual([2000, 4000, 67_000]);
  });

  it('keeps retrying while a restart leaves ICE checking (no state back to disconnected needed)', () => {
    const { r, at } = restarter();
    r.iceState('connected');
    r.iceState('disconnected');
    jest.advanceTimersByTime(2000);
    // A restart moves ICE to 'checking'; a path that stays broken may never report 'disconnected' again.
    r.iceState('checking');
    jest.advanceTimersByTime(2000);
    expect(at).toEqual([2000, 4000]);
    r.iceState('disconnected');
    jest.advanceTimersByTime(2000);
    expect(at).toEqual([2000, 4000, 6000]);
    r.iceState('connected');
    jest.advanceTimersByTime(60_000);
    expect(at).toHaveLength(3);
  });

  it('never restarts a connection that was never connected', () => {
    const { r, at } = restarter();
    r.iceState('checking');
    r.iceState('disconnected');
    r.restartNow();
    jest.advanceTimersByTime(60_000);
    expect(at).toEqual([]);
  });

  it('a network change restarts a disconnected connection at once, and leaves a connected one alone', () => {
    const { r, at } = restarter();
    r.iceState('connected');
    r.restartNow();
    jest.advanceTimersByTime(10_000);
    expect(at).toEqual([]);
    r.iceState('disconnected');
    jest.advanceTimersByTime(500);
    r.restartNow();
    expect(at).toEqual([10_500]);
    // 'online' and a connection change arriving together make one restart, not two.
    r.restartNow();
    expect(at).toEqual([10_500]);
    // The retries go on from there: the next one 2 s later.
    jest.advanceTimersByTime(2000);
    expect(at).toEqual([10_500, 12_500]);
  });

  it("leaves 'failed' to the re-create path and does nothing after stop()", () => {
    const a = restarter();
    a.r.iceState('connected');
    a.r.iceState('disconnected');
    a.r.iceState('failed');
    jest.advanceTimersByTime(60_000);
    expect(a.at).toEqual([]);
    const b = restarter();
    b.r.iceState('connected');
    b.r.iceState('disconnected');
    b.r.stop();
    b.r.restartNow();
    jest.advanceTimersByTime(60_000);
    expect(b.at).toEqual([]);
  });
});
