/**
 * A/V sync of a recording, end to end: Chromium's fake camera and microphone play a fixture that
 * flashes and beeps at the same instants (signaling-server/testing/av-sync.ts); Ada (host) and Ben
 * (microphone muted, so the mix holds Ada's beeps only) are recorded through Janus, janus-pp-rec
 * and the composer; in the MP4 every flash in Ada's tile is paired with its beep.
 *
 * What the recording adds is measured against what Ada sends: Chromium starts its fake camera and
 * microphone at moments of its own (a real device pair has its own small offset too), so during
 * the recording her page also records the very tracks it sends with MediaRecorder, and the same
 * reader finds the offset there. MediaRecorder keeps the sound as PCM: through its Opus encoder
 * (60 ms frames) the same call read 104-107 ms where PCM reads 49 ms and Chromium's own capture
 * timestamps (the abs-capture-time RTP extension, which Janus records when offered) 65 ms. Each offset in the MP4 is at most 45 ms (the broadcast
 * detectability threshold) from the sent one, either way, one frame of the composed file (40 ms)
 * included: a flash is seen at the first frame showing it.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { listManifests, type Manifest } from '../../signaling-server/recording/manifest';
import { captureFixture, measureAvSync, type AvSync } from '../../signaling-server/testing/av-sync';
import type { Page } from 'playwright-core';
import type { BrowserOptions } from '../harness/browser';
import { waitFor, waitForMediaFromAll } from '../harness/probes';
import { REPO_ROOT } from '../harness/server';
import { JANUS_PORTS, onJanus } from './sfu-probes';
import { useStack } from './stack';

jest.setTimeout(600_000);

/** At most this far apart, either way (ITU-R BT.1359's detectability threshold is +45/-125 ms; we hold both sides to 45). */
const SYNC_MS = 45;
const RECORD_MS = 14_000;

const work = join(REPO_ROOT, '.tmp', `recording-sync-e2e-${process.pid}`);
const recordings = join(work, 'recordings');
const browser: BrowserOptions = {};
beforeAll(async () => {
  mkdirSync(recordings, { recursive: true });
  const f = await captureFixture(work);
  browser.fakeCameraFile = f.y4m;
  browser.fakeMicrophoneFile = f.wav;
}, 120_000);

const env = { JANUS_BUNDLED: 'on', JANUS_RTP_PORTS: `${JANUS_PORTS.min}-${JANUS_PORTS.max}`, TOPOLOGY_HOLDDOWN_SECONDS: '3', RECORDINGS_DIR: recordings, RECORDING: 'on' };
const stack = useStack({ env, browser });
const measured: { sent?: AvSync; recorded?: AvSync } = {};
afterAll(() => {
  console.info(`recording sync e2e: ${JSON.stringify(measured)}`);
  rmSync(work, { recursive: true, force: true });
});

/** Records, in the page, the audio and video tracks its live connections send, for `ms`; the WebM's bytes. */
async function recordSent(page: Page, ms: number): Promise<Buffer> {
  const b64 = await page.evaluate(async (duration) => {
    const tracks: MediaStreamTrack[] = [];
    for (const pc of (window as unknown as { __pcs: RTCPeerConnection[] }).__pcs) {
      if (pc.connectionState !== 'connected') continue;
      for (const s of pc.getSenders()) if (s.track?.readyState === 'live' && !tracks.some((t) => t.kind === s.track?.kind)) tracks.push(s.track);
    }
    if (tracks.length !== 2) throw new Error(`expected one audio and one video track sent, found ${tracks.map((t) => t.kind).join(', ')}`);
    const rec = new MediaRecorder(new MediaStream(tracks), { mimeType: 'video/webm;codecs=vp8,pcm' });
    const chunks: Blob[] = [];
    rec.ondataavailable = (e) => chunks.push(e.data);
    const stopped = new Promise((r) => (rec.onstop = r));
    rec.start(1000);
    await new Promise((r) => setTimeout(r, duration));
    rec.stop();
    await stopped;
    const bytes = new Uint8Array(await new Blob(chunks).arrayBuffer());
    let bin = '';
    for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    return btoa(bin);
  }, ms);
  return Buffer.from(b64, 'base64');
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

it(`a recording keeps every beep within ${SYNC_MS} ms of its flash`, async () => {
  const ada = await stack.user('Ada');
  const meeting = await ada.startMeeting(stack.app.url, { timeoutMs: 60_000 });
  await ada.enter(stack.app.url, meeting, 60_000);
  const ben = await stack.user('Ben');
  await ben.enter(stack.app.url, meeting, 60_000);
  await Promise.all([ada, ben].map((u) => waitForMediaFromAll(u.page, 1, 60_000)));
  await ben.button('Mute microphone').click();
  await ben.button('Unmute microphone').waitFor({ timeout: 15_000 });

  await stack.diagnose('record', async () => {
    await ada.button('Record').click();
    await ada.page.getByTestId('recording-indicator').waitFor({ timeout: 15_000 });
    await onJanus([ada, ben], 1);
    const sent = join(work, 'sent.webm');
    writeFileSync(sent, await recordSent(ada.page, RECORD_MS));
    measured.sent = await measureAvSync(sent, { x: 0, y: 0, w: 640, h: 360 });
    await ada.button('Stop recording').click();
    await ada.page.getByTestId('recording-indicator').waitFor({ state: 'detached', timeout: 15_000 });
  });
  const m = await waitFor(
    'recording composed',
    async () => (await listManifests(recordings))[0] as Manifest | undefined,
    (x) => x?.state === 'ready' || x?.state === 'failed',
    { timeoutMs: 300_000, intervalMs: 1000, describe: (x) => x?.state ?? 'none' },
  );
  expect(m?.state).toBe('ready');
  expect(m?.timeline[0]?.participants.map((p) => p.name)).toEqual(['Ada', 'Ben']);

  // What Ada sent: the fixture's loop over ~14 s, every flash with its beep, at one distance (the
  // video's frame interval apart at most; a drifting fixture would fail here, not below).
  const sent = measured.sent as AvSync;
  expect(sent.flashes.length).toBeGreaterThanOrEqual(5);
  expect(sent.offsetsMs.length).toBe(sent.flashes.length);
  expect(Math.max(...sent.offsetsMs) - Math.min(...sent.offsetsMs)).toBeLessThanOrEqual(50);
  const reference = median(sent.offsetsMs);

  // Two people: two 640x720 cells of the 1280x720 file, Ada's on the left, her 16:9 picture in its middle (y 180-540).
  const got = await measureAvSync(join(recordings, (m as Manifest).id, 'recording.mp4'), { x: 40, y: 220, w: 560, h: 280 });
  measured.recorded = got;
  expect(got.flashes.length).toBeGreaterThanOrEqual(5);
  expect(got.offsetsMs.length).toBe(got.flashes.length);
  for (const o of got.offsetsMs) expect(Math.abs(o - reference)).toBeLessThanOrEqual(SYNC_MS);
});
