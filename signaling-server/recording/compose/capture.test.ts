/**
 * Capture times in recorded packets: the abs-capture-time extension found by shape, VP8 key
 * frames, runs of agreeing capture times starting at their layer's key frame, and where they put
 * a participant's tracks (one offset for all of them; a video's later runs as shifts).
 */
import { rtpPacket } from '../../testing/rtp';
import { CaptureRuns, captureTimeOf, isVp8KeyFrame, recordingAnchors, type CaptureTiming } from './capture';

it('takes no 8- or 16-byte extension for a capture time unless it is near the arrival', () => {
  expect(captureTimeOf(rtpPacket(0, 0, { captureUs: 1_000_000_000_000 }), 1_000_000_000_000 + 5e6)).toBeCloseTo(1_000_000_000_000, -1);
  expect(captureTimeOf(rtpPacket(0, 0, { captureUs: 1_000_000_000_000 }), 1_000_000_000_000 + 48 * 3600e6)).toBeUndefined();
  expect(captureTimeOf(rtpPacket(0, 0), 1_000_000_000_000)).toBeUndefined();
  expect(captureTimeOf(Buffer.alloc(8), 0)).toBeUndefined();
});

it('tells a VP8 key frame from a delta frame, with or without extensions', () => {
  expect(isVp8KeyFrame(rtpPacket(0, 0, { vp8: 'key' }))).toBe(true);
  expect(isVp8KeyFrame(rtpPacket(0, 0, { vp8: 'delta', captureUs: 1e15 }))).toBe(false);
  expect(isVp8KeyFrame(rtpPacket(0, 0, { vp8: 'key', captureUs: 1e15 }))).toBe(true);
  expect(isVp8KeyFrame(Buffer.alloc(4))).toBe(false);
});

it('cuts capture times into runs that agree, a new one from the last key frame before its first word', () => {
  const runs = new CaptureRuns();
  runs.add(0, 1_000_091_000, 1_000_100_000); // the first layer: media 0 captured 91 ms late against what follows
  runs.keyFrame(900_000);
  runs.keyFrame(1_000_000); // the change
  runs.add(1_100_000, 1_001_100_000, 1_001_105_000);
  runs.add(2_100_000, 1_002_100_400, 1_002_104_000); // within the tolerance: the same run
  const t = runs.timing() as CaptureTiming;
  expect(t.runs).toEqual([
    { fromUs: 0, zeroUs: 1_000_091_000 },
    { fromUs: 1_000_000, zeroUs: 1_000_000_400 }, // the upper median of two
  ]);
  expect(t.transitUs).toBe(3_600);
  expect(new CaptureRuns().timing()).toBeUndefined();
});

describe('recording anchors', () => {
  const capture = (zeroUs: number, transitUs: number, runs = [{ fromUs: 0, zeroUs }]) => ({ zeroUs, transitUs, runs });

  it("places a participant's tracks by capture time with one offset (the least transit); anyone with a track lacking it by least delay", () => {
    const places = recordingAnchors([
      { participant: 'ada', kind: 'video', timing: { anchorUs: 1_000_500, capture: capture(400, 1_000_090) } },
      { participant: 'ada', kind: 'audio', timing: { anchorUs: 1_000_400, capture: capture(300, 1_000_080) } },
      { participant: 'ben', kind: 'video', timing: { anchorUs: 2_000_000, capture: capture(5, 7) } },
      { participant: 'ben', kind: 'audio', timing: { anchorUs: 2_000_100 } },
    ]);
    // Ada's audio 100 µs before her video as captured (not the 100 µs of the least delays by chance): both moved by 1_000_080.
    expect(places.map((p) => p.anchorUs)).toEqual([1_000_480, 1_000_380, 2_000_000, 2_000_100]);
    expect(places.every((p) => p.shifts.length === 0)).toBe(true);
  });

  it("anchors a video on its first run and moves each later run by its difference from the one before", () => {
    const runs = [
      { fromUs: 0, zeroUs: 1_091_000 },
      { fromUs: 1_000_000, zeroUs: 1_000_000 },
      { fromUs: 5_000_000, zeroUs: 1_040_000 },
    ];
    const [video] = recordingAnchors([{ participant: 'ada', kind: 'video', timing: { anchorUs: 0, capture: { zeroUs: 1_000_000, transitUs: 10, runs } } }]);
    expect(video).toEqual({ anchorUs: 1_091_010, shifts: [{ atS: 1, byS: -0.091 }, { atS: 5, byS: 0.04 }] });
  });
});
