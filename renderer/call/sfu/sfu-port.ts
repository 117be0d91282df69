/**
 * What the SFU transport and the topology switch need from signaling, as a narrow port: the
 * transports never touch Socket.IO (STYLE.md), this adapter turns `sfu:*` events into calls.
 */
import { answerParts, type LayerChoice, type SfuCandidate, type SfuJsep, type SfuOffer, type SfuSubscribeRequest, type SfuTarget, type Topology } from '../../../protocol';
import type { SignalingPort } from '../signaling-client';

export interface SfuPort {
  /** Our offer (camera + mic, simulcast) → Janus's answer. */
  publish(offer: SfuJsep): Promise<SfuJsep>;
  /** Receive every other publisher, in these simulcast layers from the start; offers then arrive through `onOffer`. */
  subscribe(prefs?: SfuSubscribeRequest): Promise<void>;
  answer(seq: number, jsep: SfuJsep): Promise<void>;
  trickle(target: SfuTarget, candidate: SfuCandidate | null): void;
  /** Simulcast layer per remote participant (0 smallest … 2 full), and its video paused or resumed. */
  configure(layers: LayerChoice[]): Promise<void>;
  leave(): Promise<void>;
  /** All our remote tiles run on `mode` now. */
  switched(mode: Topology): Promise<void>;
  onOffer(fn: (offer: SfuOffer) => void): () => void;
  onTrickle(fn: (target: SfuTarget, candidate: SfuCandidate | null) => void): () => void;
  /** Everyone runs on `mode`: the old path may close. */
  onSwitchDone(fn: (mode: Topology) => void): () => void;
  /** The room's Janus died and the room moved to another: the SFU path must start over there. */
  onRehome(fn: () => void): () => void;
  /** Janus sees heavy loss on one of our connections (its `slowlink`). */
  onSlowlink(fn: (target: SfuTarget, uplink: boolean, lost: number) => void): () => void;
}

/** A browser candidate as the wire carries it. */
export const toInit = (c: RTCIceCandidate): SfuCandidate => ({ candidate: c.candidate, sdpMid: c.sdpMid, sdpMLineIndex: c.sdpMLineIndex });

/** The SfuPort over the call's signaling client. */
export function sfuPortOver(signaling: SignalingPort): SfuPort {
  const warn = (what: string) => (e: unknown) => console.warn(`${what} failed`, e);
  return {
    publish: async (offer) => (await signaling.request('sfu:publish', { jsep: { type: 'offer', sdp: offer.sdp } })).jsep,
    subscribe: async (prefs = {}) => void (await signaling.request('sfu:subscribe', prefs)),
    answer: async (seq, jsep) => {
      // A large room's subscriber answer is past one frame: in parts, in order (the server joins them).
      const parts = answerParts(jsep.sdp);
      for (const [index, sdp] of parts.entries()) {
        await signaling.request('sfu:answer', { seq, jsep: { type: 'answer', sdp }, ...(parts.length > 1 ? { part: { index, count: parts.length } } : {}) });
      }
    },
    trickle: (target, candidate) => void signaling.request('sfu:trickle', { target, candidate }).catch(warn('sfu:trickle')),
    configure: async (layers) => void (await signaling.request('sfu:configure', { layers })),
    leave: async () => void (await signaling.request('sfu:leave', {})),
    switched: async (mode) => void (await signaling.request('sfu:switched', { mode })),
    onOffer: (fn) => signaling.on('sfu:offer', fn),
    onTrickle: (fn) => signaling.on('sfu:trickle', (e) => fn(e.target, e.candidate)),
    onSwitchDone: (fn) => signaling.on('sfu:switch-done', (e) => fn(e.mode)),
    onRehome: (fn) => signaling.on('sfu:rehome', () => fn()),
    onSlowlink: (fn) => signaling.on('sfu:slowlink', (e) => fn(e.target, e.uplink, e.lost)),
  };
}
