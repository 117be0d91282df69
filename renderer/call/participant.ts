/** Participants: hold a ParticipantView and say when it changed. */
import type { MediaState, Participant as WireParticipant, Role } from '../../protocol';
import type { PeerConnectionState, ParticipantView, QualitySample } from './api';
import { Emitter } from './emitter';

export interface ParticipantEvents {
  updated: (view: ParticipantView) => void;
}

/** Common state of local and remote participants. Setters emit 'updated' only on real changes. */
abstract class BaseParticipant extends Emitter<ParticipantEvents> {
  protected state: ParticipantView;

  constructor(init: ParticipantView) {
    super();
    this.state = init;
  }

  get id(): string {
    return this.state.id;
  }

  /** A snapshot: the UI may keep it; later changes produce new snapshots. */
  get view(): ParticipantView {
    return { ...this.state, media: { ...this.state.media } };
  }

  setMedia(media: MediaState): void {
    const m = this.state.media;
    const keys = new Set([...Object.keys(m), ...Object.keys(media)]) as Set<keyof MediaState>;
    if ([...keys].every((k) => m[k] === media[k])) return;
    this.patch({ media: { ...media } });
  }

  setStream(stream: MediaStream | null): void {
    // The same stream object may gain a track (renegotiation): still worth an update.
    this.patch({ stream }, true);
  }

  /** The screen share shown apart from the camera (null: none). */
  setShare(share: MediaStream | null): void {
    this.patch({ share });
  }

  setRole(role: Role): void {
    this.patch({ role });
  }

  setSpeaking(speaking: boolean): void {
    if (this.state.speaking !== speaking) this.patch({ speaking });
  }

  protected patch(p: Partial<ParticipantView>, force = false): void {
    const changed = force || (Object.keys(p) as (keyof ParticipantView)[]).some((k) => this.state[k] !== p[k]);
    if (!changed) return;
    this.state = { ...this.state, ...p };
    this.emit('updated', this.view);
  }
}

/** The local user. Connection is 'connected' once joined. */
export class LocalParticipant extends BaseParticipant {
  constructor(id: string, name: string, media: MediaState, stream: MediaStream | null) {
    super({ id, name, isLocal: true, media, stream, share: null, connection: 'connecting', speaking: false, quality: null, role: 'guest' });
  }

  /** Joined (or re-joined with a new id). */
  setJoined(id: string, name: string, role: Role = 'guest'): void {
    this.patch({ id, name, role, connection: 'connected' });
  }

  setConnection(connection: PeerConnectionState): void {
    this.patch({ connection });
  }
}

/** How long a remote connection must stay down before its tile says "Reconnecting…". */
export const RECONNECTING_NOTICE_MS = 2000;

/** A remote participant: its stream, connection state and quality come from the transport. */
export class RemoteParticipant extends BaseParticipant {
  private notice: ReturnType<typeof setTimeout> | null = null;

  constructor(p: WireParticipant) {
    super({
      id: p.id,
      name: p.name,
      isLocal: false,
      media: { ...p.media },
      stream: null,
      share: null,
      connection: 'connecting',
      speaking: false,
      quality: null,
      role: p.role ?? 'guest',
    });
  }

  /**
   * A connection that drops for less than RECONNECTING_NOTICE_MS (ICE 'disconnected' that heals by
   * itself, common on Wi-Fi and on a busy machine) never shows "Reconnecting…"; any other state shows at once.
   */
  setConnection(connection: PeerConnectionState): void {
    this.cancelNotice();
    if (connection === 'reconnecting' && this.state.connection === 'connected') {
      this.notice = setTimeout(() => {
        this.notice = null;
        this.patch({ connection });
      }, RECONNECTING_NOTICE_MS);
      return;
    }
    this.patch({ connection });
  }

  /** Our downlink holds this participant's video (true) or carries it again. */
  setVideoHeld(held: boolean): void {
    if ((this.state.videoHeld === true) !== held) this.patch({ videoHeld: held });
  }

  /** Stops a pending notice (the participant left). */
  dispose(): void {
    this.cancelNotice();
    this.removeAllListeners();
  }

  private cancelNotice(): void {
    if (this.notice) clearTimeout(this.notice);
    this.notice = null;
  }

  setQuality(quality: QualitySample): void {
    this.patch({ quality });
  }
}
