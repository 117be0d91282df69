/**
 * One trial of the product: N-1 participants are in a mesh call and receive each other; the
 * N-th, in the lobby with its camera preview playing, clicks Join. Measured in the joiner's page
 * from that click to the first decoded frame (requestVideoFrameCallback) of each remote tile.
 */
import type { Browser } from 'playwright-core';
import { newTestPage } from '../../harness/browser';
import { clicks, pcStats, waitFor, waitForMediaFromAll } from '../../harness/probes';
import type { Page } from 'playwright-core';
import { CallUser, uniqueRoom } from '../../harness/ui';

export interface JoinTiming {
  /** Click on Join/Start -> the joiner has decoded a first frame from every other participant. */
  joinerFirstFrameMs: number;
  /** Click -> every participant has a first frame from every other (the others' tiles of the joiner included). */
  allFirstFrameMs: number;
  /** Where the joiner's time went: click -> its first RTCPeerConnection created, -> its last one connected. */
  pcCreatedMs: number | null;
  pcConnectedMs: number | null;
}

/** Click -> first PC created and -> last PC connected, in the joiner's page (open PCs only). */
export async function pcPhases(page: Page, clickAt: number): Promise<{ pcCreatedMs: number | null; pcConnectedMs: number | null }> {
  const pcs = (await pcStats(page)).filter((p) => p.connectionState !== 'closed');
  const created = pcs.map((p) => p.createdAt).filter((x): x is number => x !== null);
  const connected = pcs.map((p) => p.connectedAt);
  return {
    pcCreatedMs: created.length ? Math.min(...created) - clickAt : null,
    pcConnectedMs: connected.length && connected.every((x) => x !== null) ? Math.max(...(connected as number[])) - clickAt : null,
  };
}

const NAMES = ['Ada', 'Ben', 'Cy', 'Dee'];

export async function productTrial(browser: Browser, baseUrl: string, n: number): Promise<JoinTiming> {
  const room = uniqueRoom(`bench${n}`);
  const users: CallUser[] = [];
  try {
    for (let i = 0; i < n; i++) users.push(new CallUser(await newTestPage(browser, NAMES[i]), NAMES[i]));
    const joiner = users[n - 1];
    const others = users.slice(0, n - 1);
    for (const u of others) await u.enter(baseUrl, room);
    // The ones already there are connected to each other before the joiner comes.
    if (others.length > 1) await Promise.all(others.map((u) => waitForMediaFromAll(u.page, others.length - 1, 30_000, 800)));
    await joiner.openLobby(baseUrl, room);
    await joiner.clickJoin();
    const atJoiner = await waitFor(
      `${joiner.name}: first remote frame from all ${n - 1} others`,
      () => joiner.remoteTiles(),
      (t) => t.length === n - 1 && t.every((x) => x.firstFrameAt !== null),
      { timeoutMs: 30_000, intervalMs: 50 },
    );
    const atOthers = await Promise.all(
      others.map((u) =>
        waitFor(
          `${u.name}: first frame of ${joiner.name}`,
          () => u.remoteTiles(),
          (t) => t.some((x) => x.label === joiner.name && x.firstFrameAt !== null),
          { timeoutMs: 30_000, intervalMs: 50 },
        ).then((t) => t.find((x) => x.label === joiner.name)!.firstFrameAt!),
      ),
    );
    const join = (await clicks(joiner.page)).find((c) => c.name === 'Join');
    if (!join) throw new Error('product: the Join click was not recorded');
    const joinerLast = Math.max(...atJoiner.map((t) => t.firstFrameAt!));
    return {
      joinerFirstFrameMs: joinerLast - join.at,
      allFirstFrameMs: Math.max(joinerLast, ...atOthers) - join.at,
      ...(await pcPhases(joiner.page, join.at)),
    };
  } catch (e) {
    const diag = users.map((u) => u.tp.diagnostics()).join('\n');
    throw new Error(`${(e as Error).message}\n${diag}`);
  } finally {
    await Promise.all(users.map((u) => u.close()));
  }
}
