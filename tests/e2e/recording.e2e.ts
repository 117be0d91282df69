/**
 * Recording end to end, in Debian Chromium against the real server, Janus, janus-pp-rec and
 * ffmpeg: the host starts a meeting, a guest joins, the host presses Record (the mesh call moves
 * to Janus, everyone sees the indicator), a third person sees the notice in the lobby and joins
 * late; after ~15-20 s the host stops. The composed MP4 is listed for the host with a working
 * download link, lasts the recorded time (±0.5 s, ffprobe), is H.264 + AAC at 25 fps with
 * faststart, and frames show two camera tiles before the late joiner and three after (every fake
 * camera plays one solid orange y4m, so a tile is a pixel check). Who may record and RECORDING=off
 * are checked against the server in signaling-server/recording/recording.test.ts.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { listManifests, type Manifest } from '../../signaling-server/recording/manifest';
import { frameAt, maxVolumeDb, near, pixel, probe } from '../../signaling-server/testing/media';
import { killTree } from '../harness/netns';
import { REPO_ROOT, startAppServer } from '../harness/server';
import { waitFor, waitForMediaFromAll } from '../harness/probes';
import type { CallUser } from '../harness/ui';
import { JANUS_PORTS, onJanus } from './sfu-probes';
import { useStack } from './stack';

jest.setTimeout(600_000);

const ORANGE = 0xff8800;
const BACKGROUND = 0x202124;
const W = 1280;
const H = 720;

const work = join(REPO_ROOT, '.tmp', `recording-e2e-${process.pid}`);
const recordings = join(work, 'recordings');
const camera = join(work, 'orange-640x360.y4m');
mkdirSync(recordings, { recursive: true });
execFileSync('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', 'color=c=0xff8800:s=640x360:r=8:d=1', '-pix_fmt', 'yuv420p', camera]);

const env = { JANUS_BUNDLED: 'on', JANUS_RTP_PORTS: `${JANUS_PORTS.min}-${JANUS_PORTS.max}`, TOPOLOGY_HOLDDOWN_SECONDS: '3', RECORDINGS_DIR: recordings, RECORDING: 'on' };
const stack = useStack({ env, browser: { fakeCameraFile: camera } });
const report: Record<string, unknown> = {};
afterAll(() => {
  console.info(`recording e2e: ${JSON.stringify(report)}`);
  rmSync(work, { recursive: true, force: true });
});

const only = async (): Promise<Manifest> => {
  const all = await listManifests(recordings);
  if (all.length !== 1) throw new Error(`expected one recording, found ${all.length}`);
  return all[0] as Manifest;
};
const byId = async (id: string): Promise<Manifest> => {
  const m = (await listManifests(recordings)).find((x) => x.id === id);
  if (!m) throw new Error(`no recording ${id}`);
  return m;
};

/** How many of the grid's cells show a camera (orange) at `t` s, for the 2- and 3-person layouts. */
async function tilesAt(file: string, t: number): Promise<{ two: boolean; three: boolean; share: boolean; samples: number[][] }> {
  const f = await frameAt(file, t, W, H);
  const at = (x: number, y: number) => pixel(f, W, x, y);
  // Two people: two 640x720 cells, each picture letterboxed in its middle. Three: a 2x2 grid of 640x360 cells, the last empty.
  const two = near(at(320, 360), ORANGE, 60) && near(at(960, 360), ORANGE, 60) && near(at(320, 60), BACKGROUND, 30);
  const three = near(at(320, 180), ORANGE, 60) && near(at(960, 180), ORANGE, 60) && near(at(320, 540), ORANGE, 60) && near(at(960, 540), BACKGROUND, 30);
  // Two people and a share: the share (the fake screen, neither a camera's orange nor the background) on the
  // left three quarters, where the grids show a camera; the cameras at the top of the right column, in cells of a
  // quarter of its height (320x180 each), background below them.
  const shared = at(320, 360);
  const share = near(at(1120, 90), ORANGE, 60) && near(at(1120, 270), ORANGE, 60) && near(at(1120, 540), BACKGROUND, 30) && !near(shared, ORANGE, 60) && !near(shared, BACKGROUND, 30);
  return { two, three, share, samples: [at(320, 360), at(960, 360), at(320, 60), at(320, 540), at(960, 540), at(1120, 90), at(1120, 270), at(1120, 540)] };
}

describe('recording a meeting', () => {
  let ada: CallUser;
  let ben: CallUser;
  let cy: CallUser;
  let meeting: string;

  it('records three people (one late) into one MP4 the host downloads', async () => {
    ada = await stack.user('Ada');
    meeting = await ada.startMeeting(stack.app.url, { timeoutMs: 60_000 });
    await ada.enter(stack.app.url, meeting, 60_000);
    ben = await stack.user('Ben');
    await ben.enter(stack.app.url, meeting, 60_000);
    await Promise.all([ada, ben].map((u) => waitForMediaFromAll(u.page, 1, 60_000)));

    await stack.diagnose('start', async () => {
      // Only hosts get the button.
      expect(await ben.button('Record').count()).toBe(0);
      await ada.button('Record').click();
      for (const u of [ada, ben]) await u.page.getByTestId('recording-indicator').waitFor({ timeout: 15_000 });
      await ada.button('Stop recording').waitFor({ timeout: 15_000 });
      // The mesh call moved to Janus for the recording.
      await onJanus([ada, ben], 1);
    });
    // Some seconds of the two of them on Janus, Ben sharing his screen for part of it, before the third arrives.
    await new Promise((r) => setTimeout(r, 3000));
    await stack.diagnose('share', async () => {
      await ben.button('Share screen').click();
      await ben.button('Stop sharing screen').waitFor({ timeout: 15_000 });
      await new Promise((r) => setTimeout(r, 5000));
      await ben.button('Stop sharing screen').click();
      await ben.button('Share screen').waitFor({ timeout: 15_000 });
    });
    await new Promise((r) => setTimeout(r, 3000));

    await stack.diagnose('late joiner', async () => {
      cy = await stack.user('Cy');
      await cy.openLobby(stack.app.url, meeting, 60_000);
      await cy.page.getByTestId('lobby-recording').waitFor({ timeout: 15_000 });
      await cy.clickJoin();
      await cy.waitInCall(60_000);
      await cy.page.getByTestId('recording-indicator').waitFor({ timeout: 15_000 });
      await onJanus([ada, ben, cy], 2);
    });
    // Cy on camera for a few seconds, then stop; ~15-20 s recorded in all on an idle machine.
    await new Promise((r) => setTimeout(r, 8000));

    await stack.diagnose('stop and compose', async () => {
      await ada.button('Stop recording').click();
      for (const u of [ada, ben, cy]) await u.page.getByTestId('recording-indicator').waitFor({ state: 'detached', timeout: 15_000 });
      const t0 = Date.now();
      const m = await waitFor('recording composed', only, (x) => x.state === 'ready' || x.state === 'failed', { timeoutMs: 300_000, intervalMs: 1000, describe: (x) => x.state });
      report.composeWallMs = Date.now() - t0;
      expect(m).toMatchObject({ state: 'ready' });
    });

    const m = await only();
    const recorded = ((m.stoppedAt as number) - m.startedAt) / 1000;
    const file = join(recordings, m.id, 'recording.mp4');
    const info = await probe(file);
    report.recordedS = recorded;
    report.fileS = info.durationS;
    report.composeMs = m.composeMs;
    report.bytes = m.output?.bytes;
    expect(recorded).toBeGreaterThan(10);
    expect(Math.abs(info.durationS - recorded)).toBeLessThanOrEqual(0.5);
    expect(info.video).toMatchObject({ codec: 'h264', width: W, height: H, fps: 25 });
    expect(info.audio?.codec).toBe('aac');
    expect(info.faststart).toBe(true);
    // The fake microphones beep: the mix is not silence, and three beeps at once do not clip.
    const peak = await maxVolumeDb(file);
    report.maxVolumeDb = peak;
    expect(peak).toBeGreaterThan(-40);
    expect(peak).toBeLessThan(-0.3);

    // The timeline: Ada and Ben, then Cy.
    const cyJoined = m.timeline.find((s) => s.participants.some((p) => p.name === 'Cy'));
    expect(m.timeline[0]?.participants.map((p) => p.name)).toEqual(['Ada', 'Ben']);
    expect(cyJoined).toBeDefined();
    const tCy = ((cyJoined?.at as number) - m.startedAt) / 1000;
    const before = await tilesAt(file, tCy - 1);
    const after = await tilesAt(file, recorded - 1);
    // Ben's share, from the timeline: shown large while it ran, the grid again after it.
    const sharedAt = m.timeline.findIndex((s) => s.participants.some((p) => p.name === 'Ben' && p.screen));
    const shareOn = m.timeline[sharedAt];
    const shareOff = m.timeline.slice(sharedAt + 1).find((s) => !s.participants.some((p) => p.name === 'Ben' && p.screen));
    expect(shareOn && shareOff).toBeTruthy();
    const tShare = ((shareOn?.at as number) - m.startedAt) / 1000;
    const tShareEnd = ((shareOff?.at as number) - m.startedAt) / 1000;
    const sharing = await tilesAt(file, (tShare + tShareEnd) / 2);
    report.tiles = { tCy, tShare, tShareEnd, sharing, before, after };
    expect([sharing.share, sharing.two, sharing.three]).toEqual([true, false, false]);
    expect([before.two, before.three, before.share]).toEqual([true, false, false]);
    expect([after.two, after.three]).toEqual([false, true]);

    await stack.diagnose('list and download', async () => {
      await ada.counterButton('Participants').click();
      const item = ada.page.getByTestId('recording-item');
      await item.first().waitFor({ timeout: 15_000 });
      expect(await item.getAttribute('data-state')).toBe('ready');
      const href = await item.getByRole('link', { name: /^Download the recording of / }).getAttribute('href');
      const got = await ada.page.evaluate(async (url) => {
        const res = await fetch(url as string);
        return { status: res.status, type: res.headers.get('content-type'), bytes: (await res.arrayBuffer()).byteLength };
      }, href);
      expect(got).toEqual({ status: 200, type: 'video/mp4', bytes: m.output?.bytes });
    });
  });

  it('a server killed during composition resumes the job after its restart, and the file appears', async () => {
    const first = (await only()).id;
    await stack.diagnose('record again', async () => {
      await ada.button('Record').click();
      await ada.page.getByTestId('recording-indicator').waitFor({ timeout: 15_000 });
      await onJanus([ada, ben, cy], 2);
      await new Promise((r) => setTimeout(r, 5000));
      await ada.button('Stop recording').click();
      await ada.page.getByTestId('recording-indicator').waitFor({ state: 'detached', timeout: 15_000 });
    });
    const second = (await listManifests(recordings)).find((m) => m.id !== first) as Manifest;
    expect(second).toBeDefined();
    // Kill the server (and with it Janus and the composer: one process group) as soon as composing began.
    const caught = await waitFor('composing began', () => byId(second.id), (m) => m.attempts >= 1 || m.state === 'ready', { timeoutMs: 60_000, intervalMs: 50, describe: (m) => m.state });
    const exited = new Promise<void>((r) => stack.app.child.once('exit', () => r()));
    killTree(stack.app.child, 'SIGKILL');
    await exited;
    const atKill = await byId(second.id);
    report.killedAt = { state: atKill.state, attempts: atKill.attempts, seenAt: caught.state };
    expect(atKill.state).toBe('composing');
    expect(existsSync(join(recordings, second.id, 'raw'))).toBe(true);

    // A new server on the same folder resumes it.
    stack.app = await startAppServer(stack.ns, { env });
    const done = await waitFor('resumed composition', () => byId(second.id), (m) => m.state === 'ready' || m.state === 'failed', { timeoutMs: 300_000, intervalMs: 1000, describe: (m) => m.state });
    report.resumed = { state: done.state, attempts: done.attempts, composeMs: done.composeMs };
    expect(done.state).toBe('ready');
    expect(done.attempts).toBeGreaterThanOrEqual(2);
    const info = await probe(join(recordings, second.id, 'recording.mp4'));
    const recorded = ((done.stoppedAt as number) - done.startedAt) / 1000;
    expect(Math.abs(info.durationS - recorded)).toBeLessThanOrEqual(0.5);
    expect(existsSync(join(recordings, second.id, 'raw'))).toBe(false);
  });
});
