/**
 * Room administration on the Janus VideoRoom plugin (string room ids): create with an unguessable
 * id, pin and secret; destroy; list participants; kick; the `allowed` token list. Runs on one
 * handle of the signaling server's own session.
 */
import { randomBytes } from 'node:crypto';
import { Limits } from '../../protocol';
import type { JanusHandle, JanusSession } from './client';
import { VIDEOROOM_PLUGIN } from './token';

/** What the server keeps per VideoRoom: the id and the two secrets, never shown to anyone else. */
export interface VideoRoomCredentials {
  /** 24 characters of base64url (144 random bits). */
  room: string;
  /** Needed to join (publishers and subscribers). */
  pin: string;
  /** Needed to edit, destroy, kick and change the allowed list. */
  secret: string;
}

export interface CreateRoomOptions {
  description?: string;
  /** Default 25. */
  publishers?: number;
  /** Per-publisher bitrate cap in bit/s (0: none); default 1 Mbit/s. */
  bitrate?: number;
  /**
   * Tokens that may join; when given, joins without one of them are refused (VideoRoom
   * `allowed`). The list can be changed later with `allowed()`.
   */
  allowed?: string[];
  /** Subscribers must present the private id of a publisher of the room (`require_pvtid`). */
  requirePrivateId?: boolean;
}

/** One entry of `listparticipants`. */
export interface VideoRoomParticipant {
  id: string;
  display?: string;
  publisher: boolean;
  talking?: boolean;
}

/** One entry of `list`: a room on this Janus and how many publishers have joined it. */
export interface VideoRoomSummary {
  room: string;
  publishers: number;
}

/** A random string id / secret: `bytes` random bytes in base64url. */
export function randomId(bytes = 18): string {
  return randomBytes(bytes).toString('base64url');
}

/** Room administration through one VideoRoom handle. */
export class VideoRoomAdmin {
  constructor(
    readonly handle: JanusHandle,
    /** The plugin's `admin_key` (needed to create rooms when configured). */
    private readonly adminKey?: string,
  ) {}

  /** Attaches a fresh VideoRoom handle in `session` for administration. */
  static async open(session: JanusSession, adminKey?: string): Promise<VideoRoomAdmin> {
    return new VideoRoomAdmin(await session.attach(VIDEOROOM_PLUGIN), adminKey);
  }

  /**
   * Creates a non-permanent room with a random id, pin and secret: VP8 video, Opus audio, up to
   * Limits.largestRoom publishers (the room's own size is MAX_PARTICIPANTS, checked on join), join
   * notifications on, recording locked behind the secret.
   */
  async create(opts: CreateRoomOptions = {}): Promise<VideoRoomCredentials> {
    const creds: VideoRoomCredentials = { room: randomId(18), pin: randomId(18), secret: randomId(24) };
    await this.handle.message({
      request: 'create',
      ...(this.adminKey !== undefined ? { admin_key: this.adminKey } : {}),
      room: creds.room,
      permanent: false,
      description: opts.description ?? 'confer',
      is_private: true,
      secret: creds.secret,
      pin: creds.pin,
      publishers: opts.publishers ?? Limits.largestRoom,
      bitrate: opts.bitrate ?? 1_000_000,
      fir_freq: 10,
      videocodec: 'vp8',
      audiocodec: 'opus',
      notify_joining: true,
      record: false,
      lock_record: true,
      require_pvtid: opts.requirePrivateId ?? false,
      ...(opts.allowed !== undefined ? { allowed: opts.allowed } : {}),
    });
    return creds;
  }

  /** Destroys the room; everyone in it is told (`destroyed` event) and dropped. */
  async destroy(room: string, secret: string): Promise<void> {
    await this.handle.message({ request: 'destroy', room, secret, permanent: false });
  }

  async exists(room: string): Promise<boolean> {
    const res = await this.handle.message<{ exists: boolean }>({ request: 'exists', room });
    return res.data.exists === true;
  }

  async listParticipants(room: string): Promise<VideoRoomParticipant[]> {
    const res = await this.handle.message<{ participants?: Array<{ id: string | number; display?: string; publisher?: boolean; talking?: boolean }> }>({
      request: 'listparticipants',
      room,
    });
    return (res.data.participants ?? []).map((p) => ({ id: String(p.id), display: p.display, publisher: p.publisher === true, talking: p.talking }));
  }

  /**
   * Every room on this Janus, whoever made it: private rooms are listed too when the plugin has an
   * admin key and it is given (Janus skips them otherwise).
   */
  async listRooms(timeoutMs?: number): Promise<VideoRoomSummary[]> {
    const res = await this.handle.message<{ list?: Array<{ room: string | number; num_participants?: number }> }>(
      { request: 'list', ...(this.adminKey !== undefined ? { admin_key: this.adminKey } : {}) },
      undefined,
      { timeoutMs },
    );
    return (res.data.list ?? []).map((r) => ({ room: String(r.room), publishers: r.num_participants ?? 0 }));
  }

  /** Removes a participant (publisher or subscriber-owner) by its VideoRoom id. */
  async kick(room: string, secret: string, id: string): Promise<void> {
    await this.handle.message({ request: 'kick', room, secret, id });
  }

  /**
   * The room's token list: `enable`/`disable` the check, or `add`/`remove` tokens. Returns the list
   * Janus now holds (undefined when the check is disabled).
   */
  async allowed(room: string, secret: string, action: 'enable' | 'disable' | 'add' | 'remove', tokens: string[] = []): Promise<string[] | undefined> {
    const res = await this.handle.message<{ allowed?: string[] }>({
      request: 'allowed',
      room,
      secret,
      action,
      ...(action === 'add' || action === 'remove' ? { allowed: tokens } : {}),
    });
    return res.data.allowed;
  }

  /**
   * Starts or stops recording every publisher of the room (VideoRoom's own recorder, one .mjr per
   * stream, named `videoroom-<room>-user-<participant id>-<µs>-<audio|video>-<m-line index>.mjr`
   * in `dir`). Publishers that join while it runs are recorded from their start.
   */
  async record(room: string, secret: string, on: boolean, dir?: string): Promise<void> {
    if (on && dir !== undefined) await this.handle.message({ request: 'edit', room, secret, new_rec_dir: dir });
    await this.handle.message({ request: 'enable_recording', room, secret, record: on });
  }

  /** Detaches the administration handle. */
  close(): Promise<void> {
    return this.handle.detach();
  }
}
