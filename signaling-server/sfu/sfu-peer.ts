/**
 * One participant on the SFU: its own Janus session with a publisher handle (its camera and
 * microphone, simulcast) and a multistream subscriber handle (one PeerConnection receiving every
 * other publisher). Subscriber renegotiations run one at a time: each Janus offer is pushed to
 * the browser and the next change waits for its answer, so offers never cross.
 */
import type { LayerChoice, SfuCandidate, SfuJsep, SfuOffer, SfuStream, SfuTarget } from '../../protocol';
import type { JanusHandle, JanusSession, Jsep, PluginResult } from '../janus/client';
import { VIDEOROOM_PLUGIN } from '../janus/token';
import { feedStreams, planChanges, planSubscription, type FeedStreams, type StreamRef } from './subscription-plan';

/** How the peer reaches its browser (through the participant's Socket.IO channel). */
export interface SfuPeerPush {
  offer(offer: SfuOffer): void;
  trickle(target: SfuTarget, candidate: SfuCandidate | null): void;
  /** Janus's `slowlink` on one of the peer's handles, passed on to the browser. */
  slowlink(target: SfuTarget, info: { uplink: boolean; lost: number }): void;
  /** Publish and subscribe again from scratch (`sfu:rehome`): the peer's Janus connections are gone. */
  rehome(): void;
}

/**
 * Janus's reasons for hanging up a PeerConnection that we, or the browser, asked for: our `hangup`
 * request, a detach, the browser closing its connection (a DTLS alert). Every other reason ("ICE
 * failed" 5 s after the path failed, a DTLS timeout or error, an admin's hangup) is a connection
 * the participant still needs and cannot restart: it must connect again (SfuPeer.onLost).
 */
const INTENDED_HANGUPS = new Set(['Janus API', 'Detach', 'DTLS alert']);

/** The VideoRoom this peer joins; the pin never leaves the server. */
export interface RoomAccess {
  room: string;
  pin: string;
}

/**
 * An offer not answered within this time is sent again (same seq): it may have been lost with a
 * signaling connection that dropped and resumed (a page stalled past the ping timeout while the
 * switch loaded it), and Janus holds every later update of this subscriber until it is answered.
 */
const ANSWER_RESEND_MS = 4000;
/** A browser that does not answer an offer within this time holds up nobody else's changes. */
const ANSWER_TIMEOUT_MS = 30_000;
/** A large room's pauses and resumes this close together (a page turn) share one renegotiation. */
const PAGE_TURN_MS = 300;

interface JanusStream {
  type?: string;
  active?: boolean;
  mid?: string;
  feed_id?: string | number;
  /** The publisher's mid this m-line carries. */
  feed_mid?: string | number;
}

/** The audio/video m-lines of a subscriber event, as participant streams. */
export function streamsOf(data: { streams?: JanusStream[] }): SfuStream[] {
  return (data.streams ?? [])
    .filter((s) => s.active !== false && (s.type === 'audio' || s.type === 'video') && s.mid !== undefined && s.feed_id !== undefined)
    .map((s) => ({ mid: String(s.mid), kind: s.type as 'audio' | 'video', feed: String(s.feed_id) }));
}

/**
 * What another signaling node needs to carry on with this peer's Janus session after claiming it
 * (the node holding it died, or the participant's connection moved): see SfuRooms.adopt.
 */
export interface PeerState {
  session: number;
  publisher?: number;
  published: boolean;
  live: boolean;
  subscriber?: number;
  streams: SfuStream[];
  /** The latest offer pushed to the browser, and the latest it answered. */
  seq: number;
  answered: number;
  wantsSubscribe: boolean;
}

export class SfuPeer {
  publisher?: JanusHandle;
  subscriber?: JanusHandle;
  /** A `publish` succeeded (later offers are `configure`s). */
  published = false;
  /**
   * The publisher's PeerConnection is up (Janus `webrtcup`): only now may others subscribe to it
   * (Janus refuses a feed whose media has not started with 428 "No such feed").
   */
  live = false;
  /** When this participant first asked to publish or receive (Date.now()): see ./gather. */
  readonly startedAt = Date.now();
  private wants = false;
  /** The subscriber PeerConnection's current m-lines. */
  streams: SfuStream[] = [];
  private closed = false;
  private seq = 0;
  /** The latest offer the browser answered. */
  private answered = 0;
  /** The latest offer pushed, sent again on a resume while it is unanswered (see resumed()). */
  private lastOffer?: SfuOffer;
  private awaiting?: { seq: number; done: (jsep: SfuJsep | null) => void };
  private queue: Promise<void> = Promise.resolve();
  /** The simulcast layer this viewer wants per feed, and for feeds it named no layer for. */
  private readonly layers = new Map<string, number>();
  private defaultLayer?: number;
  /** Feeds whose video this viewer paused (hidden tiles): Janus does not send it. */
  private readonly paused = new Set<string>();
  /** The room's publishers' streams, as Janus lists them to this peer's publisher (./subscription-plan). */
  private readonly known = new Map<string, FeedStreams>();
  /** The publisher mid each subscriber m-line carries (by subscriber mid). */
  private feedMids = new Map<string, string>();
  /** Feeds subscribed in part (a large room): their other streams come back once the room fits. */
  private readonly cut = new Set<string>();
  /** The last sync's feed list, for the re-sync a paused or resumed video needs in a large room. */
  private lastList?: () => Promise<string[]>;
  private resyncTimer?: ReturnType<typeof setTimeout>;
  /** A sync waiting for its turn in the queue (it reads the feed list when it runs). */
  private nextSync?: Promise<void>;
  /** A resetSubscriber is queued: subscriber work queued before it is skipped. */
  private resetPending = false;
  private readonly early: Record<SfuTarget, (SfuCandidate | null)[]> = { publisher: [], subscriber: [] };
  /** The publisher's attach and join, under way or done (./prepare). */
  private joining?: Promise<JanusHandle>;
  /** A subscriber handle attached ahead of the first subscription (./prepare). */
  private spare?: Promise<JanusHandle | undefined>;
  /** Called whenever `state()` changed (the room keeps it in the shared store). */
  onStateChange: () => void = () => undefined;
  /** Janus gave up one of this peer's connections (see INTENDED_HANGUPS); `reason` is Janus's. Called once. */
  onLost: (target: SfuTarget, reason: string) => void = () => undefined;
  private lost = false;

  constructor(
    readonly id: string,
    readonly session: JanusSession,
    private readonly access: RoomAccess,
    private readonly push: SfuPeerPush,
    private readonly log: (msg: string, err: unknown) => void,
    /**
     * Called once the publisher's media is up, and when Janus says another publisher of the room
     * went live or away (`gone`: its feed id): the room's subscribers follow.
     */
    private readonly onLive: (gone?: string) => void = () => undefined,
    /** Each negotiation step, for `LOG_LEVEL=debug`. */
    private readonly trace: (msg: string, fields: Record<string, unknown>) => void = () => undefined,
  ) {}

  /**
   * Gets the Janus side ready before the browser asks: the publisher handle attached and joined
   * (no media yet) and the subscriber's handle attached. A participant entering a room on the SFU
   * (or warm) then publishes with one Janus request instead of three. Failures are left to the
   * requests that need the handles, which try again.
   */
  async prepare(): Promise<void> {
    const joined = this.joinPublisher();
    // The spare never fails: without one, the first subscription attaches its own.
    if (!this.spare && !this.subscriber) this.spare = this.session.attach(VIDEOROOM_PLUGIN).catch(() => undefined);
    await Promise.all([joined, this.spare]);
  }

  /** The publisher handle, joined to the room (once; a failed join is tried afresh next time). */
  private joinPublisher(): Promise<JanusHandle> {
    if (!this.joining) {
      const joining = (async () => {
        const handle = this.watchPublisher(await this.session.attach(VIDEOROOM_PLUGIN));
        try {
          // `display` carries the participant id too, so any Janus view of the room maps to tiles.
          const joined = await handle.message<{ publishers?: unknown[] }>({ request: 'join', ptype: 'publisher', room: this.access.room, pin: this.access.pin, id: this.id, display: this.id });
          this.hearPublishers(joined.data?.publishers);
        } catch (err) {
          // An unjoined handle would refuse the publish: it goes, and the next try starts afresh.
          if (this.publisher === handle) this.publisher = undefined;
          await handle.detach().catch(() => undefined);
          throw err;
        }
        return handle;
      })();
      this.joining = joining;
      joining.catch(() => {
        if (this.joining === joining) this.joining = undefined;
      });
    }
    return this.joining;
  }

  /** Joins as publisher on first use, then publishes (or re-publishes) the offer; returns Janus's answer. */
  async publish(offer: SfuJsep): Promise<SfuJsep> {
    const t0 = Date.now();
    const handle = await this.joinPublisher();
    const joinedMs = Date.now() - t0;
    // Our encodings go low → high (q, h, f): tell Janus so substream 0 is the smallest.
    const jsep: Jsep = { ...offer, rid_order: 'lmh' };
    const res = await handle.message({ request: this.published ? 'configure' : 'publish' }, jsep);
    this.trace('sfu publish', { peer: this.id, again: this.published, joinedMs, publishMs: Date.now() - t0 - joinedMs });
    if (!res.jsep) throw new Error('Janus answered the publish without an SDP');
    this.published = true;
    this.onStateChange();
    await this.flushEarly('publisher');
    return { type: 'answer', sdp: res.jsep.sdp };
  }

  /**
   * Makes the subscriber carry exactly the feeds `feeds()` lists when its turn comes (joining on
   * first need); pushes the resulting offer. Calls made while one waits for its turn share it: when
   * several publishers go live together, one renegotiation adds them all.
   */
  sync(list: () => Promise<string[]>): Promise<void> {
    if (this.nextSync) return this.nextSync;
    const next = this.enqueue(async () => {
      if (this.nextSync === next) this.nextSync = undefined;
      if (this.closed || !this.wantsSubscribe || this.resetPending) return;
      this.lastList = list;
      // The publisher's join (made ahead) brings Janus's list of the room's publishers and their streams.
      await this.joining?.catch(() => undefined);
      const feeds = await list();
      const plan = planSubscription(feeds, this.known, this.paused);
      const { subscribe: add, unsubscribe: remove } = planChanges(plan, this.subscribed(), this.known, this.cut);
      for (const [feed, want] of plan) {
        if (want === 'all') this.cut.delete(feed);
        else this.cut.add(feed);
      }
      if (add.length === 0 && remove.length === 0) return;
      this.trace('sfu subscriber sync', { peer: this.id, add: refs(add), remove: refs(remove), joined: !!this.subscriber });
      let res: PluginResult<{ streams?: JanusStream[] }>;
      if (!this.subscriber) {
        if (add.length === 0) return;
        const spare = await this.spare;
        this.spare = undefined;
        const handle = this.watchSubscriber(spare ?? (await this.session.attach(VIDEOROOM_PLUGIN)));
        try {
          res = await handle.message({ request: 'join', ptype: 'subscriber', room: this.access.room, pin: this.access.pin, streams: add.map((r) => this.entry(r)) });
        } catch (err) {
          // A feed went away between the list and the join (428): an unjoined handle would refuse
          // every later update (424), so it goes, and the room's subscribers sync again shortly.
          if (this.subscriber === handle) this.subscriber = undefined;
          await handle.detach().catch(() => undefined);
          setTimeout(() => !this.closed && this.onLive(), 1000).unref();
          throw err;
        }
      } else {
        res = await this.subscriber.message({
          request: 'update',
          ...(add.length ? { subscribe: add.map((r) => this.entry(r)) } : {}),
          ...(remove.length ? { unsubscribe: remove } : {}),
        });
      }
      if (res.jsep) await this.offer(res.jsep, this.streamsFrom(res.data));
      else if (res.data.streams) this.setStreams(this.streamsFrom(res.data));
    });
    this.nextSync = next;
    return next;
  }

  /**
   * The browser's subscriber connection lost its path: Janus restarts ICE on the same subscriber
   * (`configure` with `restart`) and offers fresh ICE credentials, pushed like any offer.
   */
  restartIce(): Promise<void> {
    return this.enqueue(async () => {
      if (this.closed || this.resetPending || !this.subscriber) return;
      this.trace('sfu subscriber ice restart', { peer: this.id });
      const res = await this.subscriber.message<{ streams?: JanusStream[] }>({ request: 'configure', restart: true });
      if (res.jsep) await this.offer(res.jsep, res.data.streams ? this.streamsFrom(res.data) : this.streams);
    });
  }

  /**
   * A publisher left the room (or was removed, e.g. to publish again through another node): its
   * streams are no longer ours, so a later sync subscribes to it afresh when it comes back.
   */
  forgetFeed(feed: string): void {
    this.known.delete(feed);
    this.cut.delete(feed);
    this.setStreams(this.streams.filter((s) => s.feed !== feed));
  }

  /** The browser asked to receive (sent `sfu:subscribe`). */
  get wantsSubscribe(): boolean {
    return this.wants;
  }

  set wantsSubscribe(on: boolean) {
    if (on === this.wants) return;
    this.wants = on;
    this.onStateChange();
  }

  /** For another node to carry on (after it claimed the session): see PeerState. */
  state(): PeerState {
    return {
      session: this.session.id,
      ...(this.publisher ? { publisher: this.publisher.id } : {}),
      published: this.published,
      live: this.live,
      ...(this.subscriber ? { subscriber: this.subscriber.id } : {}),
      streams: this.streams,
      seq: this.seq,
      answered: this.answered,
      wantsSubscribe: this.wantsSubscribe,
    };
  }

  /**
   * Carries on where another node left this participant: its session (already claimed), handles,
   * offers and streams. The browser's connections to Janus never stopped; nothing is negotiated.
   */
  takeOver(s: PeerState): void {
    if (s.publisher !== undefined) this.joining = Promise.resolve(this.watchPublisher(this.session.handle(s.publisher, VIDEOROOM_PLUGIN)));
    if (s.subscriber !== undefined) this.watchSubscriber(this.session.handle(s.subscriber, VIDEOROOM_PLUGIN));
    this.published = s.published;
    this.live = s.live;
    this.streams = s.streams;
    this.seq = s.seq;
    this.answered = s.answered;
    this.wants = s.wantsSubscribe;
  }

  /**
   * Another node took this session over (the participant resumed there): stop using it without
   * ending it. Its media goes on; Janus sends its events to the new holder.
   */
  release(): void {
    this.closed = true;
    this.awaiting?.done(null);
    this.awaiting = undefined;
    this.session.release();
  }

  /**
   * The browser's answer to offer `seq`. False when that offer is not the one to answer: an older
   * one, or one already answered. The latest offer is still taken after its wait ran out (a busy or
   * briefly frozen browser): without it Janus never starts the subscriber and the viewer would
   * receive nobody until it rejoined.
   */
  async answer(seq: number, jsep: SfuJsep): Promise<boolean> {
    const waiting = this.awaiting?.seq === seq ? this.awaiting : undefined;
    const late = !this.awaiting && seq === this.seq && this.answered < seq;
    this.trace('sfu answer', { peer: this.id, seq, latest: this.seq, waiting: !!waiting, late });
    if ((!waiting && !late) || !this.subscriber) return false;
    this.awaiting = undefined;
    this.answered = seq;
    this.onStateChange();
    try {
      await this.subscriber.message({ request: 'start' }, { type: 'answer', sdp: jsep.sdp });
      await this.flushEarly('subscriber');
      // Feeds subscribed (again) by this offer start sending: those paused stay paused.
      await this.sendVideo([...this.paused].map((feed) => ({ feed, video: false })));
    } finally {
      waiting?.done(jsep);
    }
    return true;
  }

  /**
   * The browser's signaling connection is back (`room:resume`): the latest offer, if still
   * unanswered, goes out again now. Offers pushed while the connection was down were lost, and the
   * resends stop when the server stops waiting (ANSWER_TIMEOUT_MS). In an sfu bench cycle of 12-06
   * a starved page answered the offer adding the newcomer, its socket was closed for an unanswered
   * ping before the answer got out, the resends stopped 9 s later, and its subscriber never got the
   * newcomer: the cycle never completed. A page back after that now gets the offer again, and its
   * answer is taken late (answer()).
   */
  resumed(): void {
    const offer = this.lastOffer;
    if (this.closed || this.resetPending || !offer || this.answered >= offer.seq) return;
    this.trace('sfu offer sent again after a resume', { peer: this.id, seq: offer.seq });
    this.push.offer(offer);
  }

  /**
   * The browser's subscriber connection did not come up: its Janus subscriber goes, and the next
   * sync joins a new one with every feed (a fresh offer on a fresh connection). An offer still
   * waiting for its answer is given up at once, so the reset does not queue behind it.
   */
  resetSubscriber(): void {
    this.awaiting?.done(null);
    this.awaiting = undefined;
    this.lastOffer = undefined;
    this.early.subscriber = [];
    // Work queued before the reset is skipped (it would negotiate the connection being dropped),
    // and the next sync queues after it.
    this.resetPending = true;
    this.nextSync = undefined;
    void this.enqueue(async () => {
      this.resetPending = false;
      const old = this.subscriber;
      this.subscriber = undefined;
      this.setStreams([]);
      this.trace('sfu subscriber reset', { peer: this.id, had: !!old });
      await old?.detach().catch((err: unknown) => this.log('detaching a subscriber failed', err));
    });
  }

  /** A browser candidate (null: end of candidates); kept until its handle has an SDP. */
  async trickle(target: SfuTarget, candidate: SfuCandidate | null): Promise<void> {
    const handle = target === 'publisher' ? (this.published ? this.publisher : undefined) : this.subscriber;
    if (!handle || (target === 'subscriber' && this.awaiting)) {
      if (this.early[target].length < 64) this.early[target].push(candidate);
      return;
    }
    await handle.trickle(candidate === null ? null : { candidate: candidate.candidate, sdpMid: candidate.sdpMid, sdpMLineIndex: candidate.sdpMLineIndex });
  }

  /** The layers to subscribe in from the start (`sfu:subscribe`): a later change waits for a keyframe. */
  preferLayers(layers: LayerChoice[], fallback?: number): void {
    for (const l of layers) {
      this.layers.set(l.feed, l.substream);
      if (l.video === false) this.paused.add(l.feed);
      else if (l.video === true) this.paused.delete(l.feed);
    }
    if (fallback !== undefined) this.defaultLayer = fallback;
  }

  /**
   * Layer per remote participant: 0 smallest … 2 full size, and its video paused or resumed (also
   * kept for later subscriptions). Janus asks the publisher for a keyframe when video resumes.
   */
  async configure(layers: LayerChoice[]): Promise<void> {
    this.preferLayers(layers);
    await this.sendVideo(layers);
    // A large room carries only the videos shown: a pause or a resume changes which. A page turn
    // pauses one page and resumes the next in separate choices: one renegotiation takes both.
    if (this.cut.size > 0 && layers.some((l) => l.video !== undefined) && !this.resyncTimer) {
      this.resyncTimer = setTimeout(() => {
        this.resyncTimer = undefined;
        if (this.lastList && !this.closed) void this.sync(this.lastList).catch(() => undefined);
      }, PAGE_TURN_MS);
      this.resyncTimer.unref?.();
    }
  }

  /** Applies layer and paused video to the subscriber's video m-lines of the listed feeds. */
  private async sendVideo(choices: Partial<LayerChoice>[]): Promise<void> {
    if (!this.subscriber || choices.length === 0) return;
    const streams = choices.flatMap((l) =>
      this.streams
        .filter((s) => s.feed === l.feed && s.kind === 'video')
        .map((s) => ({ mid: s.mid, ...(l.substream !== undefined ? { substream: l.substream } : {}), ...(l.video !== undefined ? { send: l.video } : {}) })),
    );
    if (streams.length) await this.subscriber.message({ request: 'configure', streams });
  }

  /** Ends the Janus session (and with it both handles and PeerConnections). */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.awaiting?.done(null);
    this.awaiting = undefined;
    await this.session.destroy().catch((err: unknown) => this.log('destroying a Janus session failed', err));
  }

  get isClosed(): boolean {
    return this.closed;
  }

  private async offer(jsep: Jsep, streams: SfuStream[]): Promise<void> {
    if (this.closed || this.resetPending) return;
    const seq = ++this.seq;
    this.setStreams(streams);
    const offer: SfuOffer = { seq, jsep: { type: 'offer', sdp: jsep.sdp }, streams };
    this.lastOffer = offer;
    let resend: ReturnType<typeof setInterval> | undefined;
    const answered = new Promise<SfuJsep | null>((resolve) => {
      this.awaiting = { seq, done: resolve };
      setTimeout(() => resolve(null), ANSWER_TIMEOUT_MS).unref?.();
      resend = setInterval(() => {
        this.trace('sfu offer sent again', { peer: this.id, seq });
        this.push.offer(offer);
      }, ANSWER_RESEND_MS);
      resend.unref?.();
    });
    this.push.offer(offer);
    this.trace('sfu offer', { peer: this.id, seq, feeds: [...new Set(streams.map((s) => s.feed))] });
    const got = await answered;
    clearInterval(resend);
    if (!got && !this.closed) this.log('a subscriber offer went unanswered', new Error(`peer ${this.id}, offer ${seq}`));
    if (this.awaiting?.seq === seq) this.awaiting = undefined;
  }

  private setStreams(streams: SfuStream[]): void {
    this.streams = streams;
    this.onStateChange();
  }

  private watchPublisher(handle: JanusHandle): JanusHandle {
    this.publisher = handle;
    handle.on('trickle', (msg: { candidate?: SfuCandidate & { completed?: boolean } }) => this.forwardTrickle('publisher', msg.candidate));
    handle.on('slowlink', (msg: { uplink?: boolean; lost?: number }) => this.forwardSlowlink('publisher', msg));
    handle.on('webrtcup', () => {
      this.trace('sfu publisher live', { peer: this.id, afterMs: Date.now() - this.startedAt });
      this.live = true;
      this.onStateChange();
      this.onLive();
    });
    handle.on('hangup', (msg: { reason?: unknown }) => this.hungUp('publisher', handle, msg.reason));
    // Janus tells every publisher of the room when another one goes live or away, whichever
    // signaling node holds it: the room's subscribers follow (they read Janus's own list).
    handle.on('event', (ev: PluginResult<{ publishers?: unknown[]; unpublished?: unknown; leaving?: unknown; kicked?: unknown }>) => {
      const { publishers, unpublished, leaving, kicked } = ev.data;
      const gone = [unpublished, leaving, kicked].find((v) => (typeof v === 'string' || typeof v === 'number') && v !== 'ok');
      this.hearPublishers(publishers);
      if (gone !== undefined) this.onLive(String(gone));
      else if (publishers !== undefined) this.onLive();
    });
    return handle;
  }

  private watchSubscriber(handle: JanusHandle): JanusHandle {
    this.subscriber = handle;
    handle.on('trickle', (msg: { candidate?: SfuCandidate & { completed?: boolean } }) => this.forwardTrickle('subscriber', msg.candidate));
    handle.on('slowlink', (msg: { uplink?: boolean; lost?: number }) => this.subscriber === handle && this.forwardSlowlink('subscriber', msg));
    handle.on('hangup', (msg: { reason?: unknown }) => this.hungUp('subscriber', handle, msg.reason));
    // Janus renegotiates on its own when a publisher goes away: pass that offer on too.
    handle.on('event', (ev: PluginResult<{ streams?: JanusStream[] }>) => {
      if (this.subscriber !== handle) return; // one dropped by resetSubscriber
      if (ev.jsep) void this.enqueue(() => this.offer(ev.jsep as Jsep, this.streamsFrom(ev.data)));
      else if (ev.data.streams) this.setStreams(this.streamsFrom(ev.data));
    });
    return handle;
  }

  /**
   * Janus ended the PeerConnection of `handle`. A publisher's feed is gone from the VideoRoom with
   * it (Janus tells the others): nobody may subscribe to it until it is up again (`live`).
   */
  private hungUp(target: SfuTarget, handle: JanusHandle, reason: unknown): void {
    if (this.closed || handle !== (target === 'publisher' ? this.publisher : this.subscriber)) return;
    const why = typeof reason === 'string' ? reason : 'unknown';
    this.trace('sfu hangup', { peer: this.id, target, reason: why });
    if (target === 'publisher' && this.live) {
      this.live = false;
      this.onStateChange();
    }
    if (INTENDED_HANGUPS.has(why) || this.lost) return;
    this.lost = true;
    this.onLost(target, why);
  }

  private async flushEarly(target: SfuTarget): Promise<void> {
    const early = this.early[target].splice(0);
    for (const c of early) await this.trickle(target, c).catch((err: unknown) => this.log('trickle failed', err));
  }

  private forwardSlowlink(target: SfuTarget, msg: { uplink?: boolean; lost?: number }): void {
    this.trace('sfu slowlink', { peer: this.id, target, uplink: msg.uplink, lost: msg.lost });
    this.push.slowlink(target, { uplink: msg.uplink === true, lost: typeof msg.lost === 'number' ? msg.lost : 0 });
  }

  private forwardTrickle(target: SfuTarget, c: (SfuCandidate & { completed?: boolean }) | undefined): void {
    if (!c) return;
    this.push.trickle(target, c.completed ? null : { candidate: c.candidate, sdpMid: c.sdpMid ?? null, sdpMLineIndex: c.sdpMLineIndex ?? null });
  }

  /** A feed to subscribe to, in the layer this viewer wants (Janus's default when it named none). */
  private entry(r: StreamRef): StreamRef & { substream?: number } {
    const substream = this.layers.get(r.feed) ?? this.defaultLayer;
    const audio = r.mid !== undefined && this.known.get(r.feed)?.audio.includes(r.mid);
    return substream === undefined || audio ? r : { ...r, substream };
  }

  /** Per subscribed feed, the publisher mids its m-lines carry (null when one of them is not known). */
  private subscribed(): Map<string, Set<string> | null> {
    const have = new Map<string, Set<string> | null>();
    for (const s of this.streams) {
      const mid = this.feedMids.get(s.mid);
      const got = have.get(s.feed);
      if (mid === undefined) have.set(s.feed, null);
      else if (got !== null) have.set(s.feed, (got ?? new Set<string>()).add(mid));
    }
    return have;
  }

  /** A subscriber event's m-lines (and the publisher mid each carries). */
  private streamsFrom(data: { streams?: JanusStream[] }): SfuStream[] {
    const mids = new Map<string, string>();
    for (const s of data.streams ?? []) if (s.mid !== undefined && s.feed_mid !== undefined) mids.set(String(s.mid), String(s.feed_mid));
    this.feedMids = mids;
    return streamsOf(data);
  }

  /** Janus's list of the room's publishers (the join's, or an event's): their streams, for ./subscription-plan. */
  private hearPublishers(list: unknown): void {
    if (!Array.isArray(list)) return;
    for (const entry of list) {
      const p = feedStreams(entry);
      if (p && p.id !== this.id) this.known.set(p.id, p.streams);
    }
  }

  private enqueue(fn: () => Promise<void>): Promise<void> {
    const next = this.queue.then(fn, fn);
    this.queue = next.catch((err: unknown) => this.log('subscriber renegotiation failed', err));
    return next;
  }
}

/** Stream refs for a trace line: a feed, or feed/mid. */
const refs = (list: StreamRef[]): string[] => list.map((r) => (r.mid === undefined ? r.feed : `${r.feed}/${r.mid}`));
