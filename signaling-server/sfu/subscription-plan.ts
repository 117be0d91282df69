/**
 * Which streams of which feeds a viewer's subscriber takes. A room small enough takes every stream
 * of every feed (`{ feed }`: two m-lines a person, three while sharing). Past MAX_SUBSCRIBER_MIDS
 * m-lines the offer would break: Janus 1.1.2 cut an offer's `a=group:BUNDLE 0 1 … N` line after
 * 511 characters, its line end lost (as if attribute lines were written into 512 bytes; its source
 * not read to confirm), about 151 mids, and the browser refused it (seen with 99 publishers). Such a room takes the audio of everyone (whoever speaks is heard) and the
 * video only of the feeds the viewer shows (not paused), as far as the budget goes: a page of
 * tiles, like Jitsi's last-N.
 */

/** Subscriber m-lines an offer may carry: under the ~151 Janus can write, with room to spare. */
export const MAX_SUBSCRIBER_MIDS = 140;
/** m-lines a feed whose streams are not known yet is counted for (a camera and a microphone). */
const UNKNOWN_FEED_MIDS = 2;

/** A publisher's streams, by its own mids (Janus's `publishers` list). */
export interface FeedStreams {
  audio: string[];
  video: string[];
}

/** Per feed: every stream (`all`), or these of the publisher's mids. */
export type Plan = Map<string, 'all' | string[]>;

/** The publisher's streams from one entry of a Janus `publishers` list (undefined when it has none listed). */
export function feedStreams(entry: unknown): { id: string; streams: FeedStreams } | undefined {
  const p = entry as { id?: unknown; streams?: { type?: unknown; mid?: unknown; disabled?: unknown }[] };
  if ((typeof p?.id !== 'string' && typeof p?.id !== 'number') || !Array.isArray(p.streams)) return undefined;
  const live = p.streams.filter((s) => s.disabled !== true && (typeof s.mid === 'string' || typeof s.mid === 'number'));
  const mids = (type: string) => live.filter((s) => s.type === type).map((s) => String(s.mid));
  return { id: String(p.id), streams: { audio: mids('audio'), video: mids('video') } };
}

/**
 * The plan for `feeds` (in the room's order): everything while it fits in `budget` m-lines; past
 * it, the audio of every feed and the video of the feeds not `paused`, in order, while the budget
 * lasts. A feed whose streams are unknown is taken whole.
 */
export function planSubscription(feeds: string[], known: ReadonlyMap<string, FeedStreams>, paused: ReadonlySet<string>, budget = MAX_SUBSCRIBER_MIDS): Plan {
  const size = (f: string) => {
    const s = known.get(f);
    return s ? s.audio.length + s.video.length : UNKNOWN_FEED_MIDS;
  };
  const plan: Plan = new Map();
  if (feeds.reduce((n, f) => n + size(f), 0) <= budget) {
    for (const f of feeds) plan.set(f, 'all');
    return plan;
  }
  let left = budget;
  for (const f of feeds) {
    const s = known.get(f);
    plan.set(f, s ? [...s.audio] : 'all');
    left -= s ? s.audio.length : UNKNOWN_FEED_MIDS;
  }
  for (const f of feeds) {
    const s = known.get(f);
    if (!s || paused.has(f) || s.video.length === 0 || s.video.length > left) continue;
    plan.set(f, [...s.audio, ...s.video]);
    left -= s.video.length;
  }
  return plan;
}

/** A subscribe or unsubscribe entry of a Janus `update` (or the `streams` of a subscriber's join). */
export interface StreamRef {
  feed: string;
  /** The publisher's mid; absent: every stream of the feed. */
  mid?: string;
}

/**
 * What takes the subscriber from `have` (per feed, the publisher mids it carries; null when they
 * are not known) to `plan`. A feed taken whole stays as it is unless it was cut down before
 * (`cut`): then its missing streams come back.
 */
export function planChanges(plan: Plan, have: ReadonlyMap<string, ReadonlySet<string> | null>, known: ReadonlyMap<string, FeedStreams>, cut: ReadonlySet<string>): { subscribe: StreamRef[]; unsubscribe: StreamRef[] } {
  const subscribe: StreamRef[] = [];
  const unsubscribe: StreamRef[] = [];
  for (const [feed, want] of plan) {
    const got = have.get(feed);
    if (got === undefined) {
      if (want === 'all') subscribe.push({ feed });
      else subscribe.push(...want.map((mid) => ({ feed, mid })));
      continue;
    }
    const s = known.get(feed);
    if (got === null || (want === 'all' && (!s || !cut.has(feed)))) continue;
    const wanted = want === 'all' ? [...(s as FeedStreams).audio, ...(s as FeedStreams).video] : want;
    for (const mid of wanted) if (!got.has(mid)) subscribe.push({ feed, mid });
    for (const mid of got) if (!wanted.includes(mid)) unsubscribe.push({ feed, mid });
  }
  for (const feed of have.keys()) if (!plan.has(feed)) unsubscribe.push({ feed });
  return { subscribe, unsubscribe };
}
