import { Limits } from '../../protocol';
import type { ChatMessage, MediaPatch, MediaState, Participant, Role } from '../../protocol';
import type { AddOptions, AddResult, Expired, RoomStore } from './room-store';

interface RoomState {
  participants: Map<string, Participant>;
  chat: ChatMessage[];
}

/** Which connection holds a participant, and until when a lost one is kept. */
interface Holder {
  conn: string;
  deadline?: number;
}

const key = (room: string, id: string) => `${room}\n${id}`;

const copy = (p: Participant): Participant => ({ ...p, media: { ...p.media } });

/** The single-node store. Each method runs without awaiting, so every call is atomic. */
export class MemoryRoomStore implements RoomStore {
  private readonly rooms = new Map<string, RoomState>();
  private readonly holders = new Map<string, Holder>();
  /** Claimed single-use keys and when each is forgotten (ms). */
  private readonly claimed = new Map<string, number>();
  private readonly values = new Map<string, { value: string; until: number }>();

  async addParticipant(room: string, participant: Participant, max: number, opts: AddOptions = {}): Promise<AddResult> {
    const existing = this.rooms.get(room);
    if (!existing && opts.maxRooms !== undefined && this.rooms.size >= opts.maxRooms) return 'too-many-rooms';
    const state = existing ?? { participants: new Map(), chat: [] };
    if (state.participants.size >= max) return 'full';
    state.participants.set(participant.id, copy(participant));
    this.holders.set(key(room, participant.id), { conn: opts.conn ?? '' });
    this.rooms.set(room, state);
    return 'added';
  }

  async markDisconnected(room: string, id: string, conn: string, deadline: number): Promise<boolean> {
    const holder = this.holders.get(key(room, id));
    if (!holder || holder.conn !== conn) return false;
    holder.deadline = deadline;
    return true;
  }

  async resume(room: string, id: string, conn: string): Promise<Participant | undefined> {
    const holder = this.holders.get(key(room, id));
    const participant = this.rooms.get(room)?.participants.get(id);
    if (!holder || !participant) return undefined;
    this.holders.set(key(room, id), { conn });
    return copy(participant);
  }

  async expire(now: number): Promise<Expired[]> {
    const out: Expired[] = [];
    for (const [k, holder] of this.holders) {
      if (holder.deadline === undefined || holder.deadline > now) continue;
      const [room, id] = k.split('\n') as [string, string];
      const participant = await this.removeParticipant(room, id);
      if (participant) out.push({ room, participant });
    }
    return out;
  }

  async claimOnce(key: string, ttlMs: number): Promise<boolean> {
    const now = Date.now();
    // Expired claims go first (insertion order is close to expiry order), so the map stays bounded.
    for (const [k, until] of this.claimed) if (until <= now) this.claimed.delete(k);
    if (this.claimed.has(key)) return false;
    this.claimed.set(key, now + Math.max(1, ttlMs));
    return true;
  }

  async claimValue(key: string, value: string, ttlMs: number): Promise<string> {
    const held = this.values.get(key);
    if (held && held.until > Date.now()) return held.value;
    this.values.set(key, { value, until: Date.now() + Math.max(1, ttlMs) });
    return value;
  }

  async putValue(key: string, value: string, ttlMs: number): Promise<void> {
    this.values.set(key, { value, until: Date.now() + Math.max(1, ttlMs) });
  }

  async getValue(key: string): Promise<string | undefined> {
    const held = this.values.get(key);
    return held && held.until > Date.now() ? held.value : undefined;
  }

  async renewValue(key: string, value: string, ttlMs: number): Promise<boolean> {
    const held = this.values.get(key);
    if (!held || held.value !== value || held.until <= Date.now()) return false;
    held.until = Date.now() + Math.max(1, ttlMs);
    return true;
  }

  async dropValue(key: string, value: string): Promise<void> {
    if (this.values.get(key)?.value === value) this.values.delete(key);
  }

  async close(): Promise<void> {}

  async removeParticipant(room: string, id: string, conn?: string): Promise<Participant | undefined> {
    const state = this.rooms.get(room);
    const participant = state?.participants.get(id);
    if (!state || !participant) return undefined;
    if (conn !== undefined && this.holders.get(key(room, id))?.conn !== conn) return undefined;
    state.participants.delete(id);
    this.holders.delete(key(room, id));
    if (state.participants.size === 0) this.rooms.delete(room);
    return participant;
  }

  async getParticipant(room: string, id: string): Promise<Participant | undefined> {
    const participant = this.rooms.get(room)?.participants.get(id);
    return participant && copy(participant);
  }

  async listParticipants(room: string): Promise<Participant[]> {
    return [...(this.rooms.get(room)?.participants.values() ?? [])].map(copy);
  }

  async updateMedia(room: string, id: string, patch: MediaPatch): Promise<MediaState | undefined> {
    const participant = this.rooms.get(room)?.participants.get(id);
    if (!participant) return undefined;
    // Only defined keys: an in-process caller could pass `{ mic: undefined }`, which must not erase a field.
    const defined = Object.entries(patch).filter(([, value]) => typeof value === 'boolean');
    participant.media = { ...participant.media, ...Object.fromEntries(defined) };
    return { ...participant.media };
  }

  async updateRole(room: string, id: string, role: Role): Promise<boolean> {
    const participant = this.rooms.get(room)?.participants.get(id);
    if (participant) participant.role = role;
    return !!participant;
  }

  async appendChat(room: string, message: ChatMessage): Promise<boolean> {
    const state = this.rooms.get(room);
    if (!state) return false;
    state.chat.push({ ...message });
    if (state.chat.length > Limits.chatHistory) state.chat.splice(0, state.chat.length - Limits.chatHistory);
    return true;
  }

  async getChat(room: string): Promise<ChatMessage[]> {
    return (this.rooms.get(room)?.chat ?? []).map((m) => ({ ...m }));
  }

  async listRooms(): Promise<string[]> {
    return [...this.rooms.keys()];
  }

  async countRooms(): Promise<number> {
    return this.rooms.size;
  }

  async countParticipants(): Promise<number> {
    let total = 0;
    for (const state of this.rooms.values()) total += state.participants.size;
    return total;
  }

  async deleteRoomIfEmpty(room: string): Promise<boolean> {
    const state = this.rooms.get(room);
    if (!state || state.participants.size > 0) return false;
    this.rooms.delete(room);
    return true;
  }
}
