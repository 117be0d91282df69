/**
 * CPU while a meeting is recorded: `n` people in one meeting on the bundled Janus (every room on
 * the SFU here, MESH_MAX_PARTICIPANTS=1, so the window without recording forwards the same
 * streams), Janus's and the server's CPU time over a window without recording, then over the same
 * window while the host records (Janus writes every publisher's .mjr files besides forwarding; the
 * server keeps the timeline). Cameras at the product's own constraints. Per minute.
 */
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { launchBrowser, newTestPage } from '../../harness/browser';
import { NetNamespace } from '../../harness/netns';
import { acquireRunLock, releaseRunLock } from '../../harness/run-lock';
import { startAppServer, type NsProcess } from '../../harness/server';
import { CallUser } from '../../harness/ui';
import { JANUS_PORTS, onJanus } from '../../e2e/sfu-probes';
import { findJanusPid } from '../sfu/janus-cpu';
import { cpuMsOf } from '../signaling/proc-stats';

export interface RecordingCpu {
  people: number;
  windowS: number;
  /** CPU seconds per minute of the call. */
  janusIdle: number;
  janusRecording: number;
  serverIdle: number;
  serverRecording: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** CPU seconds per minute of `pids` over `windowS`. */
async function perMinute(pids: number[], windowS: number): Promise<number[]> {
  const before = pids.map(cpuMsOf);
  await sleep(windowS * 1000);
  return pids.map((pid, i) => Math.round(((cpuMsOf(pid) - (before[i] as number)) / 1000 / windowS) * 60 * 10) / 10);
}

export async function recordingCpu(people: number, windowS: number): Promise<RecordingCpu> {
  await acquireRunLock();
  const ns = NetNamespace.create();
  const recordings = mkdtempSync(join(tmpdir(), 'confer-recording-cpu-'));
  let app: NsProcess | undefined;
  let browser: Browser | undefined;
  const users: CallUser[] = [];
  try {
    app = await startAppServer(ns, {
      env: { JANUS_BUNDLED: 'on', JANUS_RTP_PORTS: `${JANUS_PORTS.min}-${JANUS_PORTS.max}`, MESH_MAX_PARTICIPANTS: '1', RECORDING: 'on', RECORDINGS_DIR: recordings },
    });
    browser = await launchBrowser(ns, { fakeCameraFps: null });
    for (let i = 0; i < people; i++) users.push(new CallUser(await newTestPage(browser, `P${i + 1}`, app.url), `P${i + 1}`));
    const [host] = users as [CallUser];
    const meeting = await host.startMeeting(app.url, { timeoutMs: 60_000 });
    for (const u of users) await u.enter(app.url, meeting, 60_000);
    await onJanus(users, people - 1);
    const pids = [findJanusPid(app.child.pid as number), app.child.pid as number];
    await sleep(5000); // bandwidth estimates and layers settle
    const [janusIdle, serverIdle] = await perMinute(pids, windowS);
    await host.button('Record').click();
    await host.page.getByTestId('recording-indicator').waitFor({ timeout: 15_000 });
    await sleep(3000);
    const [janusRecording, serverRecording] = await perMinute(pids, windowS);
    // The window measured a recording only if Janus was writing one: every publisher's .mjr files, growing.
    const mjr = (readdirSync(recordings, { recursive: true }) as string[]).filter((f) => f.endsWith('.mjr') && statSync(join(recordings, f)).size > 10_000);
    if (mjr.length < people) throw new Error(`Janus wrote ${mjr.length} .mjr files of any size for ${people} publishers during the recording window`);
    await host.button('Stop recording').click();
    return { people, windowS, janusIdle: janusIdle as number, janusRecording: janusRecording as number, serverIdle: serverIdle as number, serverRecording: serverRecording as number };
  } finally {
    await Promise.all(users.map((u) => u.close().catch(() => undefined)));
    await browser?.close().catch(() => undefined);
    await app?.stop();
    ns.destroy();
    rmSync(recordings, { recursive: true, force: true });
    releaseRunLock();
  }
}
