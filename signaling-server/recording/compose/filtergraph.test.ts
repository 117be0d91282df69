import { ffmpegArgs, type ComposeSpec } from './filtergraph';
import type { Segment } from './layout';

const seg = (start: number, end: number, ids: string[], camera = true): Segment => ({
  start,
  end,
  tiles: ids.map((participant, i) => ({ participant, name: participant, camera, x: i * 640, y: 0, w: 640, h: 720 })),
});

const spec = (over: Partial<ComposeSpec> = {}): ComposeSpec => ({
  duration: 20,
  width: 1280,
  height: 720,
  fps: 25,
  segments: [seg(0, 5, ['a']), seg(5, 20, ['a', 'b'])],
  tracks: [
    { path: 'a-video.webm', participant: 'a', kind: 'video', screen: false, offset: 0.5 },
    { path: 'a-audio.opus', participant: 'a', kind: 'audio', screen: false, offset: 0.4 },
    { path: 'b-video.webm', participant: 'b', kind: 'video', screen: false, offset: 5.2 },
    { path: 'b-audio.opus', participant: 'b', kind: 'audio', screen: false, offset: 5.1 },
  ],
  ...over,
});

const graphOf = (args: string[]) => args[args.indexOf('-filter_complex') + 1] as string;

describe('ffmpegArgs', () => {
  it('places each track at its offset, holds frames and fills audio gaps, and mixes every voice', () => {
    const args = ffmpegArgs(spec(), 'out.mp4');
    expect(args.filter((_a, i) => args[i - 1] === '-i')).toEqual(['a-video.webm', 'a-audio.opus', 'b-video.webm', 'b-audio.opus']);
    const g = graphOf(args);
    expect(g).toContain('[0:v]setpts=PTS-STARTPTS+0.5/TB,fps=25,tpad=stop_mode=clone:stop_duration=20,trim=end=20');
    expect(g).toContain('[1:a]aresample=48000:async=1:min_hard_comp=0.01:first_pts=0,aformat=sample_rates=48000:channel_layouts=stereo,adelay=400:all=1,apad,atrim=duration=20[a1]');
    expect(g).toContain('adelay=5100:all=1');
    expect(g).toContain('[a1][a3]amix=inputs=2:normalize=0:duration=longest,alimiter=limit=0.8:level=0:latency=1[aout]');
  });

  it('overlays a camera once per segment it appears in, only while that segment runs', () => {
    const g = graphOf(ffmpegArgs(spec(), 'out.mp4'));
    // a is in both segments: split in two; b only in the second.
    expect(g).toContain('split=2[i0_0][i0_1]');
    expect(g).toMatch(/overlay=x=0:y=0:eof_action=pass:enable='between\(t,0,5\)'/);
    expect(g).toMatch(/overlay=x=0:y=0:eof_action=pass:enable='between\(t,5,20\)'/);
    expect(g).toMatch(/\[s2_0\]overlay=x=640:y=0:eof_action=pass:enable='between\(t,5,20\)'/);
    expect(g.match(/overlay=/g)).toHaveLength(3);
  });

  it('draws a placeholder instead of the picture while a camera is off, and skips a video never shown', () => {
    const args = ffmpegArgs(spec({ segments: [seg(0, 20, ['a', 'b'], false)] }), 'out.mp4');
    const g = graphOf(args);
    expect(g).not.toContain('overlay=');
    expect(g.match(/drawbox=/g)).toHaveLength(2);
    expect(args.filter((_a, i) => args[i - 1] === '-i')).toEqual(['a-audio.opus', 'b-audio.opus']);
  });

  it('trims a track that began before the recording, and puts silence when nobody was heard', () => {
    const g = graphOf(ffmpegArgs(spec({ tracks: [{ path: 'a.webm', participant: 'a', kind: 'video', screen: false, offset: -1.25 }] }), 'o.mp4'));
    expect(g).toContain('setpts=PTS-STARTPTS-1.25/TB,fps=25:start_time=0,');
    expect(g).toContain('anullsrc=r=48000:cl=stereo,atrim=duration=20[aout]');
  });

  it('shows a screen track in the share area, and names with a font and label files only', () => {
    const share: Segment = { ...seg(0, 20, ['a']), share: { participant: 'a', x: 0, y: 0, w: 960, h: 720 } };
    const tracks = [{ path: 's.webm', participant: 'a', kind: 'video' as const, screen: true, offset: 0 }];
    const g = graphOf(ffmpegArgs(spec({ segments: [share], tracks, font: '/f/DejaVuSans.ttf', labels: new Map([['a', 'label-0.txt']]) }), 'o.mp4'));
    expect(g).toContain('scale=960:720:force_original_aspect_ratio=decrease');
    expect(g).toContain('drawtext=fontfile=/f/DejaVuSans.ttf:textfile=label-0.txt');
    const unsafe = graphOf(ffmpegArgs(spec({ font: "/f/it's.ttf", labels: new Map([['a', 'label-0.txt']]) }), 'o.mp4'));
    expect(unsafe).not.toContain('drawtext');
  });

  it('writes H.264 + AAC with faststart for exactly the duration', () => {
    const args = ffmpegArgs(spec(), 'out.mp4').join(' ');
    expect(args).toContain('-c:v libx264');
    expect(args).toContain('-c:a aac');
    expect(args).toContain('-t 20 -movflags +faststart out.mp4');
  });
});
