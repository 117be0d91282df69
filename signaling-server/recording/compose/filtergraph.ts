/**
 * The ffmpeg command that composes a recording: a pure function from the layout and the converted
 * tracks. Every track is placed on the recording's clock at its own offset (from the .mjr header),
 * gaps are filled (video: the last frame held at a constant rate; audio: silence from the packet
 * timestamps), cameras are overlaid in their segments' rectangles, names drawn, voices mixed.
 */
import type { Rect, Segment } from './layout';

export interface TrackInput {
  /** The converted file (janus-pp-rec's .webm or .mka), relative to ffmpeg's working folder or absolute. */
  path: string;
  participant: string;
  kind: 'audio' | 'video';
  /** A screen share (the publisher's second video stream). */
  screen: boolean;
  /** Seconds from the recording's start to the track's first packet (negative: it began before). */
  offset: number;
}

export interface ComposeSpec {
  duration: number;
  width: number;
  height: number;
  fps: number;
  segments: Segment[];
  tracks: TrackInput[];
  /** A TrueType font for the names; without one, no names are drawn. */
  font?: string;
  /** Participant id → a text file holding their display name (drawtext reads it; no escaping of names). */
  labels?: ReadonlyMap<string, string>;
  /** x264 preset; default veryfast. */
  preset?: string;
}

const BACKGROUND = '0x202124';
const PLACEHOLDER = '0x3c4043';
/** Paths ffmpeg's filter parser takes without escaping. */
const SAFE_PATH = /^[\w/.-]+$/;

const sec = (n: number) => String(Math.round(n * 1000) / 1000);
const when = (s: Segment) => `enable='between(t,${sec(s.start)},${sec(s.end)})'`;

/**
 * The part of a track inside [0, duration] on the recording's clock. Video is moved to its place
 * before `fps` puts it on the frame grid, so its timing is rounded once (to the nearest frame), not
 * once by `fps` and again by padding whole frames in front of it (the two roundings added up to
 * 51 ms against the voices). Until its first frame the overlay shows what lies under the tile.
 */
function align(offset: number, kind: 'audio' | 'video', duration: number, fps: number): string[] {
  if (kind === 'video') {
    return [
      `setpts=PTS-STARTPTS${offset < 0 ? '-' : '+'}${sec(Math.abs(offset))}/TB`,
      // From a track that began before the recording, the frame showing at 0 is kept.
      offset < 0 ? `fps=${fps}:start_time=0` : `fps=${fps}`,
      `tpad=stop_mode=clone:stop_duration=${sec(duration)}`,
      `trim=end=${sec(duration)}`,
    ];
  }
  return [
    // Silence where packets are missing (DTX, mute, loss), so later audio keeps its place. Every
    // gap counts (Opus packets are 20 ms): with ffmpeg's default of 0.1 s, a 40 ms gap before a
    // word was closed up and the word played 40 ms early until a longer gap put it right.
    'aresample=48000:async=1:min_hard_comp=0.01:first_pts=0',
    'aformat=sample_rates=48000:channel_layouts=stereo',
    offset < 0 ? `atrim=start=${sec(-offset)},asetpts=PTS-STARTPTS` : `adelay=${Math.round(offset * 1000)}:all=1`,
    'apad',
    `atrim=duration=${sec(duration)}`,
  ];
}

interface Use {
  seg: Segment;
  rect: Rect;
}

/** Where a track shows: its owner's tile while the camera is on, or the large area while they share. */
function usesOf(t: TrackInput, segments: Segment[]): Use[] {
  if (t.kind !== 'video') return [];
  return segments.flatMap((seg) => {
    if (t.screen) return seg.share?.participant === t.participant ? [{ seg, rect: seg.share }] : [];
    const tile = seg.tiles.find((x) => x.participant === t.participant && x.camera);
    return tile ? [{ seg, rect: tile }] : [];
  });
}

/** ffmpeg's arguments (without the binary) composing `spec` into `output`. */
export function ffmpegArgs(spec: ComposeSpec, output: string): string[] {
  const { duration, width, height, fps } = spec;
  const inputs: string[] = [];
  const graph: string[] = [`color=c=${BACKGROUND}:s=${width}x${height}:r=${fps}:d=${sec(duration)},format=yuv420p[base]`];
  let last = 'base';
  let n = 0;
  const chain = (filter: string) => {
    const next = `v${n++}`;
    graph.push(`[${last}]${filter}[${next}]`);
    last = next;
  };

  // Tiles without a picture (camera off, or no video recorded) are a lighter box with the name.
  const hasCamera = new Set(spec.tracks.filter((t) => t.kind === 'video' && !t.screen).map((t) => t.participant));
  const boxes = spec.segments.flatMap((seg) => seg.tiles.filter((t) => !t.camera || !hasCamera.has(t.participant)).map((t) => ({ seg, t })));
  if (boxes.length) chain(boxes.map(({ seg, t }) => `drawbox=x=${t.x + 2}:y=${t.y + 2}:w=${t.w - 4}:h=${t.h - 4}:color=${PLACEHOLDER}:t=fill:${when(seg)}`).join(','));

  const audio: string[] = [];
  spec.tracks.forEach((t) => {
    const uses = usesOf(t, spec.segments);
    if (t.kind === 'video' && uses.length === 0) return;
    const index = inputs.length / 2;
    inputs.push('-i', t.path);
    const aligned = align(t.offset, t.kind, duration, fps).join(',');
    if (t.kind === 'audio') {
      graph.push(`[${index}:a]${aligned}[a${index}]`);
      audio.push(`[a${index}]`);
      return;
    }
    const copies = uses.map((_, k) => `[i${index}_${k}]`);
    graph.push(`[${index}:v]${aligned}${uses.length > 1 ? `,split=${uses.length}${copies.join('')}` : copies[0]}`);
    uses.forEach(({ seg, rect }, k) => {
      graph.push(`${copies[k]}scale=${rect.w}:${rect.h}:force_original_aspect_ratio=decrease,pad=${rect.w}:${rect.h}:(ow-iw)/2:(oh-ih)/2:color=${BACKGROUND}[s${index}_${k}]`);
      const next = `v${n++}`;
      graph.push(`[${last}][s${index}_${k}]overlay=x=${rect.x}:y=${rect.y}:eof_action=pass:${when(seg)}[${next}]`);
      last = next;
    });
  });

  if (spec.font && SAFE_PATH.test(spec.font) && spec.labels) {
    const labels = spec.labels;
    const texts = spec.segments.flatMap((seg) =>
      seg.tiles.flatMap((t) => {
        const file = labels.get(t.participant);
        if (!file || !SAFE_PATH.test(file)) return [];
        const size = Math.max(12, Math.round(t.h / 14));
        return [`drawtext=fontfile=${spec.font}:textfile=${file}:x=${t.x + 8}:y=${t.y + t.h - size - 10}:fontsize=${size}:fontcolor=white:box=1:boxcolor=black@0.5:boxborderw=4:${when(seg)}`];
      }),
    );
    if (texts.length) chain(texts.join(','));
  }

  graph.push(
    audio.length === 0
      ? `anullsrc=r=48000:cl=stereo,atrim=duration=${sec(duration)}[aout]`
      : audio.length === 1
        ? `${audio[0]}anull[aout]`
        : // Each voice at its own level (normalising would make one speaker quieter the more people there are); the limiter catches the sum of several loud ones.
          `${audio.join('')}amix=inputs=${audio.length}:normalize=0:duration=longest,alimiter=limit=0.8:level=0:latency=1[aout]`,
  );
  graph.push(`[${last}]null[vout]`);

  return [
    '-hide_banner', '-nostdin', '-y',
    ...inputs,
    '-filter_complex', graph.join(';'),
    '-map', '[vout]', '-map', '[aout]',
    '-c:v', 'libx264', '-preset', spec.preset ?? 'veryfast', '-crf', '23', '-pix_fmt', 'yuv420p', '-r', String(fps),
    '-c:a', 'aac', '-b:a', '128k', '-ar', '48000',
    '-t', sec(duration),
    '-movflags', '+faststart',
    output,
  ];
}
