/**
 * The call's MediaTransport: mesh or SFU, switching live between them make-before-break.
 *
 * Each remote participant has one stable display MediaStream (what its tile plays; the tile is
 * never remounted). On a switch, a second transport starts for the new topology (publishes and
 * subscribes to everyone there); each tile's tracks are swapped once the new path has presented a
 * frame; when every tile has swapped we tell the server (`sfu:switched`) and close the old path
 * only when the server says everyone has (`sfu:switch-done`), or after a bounded wait.
 *
 * Warm SFU path: while the server says so (`prewarm`, a full mesh room), an SFU path is held
 * beside the mesh, connected but sending nothing; the switch to the SFU takes it into use and only
 * turns sending on (no ICE, DTLS or encoder start on its critical path), and the switch back holds
 * it idle again instead of closing it. There is never more than one SFU path: the server holds
 * one Janus session per participant.
 *
 * Failover: when the room's Janus dies and the server moves the room to another (`sfu:rehome`),
 * the SFU path is dead: it is closed first (its `sfu:leave` reaches the server before the new
 * path's publish), and a new one starts; each tile keeps its display stream and takes the new
 * tracks as they come, so nothing is remounted. A warm path is rebuilt the same way.
 */
import type { IceServer, PeerSignalData, Topology } from '../../../protocol';
import type { MediaTransport, MediaTransportEvents } from '../api';
import { Emitter } from '../emitter';
import type { SfuPort } from '../sfu/sfu-port';
import { adoptTracks } from '../adopt-tracks';
import type { ReadinessCheck } from './readiness';
import { SwitchShare } from '../share/switch-share';

export interface SwitchingOptions {
  initial: Topology;
  /**
   * A transport for `mode`, told each remote tile's current size before it starts: the SFU path
   * subscribes in the layers the tiles need from its first request (a later layer change waits
   * for a keyframe: a gap right after the swap). `sending` false (SFU only): a warm path.
   */
  create(mode: Topology, tileSizes: ReadonlyMap<string, readonly [number, number]>, sending: boolean): MediaTransport;
  port: SfuPort;
  ready: ReadinessCheck;
  /** Longest wait for one tile's new path to present a frame before swapping anyway; default 6 s. */
  readyTimeoutMs?: number;
  /** Longest wait for the server's switch-done before closing the old path anyway; default 15 s. */
  closeTimeoutMs?: number;
}

export class SwitchingTransport extends Emitter<MediaTransportEvents> implements MediaTransport {
  private active: MediaTransport;
  private incoming: MediaTransport | null = null;
  private readonly known = new Map<string, number>();
  private readonly display = new Map<string, MediaStream>();
  /** Each remote tile's last size, for a path that starts later. */
  private readonly tileSizes = new Map<string, [number, number]>();
  /** Which transport the tracks in each display stream come from. */
  private readonly source = new Map<string, MediaTransport>();
  /** Latest stream per transport and participant. */
  private readonly latest = new Map<MediaTransport, Map<string, MediaStream>>();
  /** Tiles that existed when the switch began and have not swapped yet. */
  private pending = new Set<string>();
  private watching = new Set<string>();
  private reported = false;
  private closeTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly offDone: () => void;
  private readonly offRehome: () => void;
  private closed = false;
  /** The idle SFU path held while on mesh, and whether the server wants one (see the header). */
  private warm: MediaTransport | null = null;
  private warmWanted = false;
  /** Transports whose events are wired (a warm path is taken into use more than once). */
  private readonly wired = new WeakSet<MediaTransport>();
  /** Screen share: ours on every live path, remote ones from the newest path (../share/switch-share). */
  private readonly shares = new SwitchShare((id, s) => this.emit('share', id, s));

  constructor(private readonly opts: SwitchingOptions) {
    super();
    this.active = this.start(opts.initial);
    this.offDone = opts.port.onSwitchDone((mode) => {
      if (this.incoming?.kind === mode) this.complete();
    });
    this.offRehome = opts.port.onRehome(() => this.rehome());
    // A joiner lands on the room's current topology directly: it has nothing to move, so it
    // counts as switched at once if a switch is in progress (the server ignores it otherwise).
    opts.port.switched(opts.initial).catch(() => undefined);
  }

  get kind(): Topology {
    return this.active.kind;
  }

  get switching(): boolean {
    return this.incoming !== null;
  }

  /** The topology announced by the server (`room:topology`). */
  switchTo(mode: Topology): void {
    if (this.closed) return;
    if (this.incoming) {
      // Back to where we are before the switch finished: drop the half-built path.
      if (this.incoming.kind !== mode) this.abort();
      return;
    }
    if (this.active.kind === mode) return;
    const warm = mode === 'sfu' ? this.warm : null;
    console.info(`topology switch ${this.active.kind} → ${mode} begins${warm ? ' on the warm path' : ''}`);
    const next = warm ? this.takeWarm(warm) : this.start(mode);
    this.incoming = next;
    this.reported = false;
    this.pending = new Set([...this.known.keys()].filter((id) => this.source.has(id)));
    for (const [id, joinedAt] of this.known) next.addPeer(id, joinedAt);
    this.closeTimer = setTimeout(() => this.complete(), this.opts.closeTimeoutMs ?? 15_000);
    this.checkSwitched();
  }

  addPeer(peerId: string, joinedAt = 0): void {
    this.known.set(peerId, joinedAt);
    // A joiner during a switch is on the new topology only.
    (this.incoming ?? this.active).addPeer(peerId, joinedAt);
  }

  removePeer(peerId: string): void {
    this.known.delete(peerId);
    for (const t of this.paths()) t.removePeer(peerId);
    this.display.delete(peerId);
    this.tileSizes.delete(peerId);
    this.shares.forget(peerId);
    this.source.delete(peerId);
    for (const m of this.latest.values()) m.delete(peerId);
    this.pending.delete(peerId);
    this.checkSwitched();
  }

  handleSignal(from: string, data: PeerSignalData): void {
    const mesh = [this.incoming, this.active].find((t) => t?.kind === 'mesh');
    mesh?.handleSignal(from, data);
  }

  /** On every path, the warm one too: it must send the current tracks the moment it is taken. */
  async replaceTrack(kind: 'audio' | 'video', track: MediaStreamTrack | null): Promise<void> {
    await Promise.all(this.paths().map((t) => t.replaceTrack(kind, track)));
  }

  getPeerConnection(peerId: string): RTCPeerConnection | null {
    return (this.source.get(peerId) ?? this.active).getPeerConnection(peerId);
  }

  sendingConnections(): RTCPeerConnection[] {
    return this.paths().flatMap((t) => t.sendingConnections());
  }

  setIceServers(iceServers: IceServer[]): void {
    for (const t of this.paths()) t.setIceServers(iceServers);
  }

  networkChanged(): void {
    for (const t of this.paths()) t.networkChanged();
  }

  setTileSize(peerId: string, width: number, height: number): void {
    this.tileSizes.set(peerId, [width, height]);
    for (const t of this.paths()) t.setTileSize(peerId, width, height);
  }

  /** The server wants a warm SFU path kept (or let go): see the header. */
  prewarm(on: boolean): void {
    if (this.closed) return;
    this.warmWanted = on;
    if (on) return this.warmUp();
    this.warm?.close();
    this.warm = null;
  }

  /** No-op: which of its paths sends is this transport's own decision (see prewarm). */
  async setSending(_on: boolean): Promise<void> {}

  /** Screen share: sent on both paths while both live (a new path starts with it, see start()). */
  setShare(share: MediaStream | null): Promise<void> {
    return this.shares.set(share, [this.active, this.incoming]);
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.closeTimer);
    this.offDone();
    this.offRehome();
    for (const t of this.paths()) t.close();
    this.warm = null;
  }

  /** See the header: the SFU path (live, incoming or warm) starts over on the room's new Janus. */
  private rehome(): void {
    if (this.closed) return;
    console.info('the media server of this room changed: the SFU path starts over');
    if (this.warm) {
      this.warm.close();
      this.warm = null;
      this.warmUp();
    }
    if (this.incoming?.kind === 'sfu') {
      const dead = this.incoming;
      this.latest.delete(dead);
      dead.close();
      this.incoming = this.start('sfu');
      for (const [id, joinedAt] of this.known) this.incoming.addPeer(id, joinedAt);
      return;
    }
    // During a switch to mesh the mesh path takes over anyway; otherwise the live SFU path is replaced.
    if (this.active.kind !== 'sfu' || this.incoming) return;
    const dead = this.active;
    this.latest.delete(dead);
    for (const id of this.known.keys()) if (this.source.get(id) === dead) this.source.delete(id);
    dead.close();
    this.active = this.start('sfu');
    for (const [id, joinedAt] of this.known) this.active.addPeer(id, joinedAt);
  }

  /** The live paths and the warm one. */
  private paths(): MediaTransport[] {
    return [this.active, this.incoming, this.warm].filter((t): t is MediaTransport => t !== null);
  }

  private start(mode: Topology): MediaTransport {
    return this.use(this.opts.create(mode, this.tileSizes, true));
  }

  /** The warm path becomes the incoming one: it sends from now on. */
  private takeWarm(t: MediaTransport): MediaTransport {
    this.warm = null;
    this.use(t);
    t.setSending(true).catch((e: unknown) => console.warn('the warm SFU path did not start sending', e));
    return t;
  }

  /** Makes `t` a live path: its streams and shares count, it sends the running share. */
  private use(t: MediaTransport): MediaTransport {
    this.latest.set(t, new Map());
    this.shares.started(t);
    if (this.wired.has(t)) return t;
    this.wired.add(t);
    t.on('share', (id, s) => {
      if (this.latest.has(t)) this.shares.remote(t, id, s, this.incoming ?? this.active);
    });
    t.on('signal', (to, data) => this.emit('signal', to, data));
    t.on('stream', (id, s) => this.onStream(t, id, s));
    // A peer's state is told by the path its media comes from (or, before that, the newest path).
    const carries = (id: string) => (this.source.get(id) ?? this.incoming ?? this.active) === t;
    t.on('peerState', (id, state) => {
      if (carries(id)) this.emit('peerState', id, state);
    });
    t.on('videoHeld', (id, held) => {
      if (carries(id)) this.emit('videoHeld', id, held);
    });
    t.on('pathStalled', (id) => {
      if (carries(id)) this.emit('pathStalled', id);
    });
    return t;
  }

  /** A warm path, when wanted and when no other SFU path exists (one Janus session each). */
  private warmUp(): void {
    if (!this.warmWanted || this.warm || this.closed || this.active.kind !== 'mesh' || this.incoming) return;
    this.warm = this.opts.create('sfu', this.tileSizes, false);
  }

  /** A path leaving use: an SFU path is held idle as the warm one if wanted, anything else closes. */
  private retire(t: MediaTransport): void {
    this.latest.delete(t);
    if (t.kind !== 'sfu' || !this.warmWanted || this.warm) return t.close();
    this.warm = t;
    t.setShare(null).catch(() => undefined);
    t.setSending(false).catch((e: unknown) => console.warn('the SFU path was not held idle', e));
  }

  private onStream(t: MediaTransport, id: string, s: MediaStream): void {
    if (!this.known.has(id) || !this.latest.has(t)) return;
    this.latest.get(t)?.set(id, s);
    const src = this.source.get(id);
    if (!src || src === t) return this.show(t, id, s);
    if (t === this.incoming && !this.watching.has(id)) void this.watch(t, id, s);
  }

  /** Waits for the new path of one tile to present a frame, then swaps the tile's tracks. */
  private async watch(t: MediaTransport, id: string, s: MediaStream): Promise<void> {
    this.watching.add(id);
    const ok = await this.opts.ready(s, this.opts.readyTimeoutMs ?? 6000);
    console.info(`topology switch: ${id} ${ok ? 'presented a frame' : 'timed out'} on ${t.kind}`);
    this.watching.delete(id);
    if (this.closed || (t !== this.incoming && t !== this.active) || !this.known.has(id) || this.source.get(id) === t) return;
    this.show(t, id, this.latest.get(t)?.get(id) ?? s);
    this.pending.delete(id);
    this.checkSwitched();
  }

  private show(t: MediaTransport, id: string, s: MediaStream): void {
    let d = this.display.get(id);
    // A display stream whose every track ended (its path died: a failover) is inactive, and a <video>
    // playing it has ended for good: the tile gets a new stream object, which it plays afresh.
    const fresh = !d || (d.getTracks().length > 0 && d.getTracks().every((x) => x.readyState === 'ended'));
    if (!d || fresh) this.display.set(id, (d = new MediaStream()));
    this.source.set(id, t);
    const want = [s.getAudioTracks()[0], s.getVideoTracks()[0]].filter((t): t is MediaStreamTrack => !!t);
    if (adoptTracks(d, want) || fresh) this.emit('stream', id, d);
  }

  private checkSwitched(): void {
    const next = this.incoming;
    if (!next || this.reported || this.pending.size > 0) return;
    this.reported = true;
    console.info(`topology switch: every tile runs on ${next.kind}`);
    this.opts.port.switched(next.kind).catch((e: unknown) => console.warn('sfu:switched not sent', e));
  }

  /** Everyone runs on the new path: the new one becomes the only one. */
  private complete(): void {
    const next = this.incoming;
    if (!next || this.closed) return;
    clearTimeout(this.closeTimer);
    const old = this.active;
    console.info(`topology switch ${old.kind} → ${next.kind} complete: closing the old path`);
    // Tiles that never presented a frame on the new path (camera and mic off) take it now.
    for (const [id, s] of this.latest.get(next) ?? []) if (this.source.get(id) !== next) this.show(next, id, s);
    for (const id of this.known.keys()) if (this.source.get(id) === old) this.source.delete(id);
    this.active = next;
    this.incoming = null;
    this.pending.clear();
    this.retire(old);
    this.warmUp();
  }

  /** The switch was called off (a switch back before this one finished): keep the old path. */
  private abort(): void {
    const next = this.incoming;
    if (!next) return;
    clearTimeout(this.closeTimer);
    this.incoming = null;
    this.pending.clear();
    for (const [id, s] of this.latest.get(this.active) ?? []) if (this.source.get(id) === next) this.show(this.active, id, s);
    this.retire(next);
  }
}
