/**
 * Test-only: an SfuPeer on a fake Janus session whose handles are made by `make` (kept in
 * `handles`, in attach order), with the seq of every offer it pushed kept in `offers`.
 */
import type { JanusSession } from '../janus/client';
import { SfuPeer } from '../sfu/sfu-peer';

export function peerOnFakeSession<H>(make: () => H, id = 'viewer'): { peer: SfuPeer; handles: H[]; offers: number[] } {
  const handles: H[] = [];
  const session = {
    attach: async () => {
      const h = make();
      handles.push(h);
      return h;
    },
    destroy: async () => undefined,
  } as unknown as JanusSession;
  const offers: number[] = [];
  const peer = new SfuPeer(id, session, { room: 'r', pin: 'p' }, { offer: (o) => offers.push(o.seq), trickle: () => undefined, slowlink: () => undefined, rehome: () => undefined }, () => undefined);
  return { peer, handles, offers };
}
