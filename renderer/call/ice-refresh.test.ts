import type { IceServersResponse } from '../../protocol';
import { IceRefresh } from './ice-refresh';

const T0 = 1_000_000;
const creds = (name: string, expiresAt: number): IceServersResponse => ({
  iceServers: [{ urls: ['turn:10.80.0.1:3478'], username: name, credential: 'c' }],
  expiresAt,
});

function setup(answers: (() => Promise<IceServersResponse>)[]) {
  const applied: IceServersResponse[] = [];
  let calls = 0;
  const refresh = new IceRefresh({
    request: () => answers[Math.min(calls++, answers.length - 1)](),
    apply: (ice) => applied.push(ice),
    now: () => Date.now(),
  });
  return { refresh, applied, calls: () => calls };
}

beforeEach(() => {
  jest.useFakeTimers();
  jest.setSystemTime(T0);
});
afterEach(() => jest.useRealTimers());

describe('IceRefresh', () => {
  it('asks ice:refresh at 80 % of the lifetime and applies the answer, then again for the new one', async () => {
    const s = setup([async () => creds('b', Date.now() + 100_000), async () => creds('c', Date.now() + 100_000)]);
    s.refresh.start(creds('a', T0 + 100_000));
    await jest.advanceTimersByTimeAsync(79_999);
    expect(s.calls()).toBe(0);
    await jest.advanceTimersByTimeAsync(1);
    expect(s.applied.map((i) => i.iceServers[0].username)).toEqual(['b']);
    await jest.advanceTimersByTimeAsync(80_000);
    expect(s.applied.map((i) => i.iceServers[0].username)).toEqual(['b', 'c']);
    s.refresh.stop();
  });

  it('does nothing without expiresAt (no TURN) and nothing after stop()', async () => {
    const s = setup([async () => creds('b', Date.now() + 100_000)]);
    s.refresh.start({ iceServers: [] });
    await jest.advanceTimersByTimeAsync(1_000_000);
    s.refresh.start(creds('a', T0 + 2_000_000));
    s.refresh.stop();
    await jest.advanceTimersByTimeAsync(10_000_000);
    expect(s.calls()).toBe(0);
  });

  it('retries a failed refresh while the old credentials last', async () => {
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    const s = setup([() => Promise.reject(new Error('offline')), async () => creds('b', Date.now() + 100_000)]);
    s.refresh.start(creds('a', T0 + 100_000));
    await jest.advanceTimersByTimeAsync(80_000);
    expect(s.applied).toHaveLength(0);
    await jest.advanceTimersByTimeAsync(15_000);
    expect(s.applied.map((i) => i.iceServers[0].username)).toEqual(['b']);
    s.refresh.stop();
    warn.mockRestore();
  });

  it('drops an answer that arrives after stop()', async () => {
    let resolve: (v: IceServersResponse) => void = () => undefined;
    const s = setup([() => new Promise((r) => (resolve = r))]);
    s.refresh.start(creds('a', T0 + 10_000));
    await jest.advanceTimersByTimeAsync(8_000);
    s.refresh.stop();
    resolve(creds('late', Date.now() + 10_000));
    await jest.advanceTimersByTimeAsync(0);
    expect(s.applied).toHaveLength(0);
  });
});
