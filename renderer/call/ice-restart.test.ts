import { ANSWER_WAIT_MS, IceRestarter, NETWORK_EVENTS_MERGE_MS, watchNetwork } from './ice-restart';

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
    // The retries go on from there: the next one 2 s later.
    jest.advanceTimersByTime(2000);
    expect(at).toEqual([10_500, 12_500]);
    // Signaling back 100 ms after a restart: that restart's offer was lost with it, so again at once.
    jest.advanceTimersByTime(100);
    r.restartNow();
    expect(at).toEqual([10_500, 12_500, 12_600]);
    // The other side asks 100 ms later: the offer just sent may answer it; still unanswered
    // ANSWER_WAIT_MS after it went out (this restarter is never told of an answer), one new offer.
    jest.advanceTimersByTime(100);
    r.requested();
    r.requested();
    jest.advanceTimersByTime(ANSWER_WAIT_MS - 101);
    expect(at).toEqual([10_500, 12_500, 12_600]);
    jest.advanceTimersByTime(1);
    expect(at).toEqual([10_500, 12_500, 12_600, 12_600 + ANSWER_WAIT_MS]);
  });

  it('restarts on a request made just after its own offer once that offer is ANSWER_WAIT_MS old and unanswered', () => {
    let answered = false;
    const at: number[] = [];
    const start = Date.now();
    const r = new IceRestarter({ restart: () => at.push(Date.now() - start), answered: () => answered });
    r.iceState('connected');
    r.iceState('disconnected');
    jest.advanceTimersByTime(2000);
    expect(at).toEqual([2000]);
    jest.advanceTimersByTime(300);
    r.requested(); // our offer went to a dead connection; the other side is back and asks
    jest.advanceTimersByTime(ANSWER_WAIT_MS - 301);
    expect(at).toEqual([2000]);
    jest.advanceTimersByTime(1);
    const second = 2000 + ANSWER_WAIT_MS;
    expect(at).toEqual([2000, second]);
    // Asked again 200 ms after that offer, which is answered in time: no new one before the retry.
    jest.advanceTimersByTime(200);
    r.requested();
    answered = true;
    jest.advanceTimersByTime(1799);
    expect(at).toEqual([2000, second]);
    jest.advanceTimersByTime(1);
    expect(at).toEqual([2000, second, second + 2000]);
    r.stop();
  });

  it('restarts a stalled connection once at once, before ICE says anything; retries only once ICE says disconnected', () => {
    const { r, at } = restarter();
    r.mediaStalled(true);
    expect(at).toEqual([]); // never connected: nothing to restart
    r.mediaStalled(false);
    r.iceState('connected');
    jest.advanceTimersByTime(1000);
    r.mediaStalled(true);
    expect(at).toEqual([1000]);
    // The far side may simply have stopped sending: no retries while ICE says 'connected'.
    jest.advanceTimersByTime(10_000);
    expect(at).toEqual([1000]);
    // A restart request from the other side, or signaling back, is honoured while stalled.
    r.restartNow();
    expect(at).toEqual([1000, 11_000]);
    // ICE gives up the path: retries every 2 s.
    r.iceState('disconnected');
    jest.advanceTimersByTime(4000);
    expect(at).toEqual([1000, 11_000, 13_000, 15_000]);
    r.iceState('connected');
    // Media back, ICE 'connected': no more restarts.
    r.mediaStalled(false);
    jest.advanceTimersByTime(60_000);
    expect(at).toHaveLength(4);
    // Media back while ICE still says 'disconnected': the retries go on until ICE agrees.
    r.iceState('disconnected');
    r.mediaStalled(true); // the 5th, at once
    r.mediaStalled(false);
    jest.advanceTimersByTime(2000); // the 6th
    expect(at).toHaveLength(6);
    r.iceState('connected');
    jest.advanceTimersByTime(60_000);
    expect(at).toHaveLength(6);
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

describe('watchNetwork', () => {
  it("merges the browser's events of one change into one call, and stops on unsubscribe", () => {
    const g = globalThis as unknown as Record<string, unknown>;
    const saved = { add: g.addEventListener, remove: g.removeEventListener, nav: Object.getOwnPropertyDescriptor(globalThis, 'navigator') };
    const win = new EventTarget();
    const connection = new EventTarget();
    g.addEventListener = win.addEventListener.bind(win);
    g.removeEventListener = win.removeEventListener.bind(win);
    Object.defineProperty(globalThis, 'navigator', { value: { connection }, configurable: true });
    try {
      let now = 0;
      let calls = 0;
      const stop = watchNetwork(() => calls++, () => now);
      win.dispatchEvent(new Event('online'));
      now += 200;
      connection.dispatchEvent(new Event('change'));
      expect(calls).toBe(1);
      now += NETWORK_EVENTS_MERGE_MS;
      connection.dispatchEvent(new Event('change'));
      expect(calls).toBe(2);
      stop();
      now += 10_000;
      win.dispatchEvent(new Event('online'));
      expect(calls).toBe(2);
    } finally {
      g.addEventListener = saved.add;
      g.removeEventListener = saved.remove;
      if (saved.nav) Object.defineProperty(globalThis, 'navigator', saved.nav);
      else delete g.navigator;
    }
  });
});
