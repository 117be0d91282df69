/**
 * One trial of the baseline: two bare RTCPeerConnections in one page (baseline.html), from the
 * click on "Start" to the first decoded remote frame (requestVideoFrameCallback).
 */
import type { Browser } from 'playwright-core';
import { newTestPage } from '../../harness/browser';
import { clicks, remoteTiles, waitFor } from '../../harness/probes';
import { pcPhases } from './product-trial';
import type { JoinTiming } from './product-trial';

export async function baselineTrial(browser: Browser, baseUrl: string): Promise<JoinTiming> {
  const tp = await newTestPage(browser, 'baseline');
  try {
    await tp.page.goto(`${baseUrl}/baseline.html`);
    await waitFor('baseline media captured', () => tp.page.locator('#status').textContent(), (s) => s === 'ready', { timeoutMs: 15_000 });
    await tp.page.getByRole('button', { name: 'Start', exact: true }).click();
    const seen = await waitFor(
      'baseline: first remote frame on both connections',
      () => remoteTiles(tp.page),
      (t) => t.length === 2 && t.every((x) => x.firstFrameAt !== null),
      { timeoutMs: 20_000, intervalMs: 50 },
    );
    const start = (await clicks(tp.page)).find((c) => c.name === 'Start');
    if (!start) throw new Error('baseline: the Start click was not recorded');
    const atJoiner = seen.find((t) => t.participantId === 'a-at-b')!.firstFrameAt!;
    const atOther = seen.find((t) => t.participantId === 'b-at-a')!.firstFrameAt!;
    return { joinerFirstFrameMs: atJoiner - start.at, allFirstFrameMs: Math.max(atJoiner, atOther) - start.at, ...(await pcPhases(tp.page, start.at)) };
  } finally {
    await tp.close();
  }
}
