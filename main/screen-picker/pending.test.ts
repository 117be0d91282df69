import { PendingPickerRequests } from './pending';
import type { PickerGrant } from './pending';
import type { CloseReason } from '../../protocol/ipc/picker';

/** Manual timers so timeouts are driven by the test, not the clock. */
function setup(timeoutMs = 1000) {
  const timers = new Map<number, () => void>();
  let nextTimer = 1;
  let nextId = 1;
  const ended: Array<{ id: string; owner: number; reason: CloseReason }> = [];
  const requests = new PendingPickerRequests({
    timeoutMs,
    newId: () => `req-0000-${nextId++}`,
    setTimer: (fn) => {
      const t = nextTimer++;
      timers.set(t, fn);
      return t;
    },
    clearTimer: (t) => timers.delete(t as number),
    onEnded: (id, owner, reason) => ended.push({ id, owner, reason }),
  });
  const fireAll = () => [...timers.values()].forEach((fn) => fn());
  return { requests, timers, ended, fireAll };
}

function answers() {
  const got: Array<PickerGrant | null> = [];
  return { got, respond: (g: PickerGrant | null) => got.push(g) };
}

const SOURCES = [
  { id: 'screen:0:0', name: 'Entire screen' },
  { id: 'window:42:0', name: 'Editor' },
];

describe('PendingPickerRequests', () => {
  it('grants the chosen, offered source once and clears its timer', () => {
    const { requests, timers, ended } = setup();
    const a = answers();
    const id = requests.open(7, false, a.respond);
    expect(requests.offer(id, 7, SOURCES)).toBe(true);
    expect(requests.choose(id, 7, 'window:42:0', false)).toBe('ok');
    expect(a.got).toEqual([{ video: { id: 'window:42:0', name: 'Editor' } }]);
    expect(timers.size).toBe(0);
    expect(requests.size).toBe(0);
    // The renderer caused it, so no "closed" event goes back.
    expect(ended).toEqual([]);
    // A second answer for the same id changes nothing.
    expect(requests.choose(id, 7, 'window:42:0', false)).toBe('unknown-request');
    expect(requests.cancel(id, 7)).toBe(false);
    expect(a.got).toHaveLength(1);
  });

  it('refuses a source id that was never listed for this request', () => {
    const { requests } = setup();
    const a = answers();
    const id = requests.open(7, false, a.respond);
    requests.offer(id, 7, SOURCES);
    expect(requests.choose(id, 7, 'window:999:0', false)).toBe('unknown-source');
    expect(a.got).toEqual([]);
    expect(requests.isOpen(id, 7)).toBe(true);
  });

  it('denies on cancel and tells the owner why', () => {
    const { requests, ended } = setup();
    const a = answers();
    const id = requests.open(7, false, a.respond);
    expect(requests.cancel(id, 7)).toBe(true);
    expect(a.got).toEqual([null]);
    expect(ended).toEqual([{ id, owner: 7, reason: 'cancelled' }]);
  });

  it('ends a request for a given reason once, telling the owner before answering', () => {
    const order: string[] = [];
    const requests = new PendingPickerRequests({
      timeoutMs: 1000,
      newId: () => 'req-0000-0009',
      setTimer: () => 1,
      clearTimer: () => {},
      onEnded: (_id, _owner, reason) => order.push(`ended:${reason}`),
    });
    const id = requests.open(7, false, (g) => order.push(`answer:${JSON.stringify(g)}`));
    expect(requests.end(id, 8, 'failed')).toBe(false);
    expect(requests.end(id, 7, 'screen-access-denied')).toBe(true);
    expect(requests.end(id, 7, 'failed')).toBe(false);
    expect(order).toEqual(['ended:screen-access-denied', 'answer:null']);
  });

  it('denies on timeout and tells the owner', () => {
    const { requests, ended, fireAll } = setup();
    const a = answers();
    const id = requests.open(7, false, a.respond);
    fireAll();
    expect(a.got).toEqual([null]);
    expect(ended).toEqual([{ id, owner: 7, reason: 'timeout' }]);
    expect(requests.choose(id, 7, 'screen:0:0', false)).toBe('unknown-request');
  });

  it('denies everything of a closed window, and only of that window', () => {
    const { requests, ended } = setup();
    const mine = answers();
    const other = answers();
    const id = requests.open(7, false, mine.respond);
    const otherId = requests.open(8, false, other.respond);
    requests.closeOwner(7);
    expect(mine.got).toEqual([null]);
    expect(other.got).toEqual([]);
    expect(ended).toEqual([{ id, owner: 7, reason: 'window-closed' }]);
    expect(requests.isOpen(otherId, 8)).toBe(true);
  });

  it('treats unknown ids and ids of another window as unknown', () => {
    const { requests } = setup();
    const a = answers();
    const id = requests.open(7, false, a.respond);
    requests.offer(id, 7, SOURCES);
    expect(requests.choose('req-nope', 7, 'screen:0:0', false)).toBe('unknown-request');
    expect(requests.choose(id, 8, 'screen:0:0', false)).toBe('unknown-request');
    expect(requests.cancel(id, 8)).toBe(false);
    expect(requests.offer(id, 8, SOURCES)).toBe(false);
    expect(a.got).toEqual([]);
  });

  it('supersedes an older request of the same window', () => {
    const { requests, ended } = setup();
    const first = answers();
    const second = answers();
    const a = requests.open(7, false, first.respond);
    const b = requests.open(7, false, second.respond);
    expect(first.got).toEqual([null]);
    expect(ended).toEqual([{ id: a, owner: 7, reason: 'superseded' }]);
    expect(requests.isOpen(b, 7)).toBe(true);
  });

  it('adds system audio only when it was offered', () => {
    const { requests } = setup();
    const offered = answers();
    const id = requests.open(7, true, offered.respond);
    requests.offer(id, 7, SOURCES);
    requests.choose(id, 7, 'screen:0:0', true);
    expect(offered.got).toEqual([{ video: { id: 'screen:0:0', name: 'Entire screen' }, audio: 'loopback' }]);

    const notOffered = answers();
    const id2 = requests.open(7, false, notOffered.respond);
    requests.offer(id2, 7, SOURCES);
    requests.choose(id2, 7, 'screen:0:0', true);
    expect(notOffered.got).toEqual([{ video: { id: 'screen:0:0', name: 'Entire screen' } }]);
  });
});
