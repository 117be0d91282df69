/**
 * Mesh calls of 2, 3 and 4 people in Debian Chromium with fake camera and microphone: every
 * participant decodes advancing video and receives rising audio energy from every other one.
 * One room; each test adds one participant.
 */
import { waitForMediaFromAll } from '../harness/probes';
import type { FlowSample } from '../harness/probes';
import { uniqueRoom } from '../harness/ui';
import type { CallUser } from '../harness/ui';
import { useStack } from './stack';

jest.setTimeout(90_000);

const stack = useStack();
const room = uniqueRoom('media');
const names = ['Ada', 'Ben', 'Cy', 'Dee'];
const inCall: CallUser[] = [];

async function addParticipant(): Promise<void> {
  const name = names[inCall.length];
  const u = await stack.user(name);
  await stack.diagnose(`${name} joins`, () => u.enter(stack.app.url, room));
  inCall.push(u);
}

async function expectEveryoneReceivesEveryone(): Promise<void> {
  const n = inCall.length;
  const samples: FlowSample[] = await stack.diagnose(`${n}-person call media`, () =>
    Promise.all(inCall.map((u) => waitForMediaFromAll(u.page, n - 1, 40_000))),
  );
  samples.forEach((s, i) => {
    const me = inCall[i].name;
    const others = names.slice(0, n).filter((x) => x !== me).sort();
    // Tiles carry the others' names: each one is a distinct, advancing remote participant.
    expect({ me, tiles: s.tiles.map((t) => t.label).sort() }).toEqual({ me, tiles: others });
    expect({ me, advancing: new Set(s.advancingTiles).size }).toEqual({ me, advancing: n - 1 });
    expect({ me, risingAudio: s.risingAudioPcs.length }).toEqual({ me, risingAudio: n - 1 });
    // Connected tiles show no connection status.
    expect({ me, statuses: s.tiles.map((t) => t.status).filter((x) => x !== null) }).toEqual({ me, statuses: [] });
    // Media flows over the namespace's veth addresses, not loopback.
    for (const pc of s.pcs.filter((p) => s.risingAudioPcs.includes(p.index))) expect(pc.local).toMatch(/ 10\.77\.0\.[12]:/);
  });
}

describe('mesh call media', () => {
  it('2 participants receive video and audio from each other', async () => {
    await addParticipant();
    await addParticipant();
    await expectEveryoneReceivesEveryone();
  });

  it('3 participants receive video and audio from every other', async () => {
    await addParticipant();
    await expectEveryoneReceivesEveryone();
  });

  it('4 participants receive video and audio from every other', async () => {
    await addParticipant();
    await expectEveryoneReceivesEveryone();
  });
});
