/**
 * Meetings only the invited enter, in Debian Chromium against the real server and Janus: a host
 * starts a meeting on the start page with the waiting room on; guests follow the link and wait
 * until admitted (a denied one never receives a frame or a chat line); the host mutes, removes (in
 * mesh and through Janus: the removed person's tile goes at everyone else, and their call ends),
 * locks, hands over by leaving, and the new host ends the meeting for everyone (the link is dead).
 * The server runs with MESH_MAX_PARTICIPANTS=2, so a third person moves the call to Janus.
 */
import { pcStats, remoteTiles, waitFor, waitForMediaFromAll } from '../harness/probes';
import type { CallUser } from '../harness/ui';
import { JANUS_PORTS, sfuStats, toJanus } from './sfu-probes';
import { useStack } from './stack';

jest.setTimeout(300_000);

const stack = useStack({ env: { JANUS_BUNDLED: 'on', JANUS_RTP_PORTS: `${JANUS_PORTS.min}-${JANUS_PORTS.max}`, TOPOLOGY_HOLDDOWN_SECONDS: '3', MESH_MAX_PARTICIPANTS: '2' } });
let meeting: string;
let ada: CallUser;
let ben: CallUser;
const report: Record<string, unknown> = {};

afterAll(() => console.info(`meetings e2e: ${JSON.stringify(report)}`));

/** Opens the invite link and clicks Join; the lobby then says it waits for the host. */
async function knock(u: CallUser): Promise<void> {
  await u.openLobby(stack.app.url, meeting, 60_000);
  await u.clickJoin();
  await u.page.getByTestId('waiting-room').waitFor({ timeout: 30_000 });
}

/** The host's participant panel, open. */
async function panel(host: CallUser): Promise<void> {
  if ((await host.page.getByTestId('participant-list').count()) === 0) await host.counterButton('Participants').click();
}

/** Waits until `u` shows `n` remote tiles; returns the ms it took from `since`. */
async function tilesAt(u: CallUser, n: number, since: number, what: string): Promise<number> {
  await waitFor(`${u.name}: ${what}`, () => remoteTiles(u.page), (t) => t.length === n, { timeoutMs: 30_000, intervalMs: 50 });
  return Date.now() - since;
}

describe('a meeting with a waiting room and a host', () => {
  it('the host starts a meeting on the start page and is in at once; the link is unguessable', async () => {
    ada = await stack.user('Ada');
    ada.page.on('dialog', (d) => void d.accept());
    meeting = await ada.startMeeting(stack.app.url, { waitingRoom: true, timeoutMs: 60_000 });
    expect(meeting).toMatch(/^[a-km-np-z2-9]{4}(-[a-km-np-z2-9]{4}){4}$/);
    await ada.enter(stack.app.url, meeting, 60_000);
  });

  it('a guest waits until the host admits them, and gets nothing before', async () => {
    await stack.diagnose('admit', async () => {
      ben = await stack.user('Ben');
      await knock(ben);
      // Waiting: no connection to anyone, no tile.
      expect(await pcStats(ben.page)).toEqual([]);
      await panel(ada);
      await ada.page.getByRole('button', { name: 'Admit Ben' }).click({ timeout: 30_000 });
      await ben.waitInCall(60_000);
      await Promise.all([ada, ben].map((u) => waitForMediaFromAll(u.page, 1, 60_000)));
    });
  });

  it('a denied guest is told so and never receives a frame', async () => {
    await stack.diagnose('deny', async () => {
      const mallory = await stack.user('Mallory');
      await knock(mallory);
      await ada.page.getByRole('button', { name: 'Deny Mallory' }).click({ timeout: 30_000 });
      await mallory.page.getByText('The host did not let you in.').waitFor({ timeout: 30_000 });
      expect({ pcs: await pcStats(mallory.page), inCall: await mallory.button('Leave call').count() }).toEqual({ pcs: [], inCall: 0 });
      await mallory.close();
    });
  });

  it('the host mutes a guest: the guest is told and their microphone is off everywhere', async () => {
    await stack.diagnose('mute', async () => {
      await ada.page.getByRole('button', { name: 'Mute Ben' }).click();
      await ben.page.getByText('Ada turned off your microphone. You can turn it back on.').waitFor({ timeout: 15_000 });
      await ben.button('Unmute microphone').waitFor({ timeout: 15_000 });
      await ada.remoteTile('Ben').getByTestId('tile-muted').waitFor({ timeout: 15_000 });
    });
  });

  it('removal in a mesh call: the removed one is out, their tile gone at the host', async () => {
    await stack.diagnose('remove in mesh', async () => {
      const t0 = Date.now();
      await ada.page.getByRole('button', { name: 'Remove Ben' }).click();
      report.meshRemovalTileGoneMs = await tilesAt(ada, 0, t0, "Ben's tile gone");
      await ben.page.getByText('You were removed from the meeting').waitFor({ timeout: 15_000 });
      expect(await ben.page.getByRole('button', { name: 'Rejoin' }).count()).toBe(0);
      await ben.close();
    });
  });

  it('admit all, the call moves to Janus, and a removal there takes the tile away at everyone', async () => {
    const [cy, dee] = [await stack.user('Cy'), await stack.user('Dee')];
    await stack.diagnose('remove in SFU', async () => {
      await Promise.all([knock(cy), knock(dee)]);
      await ada.page.getByRole('button', { name: 'Admit all' }).click({ timeout: 30_000 });
      await Promise.all([cy.waitInCall(60_000), dee.waitInCall(60_000)]);
      // Three people with MESH_MAX_PARTICIPANTS=2: everyone on Janus, receiving the two others.
      for (const u of [ada, cy, dee]) {
        await waitFor(`${u.name}: two videos via Janus`, () => sfuStats(u.page), (pcs) => pcs.length > 0 && pcs.every(toJanus) && pcs.some((pc) => pc.inVideo.filter((v) => v.frames > 0).length === 2), { timeoutMs: 90_000, intervalMs: 500 });
      }
      const t0 = Date.now();
      await ada.page.getByRole('button', { name: 'Remove Dee' }).click();
      const [atAda, atCy] = await Promise.all([tilesAt(ada, 1, t0, "Dee's tile gone"), tilesAt(cy, 1, t0, "Dee's tile gone")]);
      report.sfuRemovalTileGoneMs = { ada: atAda, cy: atCy };
      await dee.page.getByText('You were removed from the meeting').waitFor({ timeout: 15_000 });
      await dee.close();
    });
    await stack.diagnose('lock, hand-over, end', async () => {
      // Lock: a newcomer is refused in the lobby.
      await ada.page.getByLabel('Lock meeting').check();
      const eve = await stack.user('Eve');
      await eve.openLobby(stack.app.url, meeting, 60_000);
      await eve.clickJoin();
      await eve.page.getByText('The host has locked this meeting: nobody new can join.').waitFor({ timeout: 30_000 });
      await eve.close();
      // Hand-over: the host leaves; Cy, present longest, becomes host and can end the meeting.
      await ada.button('Leave call').click();
      await panel(cy);
      await cy.page.getByRole('button', { name: 'End for everyone' }).waitFor({ timeout: 30_000 });
      cy.page.on('dialog', (d) => void d.accept());
      await cy.page.getByRole('button', { name: 'End for everyone' }).click();
      await cy.page.getByText('The meeting has ended').waitFor({ timeout: 15_000 });
      // The link is dead: its lobby says so as soon as a name is typed (the lobby asks for a session ahead of Join).
      const fay = await stack.user('Fay');
      await fay.page.goto(`${stack.app.url}/room/${meeting}`);
      await fay.page.getByLabel('Display name').fill('Fay', { timeout: 60_000 });
      await fay.page.getByText("This meeting doesn't exist or has ended.", { exact: false }).waitFor({ timeout: 30_000 });
      expect(await fay.page.locator('[data-testid="lobby-status"]').getAttribute('data-server')).toBe('refused');
    });
  });
});
