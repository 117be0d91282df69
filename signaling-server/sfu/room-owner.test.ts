import { MemoryRoomStore } from '../store/memory-store';
import { RoomOwners } from './room-owner';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Polls `cond` up to 5 s (a loaded machine delays timers), then says whether it held. */
async function until(cond: () => boolean | Promise<boolean>): Promise<boolean> {
  for (let i = 0; i < 100 && !(await cond()); i++) await sleep(50);
  return cond();
}

/** Two nodes' RoomOwners on one shared store, with a short lease; what each was told. */
function twoNodes(leaseMs = 600) {
  const store = new MemoryRoomStore();
  const told: string[] = [];
  const node = (id: string) =>
    new RoomOwners(store, id, {
      leaseMs,
      onTakeover: (room) => told.push(`${id} took ${room}`),
      onLost: (room) => told.push(`${id} lost ${room}`),
      log: () => undefined,
    });
  return { store, told, a: node('a'), b: node('b') };
}

describe('RoomOwners', () => {
  let nodes: ReturnType<typeof twoNodes>;
  afterEach(async () => {
    await nodes.a.close();
    await nodes.b.close();
  });

  it('the first claim owns the room, and renewing keeps it past the lease', async () => {
    nodes = twoNodes();
    const { a, b, told } = nodes;
    expect(await a.claim('r')).toBe(true);
    expect(await b.claim('r')).toBe(false);
    await sleep(1800);
    expect([a.owns('r'), b.owns('r')]).toEqual([true, false]);
    expect(await b.claim('r')).toBe(false);
    expect(told).toEqual([]);
  });

  it('a node shutting down lets the other take its rooms over at its next check', async () => {
    nodes = twoNodes();
    const { a, b, told } = nodes;
    await a.claim('r');
    await b.claim('r');
    await a.close();
    expect(await until(() => b.owns('r'))).toBe(true);
    expect(told).toEqual(['b took r']);
  });

  it('a lease nobody renews lapses, and a node that knows the room takes it over', async () => {
    nodes = twoNodes();
    const { store, a, b, told } = nodes;
    await b.claim('r');
    // Node a's claim stands in the store, but node a is gone (no RoomOwners renews it).
    await b.forget('r');
    await store.claimValue('sfu-owner:r', 'dead', 600);
    await b.claim('r');
    expect(b.owns('r')).toBe(false);
    expect(await until(() => b.owns('r'))).toBe(true);
    expect(await store.getValue('sfu-owner:r')).toBe('b');
    expect(told).toEqual(['b took r']);
    expect(a.owns('r')).toBe(false);
  });

  it('an owner whose lease another node holds now stops owning, and says so', async () => {
    nodes = twoNodes();
    const { store, a, told } = nodes;
    await a.claim('r');
    await store.putValue('sfu-owner:r', 'b', 5000);
    expect(await until(() => !a.owns('r'))).toBe(true);
    expect(told).toEqual(['a lost r']);
  });

  it('an owner that finds its lease gone (Redis lost it) claims it again and keeps owning, without a word', async () => {
    nodes = twoNodes();
    const { store, a, told } = nodes;
    await a.claim('r');
    await store.dropValue('sfu-owner:r', 'a');
    expect(await until(async () => (await store.getValue('sfu-owner:r')) === 'a')).toBe(true);
    expect(a.owns('r')).toBe(true);
    expect(told).toEqual([]);
  });

  it('forget() drops its own lease only: a forgotten room is neither renewed nor claimed again', async () => {
    nodes = twoNodes();
    const { store, a, b, told } = nodes;
    await a.claim('r');
    await b.claim('r');
    await b.forget('r');
    expect(await store.getValue('sfu-owner:r')).toBe('a');
    await a.forget('r');
    expect(await store.getValue('sfu-owner:r')).toBeUndefined();
    await sleep(700);
    expect(await store.getValue('sfu-owner:r')).toBeUndefined();
    expect(told).toEqual([]);
  });
});
