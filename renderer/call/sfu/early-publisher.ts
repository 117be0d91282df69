/**
 * The SFU publisher made in the lobby, before Join: its connection, transceivers and first offer
 * (createOffer and setLocalDescription, measured at 2.4-11 s for a joiner of a busy 5-person room
 * and well under a second in the lobby). The call's first SFU path takes it (JanusTransport);
 * a call that does not need it (a room on mesh) or never starts closes it. Its ICE candidates are
 * held until its first publish, since the server knows us only once we are in.
 */
import type { LocalTracks } from '../api';
import { SfuPublisher } from './publisher';
import type { SfuPort } from './sfu-port';

/** The configuration every SFU connection uses; the call's ICE servers come with the join (SfuPublisher.adopt). */
export const SFU_CONNECTION_BASE: RTCConfiguration = { bundlePolicy: 'max-bundle' };

export class EarlyPublisher {
  private publisher?: SfuPublisher;

  constructor(local: LocalTracks, port: SfuPort) {
    try {
      this.publisher = new SfuPublisher({ ...SFU_CONNECTION_BASE, iceServers: [] }, local, port, true, true);
      this.publisher.prepareOffer();
    } catch (e) {
      // No WebRTC here, or the browser refused a connection now: the call makes its own later.
      console.warn('SFU publisher could not be made ahead', e);
      this.publisher = undefined;
    }
  }

  /** Hands the publisher over (once): its tracks and sending as the call has them now, its ICE servers. */
  take(config: RTCConfiguration, local: LocalTracks, sending: boolean): SfuPublisher | undefined {
    const p = this.publisher;
    this.publisher = undefined;
    if (!p || p.pc.signalingState === 'closed') return undefined;
    void p.adopt(config, local, sending).catch((e: unknown) => console.warn('SFU publisher made ahead: tracks not taken', e));
    return p;
  }

  /** Not needed after all: its connection closes (nothing was ever sent on it). */
  close(): void {
    this.publisher?.close();
    this.publisher = undefined;
  }

  get held(): boolean {
    return this.publisher !== undefined;
  }
}
