/** Remote participants and the transport that connects to them, kept in step. */
import type { Participant, PeerSignalData } from '../../protocol';
import { CallError, type MediaTransport, type ParticipantView } from './api';
import type { RemoteParticipant } from './participant';
import { Roster } from './roster';
import { text } from '../i18n/text';

export interface CallPeersHooks {
  /** Relay a transport's signal through signaling. */
  relay(to: string, signal: PeerSignalData): void;
  joined(view: ParticipantView): void;
  left(id: string): void;
  updated(view: ParticipantView): void;
  error(e: CallError): void;
  /** A media path was lost or stalled: the network under the call may have changed. */
  pathLost(): void;
}

/** Signals kept while no transport exists yet (between the join ack and the transport's creation). */
const MAX_EARLY_SIGNALS = 200;

export class CallPeers {
  private readonly roster: Roster;
  private current: MediaTransport | null = null;
  private early: { from: string; signal: PeerSignalData }[] = [];

  constructor(private readonly hooks: CallPeersHooks) {
    this.roster = new Roster((v) => hooks.updated(v));
  }

  get transport(): MediaTransport | null {
    return this.current;
  }

  /** The connections that carry our camera to the others now (the transport's). */
  sendingConnections(): RTCPeerConnection[] {
    return this.transport?.sendingConnections() ?? [];
  }

  /** A topology switch runs both paths now. */
  switching(): boolean {
    return this.transport?.switching ?? false;
  }

  all(): RemoteParticipant[] {
    return this.roster.all();
  }

  views(): ParticipantView[] {
    return this.roster.views();
  }

  get(id: string): RemoteParticipant | undefined {
    return this.roster.get(id);
  }

  /** Starts using `transport` and connects to `others` (in join order). */
  attach(transport: MediaTransport, others: Participant[]): void {
    this.current = transport;
    transport.on('signal', (to, signal) => this.hooks.relay(to, signal));
    transport.on('stream', (id, stream) => this.roster.get(id)?.setStream(stream));
    transport.on('share', (id, stream) => this.roster.get(id)?.setShare(stream));
    transport.on('videoHeld', (id, held) => this.roster.get(id)?.setVideoHeld(held));
    transport.on('pathStalled', () => this.hooks.pathLost());
    transport.on('peerState', (id, state) => {
      const p = this.roster.get(id);
      p?.setConnection(state);
      if (state === 'reconnecting') this.hooks.pathLost();
      if (p && state === 'failed') this.hooks.error(new CallError('PEER_FAILED', text('errors.peerFailed', { name: p.view.name })));
    });
    for (const p of [...others].sort((a, b) => a.joinedAt - b.joinedAt)) this.add(p);
    const early = this.early;
    this.early = [];
    for (const e of early) transport.handleSignal(e.from, e.signal);
  }

  add(p: Participant): void {
    const member = this.roster.add(p);
    if (!member) return;
    this.hooks.joined(member.view);
    this.current?.addPeer(p.id, p.joinedAt);
  }

  remove(id: string): void {
    if (!this.roster.remove(id)) return;
    this.current?.removePeer(id);
    this.hooks.left(id);
  }

  handleSignal(from: string, signal: PeerSignalData): void {
    if (this.current) this.current.handleSignal(from, signal);
    else if (this.early.length < MAX_EARLY_SIGNALS) this.early.push({ from, signal });
  }

  /** Closes the transport and forgets everyone (each gets a `left`). */
  reset(): void {
    this.current?.close();
    this.current = null;
    this.early = [];
    for (const id of this.roster.ids()) this.remove(id);
  }
}
