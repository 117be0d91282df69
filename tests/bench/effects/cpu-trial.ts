/**
 * The product's lobby with its camera preview, background effect off against blur on, chosen in
 * the lobby's picker as a user does. Chromium's CPU over fixed windows from /proc (proc-cpu.ts),
 * alternating off, on, off, on so drift hits both.
 */
import type { Browser, Page } from 'playwright-core';
import { newTestPage } from '../../harness/browser';
import { sleep } from '../../harness/probes';
import { CallUser, uniqueRoom } from '../../harness/ui';
import { chromiumCpu } from './proc-cpu';

const WINDOW_MS = Number(process.env.BENCH_EFFECTS_CPU_WINDOW_MS ?? 10_000);
const ROUNDS = 2;
const SETTLE_MS = 3000;

export interface CpuWindow {
  effect: 'off' | 'blur';
  /** Share of one core per Chromium process type (renderer, gpu-process, browser, utility...). */
  byType: Record<string, number>;
}

export interface CpuResult {
  windowMs: number;
  /** What the lobby preview showed with blur on (the processed track's size). */
  previewSize: string;
  windows: CpuWindow[];
  /** Console errors of the lobby page (reported, not fatal: the figures are still taken). */
  pageErrors: string[];
}

async function choose(page: Page, label: string, key: string): Promise<void> {
  await page.getByRole('radio', { name: label, exact: true }).first().check();
  await page.locator(`[data-testid="effects-picker"][data-effect="${key}"][aria-busy="false"]`).first().waitFor({ timeout: 30_000 });
}

export async function cpuTrial(browser: Browser, appUrl: string, log: (s: string) => void): Promise<CpuResult> {
  const tp = await newTestPage(browser, 'effects-cpu', appUrl);
  const user = new CallUser(tp, 'Bench');
  const failedLoads: string[] = [];
  tp.page.on('response', (res) => void (res.status() >= 400 && failedLoads.push(`${res.status()} ${res.url()}`)));
  try {
    await user.openLobby(appUrl, uniqueRoom('bench-effects'));
    const windows: CpuWindow[] = [];
    let previewSize = '';
    for (let r = 0; r < ROUNDS; r++) {
      for (const effect of ['off', 'blur'] as const) {
        if (effect === 'blur') await choose(user.page, 'Blur (light)', 'blur:light');
        else if (r > 0) await choose(user.page, 'Off', 'off');
        await sleep(SETTLE_MS);
        if (effect === 'blur') {
          previewSize = await user.page.getByTestId('lobby-preview').evaluate((v: HTMLVideoElement) => `${v.videoWidth}x${v.videoHeight}`);
        }
        log(` ${effect}`);
        windows.push({ effect, byType: await chromiumCpu(WINDOW_MS) });
      }
    }
    return { windowMs: WINDOW_MS, previewSize, windows, pageErrors: [...tp.errors, ...failedLoads] };
  } finally {
    await tp.close();
  }
}
