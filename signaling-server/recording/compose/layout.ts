/**
 * Where each tile is at each moment of the composed video: pure functions from the roster
 * timeline. A segment starts wherever the people shown or the screen share change.
 */
import type { RosterSnapshot } from '../manifest';

export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** One tile of a segment: a participant's camera (or their name when it is off or absent). */
export interface Tile extends Rect {
  participant: string;
  name: string;
  camera: boolean;
}

export interface Segment {
  /** Seconds from the start of the recording. */
  start: number;
  end: number;
  tiles: Tile[];
  /** The screen share shown large, when one runs and was recorded. */
  share?: Rect & { participant: string };
}

/** Even numbers only: H.264 in 4:2:0 needs them. */
const even = (n: number) => Math.max(2, Math.floor(n / 2) * 2);

/** `n` cells filling `area` in a grid as square as possible (row by row). */
export function grid(n: number, area: Rect): Rect[] {
  if (n <= 0) return [];
  const cols = Math.ceil(Math.sqrt(n));
  const rows = Math.ceil(n / cols);
  const w = even(area.w / cols);
  const h = even(area.h / rows);
  return Array.from({ length: n }, (_, i) => ({ x: area.x + (i % cols) * w, y: area.y + Math.floor(i / cols) * h, w, h }));
}

/** With a share: the share on the left three quarters, the cameras stacked in the right column. */
export function shareLayout(n: number, width: number, height: number): { share: Rect; tiles: Rect[] } {
  const shareW = even((width * 3) / 4);
  const colW = even(width - shareW);
  const h = even(height / Math.max(n, 4));
  return { share: { x: 0, y: 0, w: shareW, h: even(height) }, tiles: Array.from({ length: n }, (_, i) => ({ x: shareW, y: i * h, w: colW, h })) };
}

export interface LayoutInput {
  startedAt: number;
  stoppedAt: number;
  timeline: RosterSnapshot[];
  /** Participants that have a recorded screen track. */
  screens: ReadonlySet<string>;
  width: number;
  height: number;
}

/** The segments of a recording, back to back from 0 to its duration; neighbours that look the same are merged. */
export function layout(input: LayoutInput): Segment[] {
  const duration = (input.stoppedAt - input.startedAt) / 1000;
  if (!(duration > 0)) return [];
  const snaps = [...input.timeline].sort((a, b) => a.at - b.at);
  const segments: Segment[] = [];
  for (let i = 0; i < snaps.length; i++) {
    const snap = snaps[i] as RosterSnapshot;
    const start = Math.max(0, (snap.at - input.startedAt) / 1000);
    const next = snaps[i + 1];
    const end = Math.min(duration, next ? (next.at - input.startedAt) / 1000 : duration);
    if (end <= start) continue;
    const people = [...snap.participants].sort((a, b) => a.joinedAt - b.joinedAt || a.id.localeCompare(b.id));
    const sharer = people.find((p) => p.screen && input.screens.has(p.id));
    const rects = sharer ? shareLayout(people.length, input.width, input.height) : { tiles: grid(people.length, { x: 0, y: 0, w: even(input.width), h: even(input.height) }) };
    const seg: Segment = {
      start,
      end,
      tiles: people.map((p, k) => ({ ...(rects.tiles[k] as Rect), participant: p.id, name: p.name, camera: p.camera })),
      ...(sharer && 'share' in rects ? { share: { ...rects.share, participant: sharer.id } } : {}),
    };
    const prev = segments[segments.length - 1];
    if (prev && prev.end === seg.start && sameLook(prev, seg)) prev.end = seg.end;
    else segments.push(seg);
  }
  // Before the first snapshot (none should be later than the start, but a clock may differ): the first layout.
  if (segments[0] && segments[0].start > 0) segments[0].start = 0;
  return segments;
}

function sameLook(a: Segment, b: Segment): boolean {
  return JSON.stringify([a.tiles, a.share]) === JSON.stringify([b.tiles, b.share]);
}
