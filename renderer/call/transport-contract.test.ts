/**
 * Every MediaTransport member is required: a transport that forgets one must not compile. The
 * `@ts-expect-error` lines below are checked by `npm run typecheck` (tsconfig.tests.json): if a
 * member became optional again, the line would compile and the directive would be reported.
 */
import type { MediaTransport } from './api';
import { FakeTransport, fakeTransportContext } from './testing/fake-transport';

type Member = Exclude<keyof MediaTransport, 'kind'>;

function fake(): FakeTransport {
  return new FakeTransport(fakeTransportContext());
}

/** A transport with one member taken away, typed as what it is. */
function without<M extends Member>(member: M): Omit<MediaTransport, M> {
  const hidden = (key: string | symbol) => key === member;
  return new Proxy(fake(), {
    has: (target, key) => !hidden(key) && Reflect.has(target, key),
    get: (target, key) => (hidden(key) ? undefined : Reflect.get(target, key)),
  });
}

describe('MediaTransport', () => {
  it('refuses, at compile time, a transport without one of the topology switch members', () => {
    // @ts-expect-error switchTo is required
    const noSwitch: MediaTransport = without('switchTo');
    // @ts-expect-error setTileSize is required
    const noTileSize: MediaTransport = without('setTileSize');
    // @ts-expect-error setIceServers is required
    const noIce: MediaTransport = without('setIceServers');
    // @ts-expect-error setShare is required
    const noShare: MediaTransport = without('setShare');
    // @ts-expect-error prewarm is required
    const noPrewarm: MediaTransport = without('prewarm');
    // @ts-expect-error setSending is required
    const noSending: MediaTransport = without('setSending');
    expect([noSwitch, noTileSize, noIce, noShare, noPrewarm, noSending].map((t) => t.kind)).toEqual(['mesh', 'mesh', 'mesh', 'mesh', 'mesh', 'mesh']);
  });

  it('the shared fake records the switch members, so engine tests can see them called', () => {
    const t = fake();
    t.switchTo('sfu');
    t.setTileSize('bob', 640, 360);
    t.setIceServers([{ urls: ['turn:10.77.0.1:3478'] }]);
    expect(t.switches).toEqual(['sfu']);
    expect(t.tileSizes).toEqual([{ peerId: 'bob', width: 640, height: 360 }]);
    expect(t.iceUpdates).toEqual([[{ urls: ['turn:10.77.0.1:3478'] }]]);
  });
});
