import type { Participant } from '../../protocol';
import { disabledSfu } from '../janus/sfu';
import { MemoryRoomStore } from '../store/memory-store';
import { MEDIA, emitRaw, startHarness } from '../testing/harness';
import type { Harness } from '../testing/harness';
import { meshOnlyRoomHooks } from './room-hooks';

const person = (id: string): Participant => ({ id, name: id, joinedAt: 1, media: MEDIA });

describe('meshOnlyRoomHooks', () => {
  it('admits up to meshMax participants and refuses the next with SFU_UNAVAILABLE', async () => {
    const store = new MemoryRoomStore();
    const hooks = meshOnlyRoomHooks(store, 2);
    expect(await hooks.admit('r')).toBeUndefined();
    await store.addParticipant('r', person('a'), 10);
    expect(await hooks.admit('r')).toBeUndefined();
    await store.addParticipant('r', person('b'), 10);
    expect(await hooks.admit('r')).toEqual({ code: 'SFU_UNAVAILABLE', message: expect.stringContaining('above 2 participants') });
    // Other rooms are counted on their own.
    expect(await hooks.admit('other')).toBeUndefined();
    expect(hooks.mode('r')).toBe('mesh');
    await expect(hooks.countChanged('r', 'a')).resolves.toBeUndefined();
  });
});

describe('a server without a media server', () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  // Both ways of having none: no handle at all, and the handle main.ts builds when Janus is off.
  for (const [label, deps] of [
    ['no SFU handle', {}],
    ['a disabled SFU handle', { sfu: disabledSfu() }],
  ] as const) {
    it(`keeps rooms on mesh, refuses the fifth join and answers every sfu:* request (${label})`, async () => {
      h = await startHarness({}, deps);
      const first = await h.joined('mesh-only', 'P0');
      for (let i = 1; i < 4; i++) await h.joined('mesh-only', `P${i}`);
      const fifth = await h.connect(await h.token('mesh-only', 'P4'));
      const ack = await fifth.timeout(2000).emitWithAck('room:join', { media: MEDIA });
      expect(ack.ok ? 'joined' : ack.error.code).toBe('SFU_UNAVAILABLE');

      const refused = { ok: false, error: { code: 'SFU_UNAVAILABLE' } };
      expect(await emitRaw(first.client, 'sfu:publish', { jsep: { type: 'offer', sdp: 'v=0' } })).toMatchObject(refused);
      expect(await emitRaw(first.client, 'sfu:answer', { seq: 1, jsep: { type: 'answer', sdp: 'v=0' } })).toMatchObject(refused);
      expect(await emitRaw(first.client, 'sfu:switched', { mode: 'sfu' })).toMatchObject(refused);
      // What every client sends as it joins, and on leaving: nothing to do, and no error.
      expect(await emitRaw(first.client, 'sfu:switched', { mode: 'mesh' })).toEqual({ ok: true, data: null });
      expect(await emitRaw(first.client, 'sfu:leave', {})).toEqual({ ok: true, data: null });
      // A bad payload is still a bad payload.
      expect(await emitRaw(first.client, 'sfu:switched', { mode: 'p2p' })).toMatchObject({ ok: false, error: { code: 'INVALID_PAYLOAD' } });
    });
  }
});
