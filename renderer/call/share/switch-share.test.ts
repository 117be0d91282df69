/** The share across a topology switch: ours on every live path, the newest path's remote share wins. */
import type { MediaTransport } from '../api';
import { stream, track } from '../testing/fake-media';
import { FakeTransport, fakeTransportContext } from '../testing/fake-transport';
import { SwitchShare } from './switch-share';

const ctx = fakeTransportContext();

function setup() {
  const seen: [string, MediaStream | null][] = [];
  const shares = new SwitchShare((id, s) => seen.push([id, s]));
  return { shares, seen, mesh: new FakeTransport(ctx), sfu: new FakeTransport(ctx) };
}

describe('SwitchShare', () => {
  it('sends our share on every live path, and a path started mid-share gets it; stop reaches both', async () => {
    const { shares, mesh, sfu } = setup();
    const mine = stream([track('video')]);
    await shares.set(mine, [mesh, null]);
    shares.started(sfu);
    expect(mesh.shares).toEqual([mine]);
    expect(sfu.shares).toEqual([mine]);
    await shares.set(null, [mesh, sfu]);
    expect(mesh.shares).toEqual([mine, null]);
    expect(sfu.shares).toEqual([mine, null]);
    const later = new FakeTransport(ctx);
    shares.started(later);
    expect(later.shares).toEqual([]);
  });

  it("shows the newest path's remote share; the old path's copy and its null never undo it", () => {
    const { shares, seen, mesh, sfu } = setup();
    const viaMesh = stream([track('video')]);
    const viaSfu = stream([track('video')]);
    const old = mesh as MediaTransport;
    shares.remote(old, 'bob-000002', viaMesh, old);
    // The switch to the SFU begins: the SFU's copy takes over.
    shares.remote(sfu, 'bob-000002', viaSfu, sfu);
    shares.remote(old, 'bob-000002', viaMesh, sfu);
    shares.remote(old, 'bob-000002', null, sfu);
    expect(seen).toEqual([['bob-000002', viaMesh], ['bob-000002', viaSfu]]);
    // Bob stops: the shown path says so.
    shares.remote(sfu, 'bob-000002', null, sfu);
    expect(seen.at(-1)).toEqual(['bob-000002', null]);
  });
});
