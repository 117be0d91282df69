/**
 * Cheap publishers: Node-side participants for rooms of 30 or more tested with few real browsers.
 * Each one enters a meeting through the product's own signaling path, as the renderer does
 * (`POST /api/session`, Socket.IO over WebSocket with the token in `auth`, `room:join`), and, while
 * the room is on the SFU, publishes a small synthetic camera and a tone to the room's Janus through
 * `sfu:publish` / `sfu:trickle` (@roamhq/wrtc, its nonstandard RTCVideoSource / RTCAudioSource).
 *
 * It follows the room protocol so that it blocks nobody, and never takes part in the mesh nor
 * subscribes: it receives nothing, which is what keeps it cheap (./cheap-publisher-participant.ts
 * says how it answers each event).
 *
 * Media: a VP8 camera of `width`x`height` at `fps` (a moving pattern in a colour of its own, from
 * frames computed once per publisher), capped at `maxBitrate`, and a 48 kHz tone fed in 10 ms
 * chunks; one timer for all publishers of a process. Runs where the server is reachable: in an e2e
 * test, inside the test namespace (./cheap-publisher-ns.ts runs ./cheap-publisher-cli.ts there).
 *
 * This file starts them and runs the clock; the parts: ./cheap-publisher-types.ts (options and
 * stats), ./cheap-publisher-participant.ts (one publisher in the room), ./cheap-publisher-signaling.ts
 * (session, socket, acked requests), ./cheap-publisher-sfu.ts (the publisher connection to Janus),
 * ./cheap-publisher-media.ts (wrtc and the synthetic camera and tone).
 */
import type { CheapPublisherOptions, CheapPublishers } from './cheap-publisher-types';
import { CheapParticipant } from './cheap-publisher-participant';

export type { CheapPublisher, CheapPublisherOptions, CheapPublishers, CheapPublisherStats } from './cheap-publisher-types';
export { capVideo } from './cheap-publisher-sfu';

/**
 * Starts `count` cheap publishers in `room`, one after the other (each joined before the next
 * starts; a failed one is closed and the error thrown, the others closed too). One clock feeds
 * every publisher's camera and microphone.
 */
export async function startCheapPublishers(opts: CheapPublisherOptions): Promise<CheapPublishers> {
  const o = {
    baseUrl: opts.baseUrl,
    room: opts.room,
    width: opts.width ?? 160,
    height: opts.height ?? 90,
    fps: opts.fps ?? 10,
    maxBitrate: opts.maxBitrate ?? 100_000,
    audio: opts.audio ?? true,
    log: opts.log,
  };
  if (o.width % 2 || o.height % 2) throw new Error('width and height must be even (I420)');
  const list: CheapParticipant[] = [];
  const started = Date.now();
  let chunks = 0;
  // Audio in 10 ms chunks, caught up by wall time (timers run late on a busy machine); video per frame interval.
  const audioTimer = setInterval(() => {
    const due = Math.floor((Date.now() - started) / 10);
    // After a long stall, skip ahead rather than burst seconds of audio.
    if (due - chunks > 20) chunks = due - 2;
    for (; chunks < due; chunks++) for (const p of list) p.feedAudio();
  }, 20);
  const videoTimer = setInterval(() => list.forEach((p) => p.feedVideo()), Math.round(1000 / o.fps));
  const stopClock = () => {
    clearInterval(audioTimer);
    clearInterval(videoTimer);
  };
  const closeAll = async () => {
    await Promise.all(list.map((p) => p.close()));
    stopClock();
  };
  try {
    for (let i = 0; i < opts.count; i++) {
      const p = new CheapParticipant(`${opts.namePrefix ?? 'Cheap'} ${i + 1}`, i, { ...o, mic: i < (opts.speakers ?? opts.count) });
      list.push(p);
      await p.open();
      if (i < opts.count - 1) await new Promise((r) => setTimeout(r, opts.staggerMs ?? 300));
    }
  } catch (e) {
    await closeAll();
    throw e;
  }
  return {
    publishers: list,
    stats: () => Promise.all(list.map((p) => p.stats())),
    close: closeAll,
  };
}
