/**
 * What Janus itself says about a room's publishers, for tests of cheap publishers: the VideoRoom's
 * own `list` / `listparticipants` (through the server's VideoRoomAdmin, with the VideoRoom admin
 * key and a signed token), and, from the Janus Admin API (`handle_info` of every VideoRoom
 * handle), each publisher's streams and the bytes and packets Janus has received on them.
 * Runs where Janus is reachable (inside the test namespace: ./cheap-publisher-cli.ts `janus`).
 */
import WebSocket from 'ws';
import { JanusClient } from '../../signaling-server/janus/client';
import { janusTokenSigner } from '../../signaling-server/janus/token';
import { VideoRoomAdmin } from '../../signaling-server/janus/videoroom';

export interface JanusViewOptions {
  /** Janus API WebSocket, e.g. ws://127.0.0.1:8188. */
  url: string;
  tokenSecret: string;
  videoroomAdminKey: string;
  /** Admin API WebSocket, e.g. ws://127.0.0.1:7188, and its secret. */
  adminUrl: string;
  adminSecret: string;
  /** Also return one publisher handle's raw handle_info (to read its shape). */
  raw?: boolean;
}

export interface JanusPublisherView {
  room: string;
  /** VideoRoom feed id (the participant id the server gave). */
  id: string;
  display: string | null;
  /** Stream types Janus lists for the feed ('audio', 'video', …), active ones only. */
  streams: string[];
  /** Received by Janus on this handle's PeerConnection (Admin API handle_info, per medium). */
  in: { videoBytes: number; videoPackets: number; audioBytes: number; audioPackets: number };
  /** Janus's DTLS with the publisher is connected. */
  webrtcUp: boolean;
}

export interface JanusView {
  rooms: { room: string; participants: { id: string; display?: string; publisher: boolean }[] }[];
  publishers: JanusPublisherView[];
  raw?: unknown;
}

/** One request on the Admin API WebSocket. */
class AdminApi {
  private n = 0;
  private readonly waiting = new Map<string, (m: Record<string, unknown>) => void>();

  private constructor(
    private readonly ws: WebSocket,
    private readonly secret: string,
  ) {
    ws.on('message', (d: Buffer) => {
      const m = JSON.parse(d.toString()) as Record<string, unknown>;
      const cb = this.waiting.get(String(m.transaction));
      if (cb) {
        this.waiting.delete(String(m.transaction));
        cb(m);
      }
    });
  }

  static open(url: string, secret: string): Promise<AdminApi> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url, 'janus-admin-protocol');
      ws.once('open', () => resolve(new AdminApi(ws, secret)));
      ws.once('error', reject);
    });
  }

  ask(body: Record<string, unknown>): Promise<Record<string, unknown>> {
    const transaction = `t${++this.n}`;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`admin ${String(body.janus)}: no answer`)), 5000);
      this.waiting.set(transaction, (m) => {
        clearTimeout(timer);
        if (m.janus === 'success') resolve(m);
        else reject(new Error(`admin ${String(body.janus)}: ${JSON.stringify(m.error ?? m)}`));
      });
      this.ws.send(JSON.stringify({ ...body, transaction, admin_secret: this.secret }));
    });
  }

  close(): void {
    this.ws.close();
  }
}

type Obj = Record<string, unknown>;
const num = (v: unknown) => (typeof v === 'number' ? v : 0);

/** Sums what Janus received per kind over the handle's media (Janus 1.x handle_info: webrtc.media.<mindex>.stats.in). */
function inStats(info: Obj): JanusPublisherView['in'] {
  const sum = { videoBytes: 0, videoPackets: 0, audioBytes: 0, audioPackets: 0 };
  const media = ((info.webrtc as Obj | undefined)?.media ?? {}) as Record<string, Obj>;
  for (const m of Object.values(media)) {
    const got = ((m.stats as Obj | undefined)?.in ?? {}) as Obj;
    if (m.type === 'video') {
      sum.videoBytes += num(got.bytes);
      sum.videoPackets += num(got.packets);
    } else if (m.type === 'audio') {
      sum.audioBytes += num(got.bytes);
      sum.audioPackets += num(got.packets);
    }
  }
  return sum;
}

export async function janusView(o: JanusViewOptions): Promise<JanusView> {
  const client = await JanusClient.connect(o.url, { token: janusTokenSigner(o.tokenSecret) });
  const view: JanusView = { rooms: [], publishers: [] };
  try {
    const session = await client.createSession();
    const admin = await VideoRoomAdmin.open(session, o.videoroomAdminKey);
    for (const r of await admin.listRooms()) {
      view.rooms.push({ room: r.room, participants: (await admin.listParticipants(r.room)).map((p) => ({ id: p.id, display: p.display, publisher: p.publisher })) });
    }
    await session.destroy().catch(() => undefined);
  } finally {
    await client.close().catch(() => undefined);
  }
  const api = await AdminApi.open(o.adminUrl, o.adminSecret);
  try {
    const sessions = ((await api.ask({ janus: 'list_sessions' })).sessions ?? []) as number[];
    for (const session_id of sessions) {
      const handles = ((await api.ask({ janus: 'list_handles', session_id }).catch(() => ({ handles: [] }))).handles ?? []) as number[];
      for (const handle_id of handles) {
        const info = (await api.ask({ janus: 'handle_info', session_id, handle_id }).catch(() => ({ info: {} }))).info as Obj;
        const ps = (info.plugin_specific ?? {}) as Obj;
        if (info.plugin !== 'janus.plugin.videoroom' || ps.type !== 'publisher') continue;
        if (o.raw && view.raw === undefined) view.raw = info;
        const streams = Array.isArray(ps.streams) ? (ps.streams as Obj[]).filter((s) => s.disabled !== true).map((s) => String(s.type)) : [];
        view.publishers.push({
          room: String(ps.room),
          id: String(ps.id),
          display: typeof ps.display === 'string' ? ps.display : null,
          streams,
          in: inStats(info),
          webrtcUp: ((info.webrtc as Obj | undefined)?.dtls as Obj | undefined)?.['dtls-state'] === 'connected',
        });
      }
    }
  } finally {
    api.close();
  }
  return view;
}
