/**
 * Upload per participant as one room grows 2 → 6 (mesh at 2-4, SFU at 5-6), with Janus's CPU
 * per forwarded packet in the same windows; then five leave and the last one, alone in the SFU
 * room (the server runs with a long hold-down, so the room stays on Janus), sends one simulcast
 * set to nobody: that set's rate is the SFU ideal. The mesh ideal is (N-1) × the N = 2 rate.
 */
import { sleep } from '../../harness/probes';
import { inRoom } from './room';
import type { Mode, PageSource } from './room';
import { measureWindow } from './window';
import type { WindowResult } from './window';

export interface UploadRow {
  n: number;
  mode: Mode;
  /** Last join -> every page on `mode` with all media decoding, ms. */
  settledInMs: number;
  window: WindowResult;
}

export interface UploadRun {
  rows: UploadRow[];
  /** One participant alone in the SFU room: one simulcast set (the SFU ideal). */
  alone: WindowResult | null;
  error: string | null;
}

const NAMES = ['Ada', 'Ben', 'Cy', 'Dee', 'Eve', 'Fay'];

export async function uploadSeries(pages: PageSource, baseUrl: string, janusPid: number, opts: { settleS: number; windowS: number }): Promise<UploadRun> {
  const run: UploadRun = { rows: [], alone: null, error: null };
  run.error = await inRoom(pages, baseUrl, async (room) => {
    for (let n = 2; n <= 6; n++) {
      while (room.users.length < n) await room.add(NAMES[room.users.length]);
      const mode: Mode = n <= 4 ? 'mesh' : 'sfu';
      const settledInMs = await room.waitMode(mode);
      await room.waitFlowing();
      await sleep(opts.settleS * 1000);
      run.rows.push({ n, mode, settledInMs, window: await measureWindow(room.users, opts.windowS, janusPid) });
      process.stdout.write('.');
    }
    for (const u of room.users.slice(1)) await room.leave(u);
    await room.waitMode('sfu');
    await sleep(opts.settleS * 1000);
    run.alone = await measureWindow(room.users, opts.windowS, janusPid);
  });
  return run;
}
