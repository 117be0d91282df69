import { Limits } from '../../protocol';
import type { ChatMessage, Participant } from '../../protocol';
import { MemoryRoomStore } from './memory-store';

const person = (id: string): Participant => ({ id, name: id, joinedAt: 1, media: { mic: true, camera: false, screen: false, hand: false } });
const message = (n: number): ChatMessage => ({ id: `m${n}`, from: 'a', name: 'A', text: `hi ${n}`, at: n });

describe('MemoryRoomStore', () => {
  let store: MemoryRoomStore;
  beforeEach(() => {
    store = new MemoryRoomStore();
  });

  it('adds, lists and removes participants, deleting the room with its last one', async () => {
    await store.addParticipant('r', person('a'), 5);
    await store.addParticipant('r', person('b'), 5);
    expect((await store.listParticipants('r')).map((p) => p.id)).toEqual(['a', 'b']);
    expect(await store.countParticipants()).toBe(2);
    expect((await store.removeParticipant('r', 'a'))?.id).toBe('a');
    expect(await store.listRooms()).toEqual(['r']);
    await store.removeParticipant('r', 'b');
    expect(await store.listRooms()).toEqual([]);
    expect(await store.countRooms()).toBe(0);
  });

  it('holds a shared value: the first claim wins until dropped by its value or expired', async () => {
    expect(await store.claimValue('k', 'a', 1000)).toBe('a');
    expect(await store.claimValue('k', 'b', 1000)).toBe('a');
    await store.dropValue('k', 'b');
    expect(await store.getValue('k')).toBe('a');
    await store.dropValue('k', 'a');
    expect(await store.getValue('k')).toBeUndefined();
    expect(await store.claimValue('k', 'c', 20)).toBe('c');
    await new Promise((r) => setTimeout(r, 40));
    expect(await store.getValue('k')).toBeUndefined();
    expect(await store.claimValue('k', 'd', 1000)).toBe('d');
    await store.putValue('k', 'e', 1000);
    expect(await store.getValue('k')).toBe('e');
  });

  it('renews a shared value only for its holder, and not once it expired', async () => {
    expect(await store.claimValue('k', 'a', 30)).toBe('a');
    expect(await store.renewValue('k', 'b', 1000)).toBe(false);
    expect(await store.renewValue('k', 'a', 1000)).toBe(true);
    await new Promise((r) => setTimeout(r, 60));
    expect(await store.getValue('k')).toBe('a');
    expect(await store.claimValue('k', 'c', 20)).toBe('a');
    await store.dropValue('k', 'a');
    expect(await store.claimValue('k', 'c', 20)).toBe('c');
    await new Promise((r) => setTimeout(r, 40));
    expect(await store.renewValue('k', 'c', 1000)).toBe(false);
    expect(await store.getValue('k')).toBeUndefined();
  });

  it('refuses a participant above the cap', async () => {
    expect(await store.addParticipant('r', person('a'), 1)).toBe('added');
    expect(await store.addParticipant('r', person('b'), 1)).toBe('full');
    expect(await store.countParticipants()).toBe(1);
  });

  it('patches media and returns copies that do not alias the stored state', async () => {
    await store.addParticipant('r', person('a'), 5);
    expect(await store.updateMedia('r', 'a', { camera: true })).toEqual({ mic: true, camera: true, screen: false, hand: false });
    const copy = await store.getParticipant('r', 'a');
    copy!.media.mic = false;
    expect((await store.getParticipant('r', 'a'))?.media.mic).toBe(true);
    expect(await store.updateMedia('r', 'zz', { mic: false })).toBeUndefined();
  });

  it('keeps the newest chat messages up to the cap, and drops chat with the room', async () => {
    await store.addParticipant('r', person('a'), 5);
    for (let n = 0; n < Limits.chatHistory + 5; n++) await store.appendChat('r', message(n));
    const chat = await store.getChat('r');
    expect(chat).toHaveLength(Limits.chatHistory);
    expect(chat[0]?.id).toBe('m5');
    await store.removeParticipant('r', 'a');
    expect(await store.getChat('r')).toEqual([]);
    expect(await store.appendChat('r', message(1))).toBe(false);
    expect(await store.listRooms()).toEqual([]);
  });

  it('deletes a room only when it is empty', async () => {
    await store.addParticipant('r', person('a'), 5);
    expect(await store.deleteRoomIfEmpty('r')).toBe(false);
    expect(await store.deleteRoomIfEmpty('nope')).toBe(false);
  });

  it('claims a single-use key once until its time is up', async () => {
    const store = new MemoryRoomStore();
    expect(await store.claimOnce('k', 50)).toBe(true);
    expect(await store.claimOnce('k', 50)).toBe(false);
    expect(await store.claimOnce('other', 50)).toBe(true);
    await new Promise((r) => setTimeout(r, 80));
    expect(await store.claimOnce('k', 50)).toBe(true);
  });
});
