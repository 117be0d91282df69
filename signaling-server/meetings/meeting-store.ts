/**
 * Meetings as the store keeps them: settings, who may enter without knocking, who may never come
 * back, and who waits. The single-node store is here; redis-meeting-store.ts shares them between nodes.
 * Every record lives for the meeting's TTL, counted again from each `touch` (a join, a leave).
 */
import type { WaitingEntry } from '../../protocol';

export interface Meeting {
  id: string;
  /** SHA-256 of the host key, hex. */
  hostKeyHash: string;
  /** scrypt of the passcode with its salt ('salt:hash', hex), when there is one. */
  passcodeHash?: string;
  waitingRoom: boolean;
  locked: boolean;
  createdAt: number;
}

export type MeetingPatch = Partial<Pick<Meeting, 'waitingRoom' | 'locked'>>;

export interface MeetingStore {
  /** False when the id is taken. */
  create(meeting: Meeting): Promise<boolean>;
  get(id: string): Promise<Meeting | undefined>;
  update(id: string, patch: MeetingPatch): Promise<Meeting | undefined>;
  /** Forgets the meeting and everything of it (ended by a host). */
  delete(id: string): Promise<void>;
  /** The meeting lives for its TTL from now. */
  touch(id: string): Promise<void>;
  knock(id: string, entry: WaitingEntry): Promise<void>;
  /** Takes someone out of the waiting list; false when they were not on it. */
  unknock(id: string, userId: string): Promise<boolean>;
  waiting(id: string): Promise<WaitingEntry[]>;
  admit(id: string, userIds: string[]): Promise<void>;
  isAdmitted(id: string, userId: string): Promise<boolean>;
  /** Denied or removed sessions: they never get in again. */
  ban(id: string, userIds: string[]): Promise<void>;
  isBanned(id: string, userId: string): Promise<boolean>;
  /** Resolves once the store can serve (a remote store's connection is up); false after `timeoutMs`. */
  ready?(timeoutMs: number): Promise<boolean>;
  close(): Promise<void>;
}

interface Held {
  meeting: Meeting;
  until: number;
  waiting: Map<string, WaitingEntry>;
  admitted: Set<string>;
  banned: Set<string>;
}

/** One node's meetings, in memory; expired ones are dropped when next looked at and by a sweep on create. */
export class MemoryMeetingStore implements MeetingStore {
  private readonly held = new Map<string, Held>();

  constructor(
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  private live(id: string): Held | undefined {
    const h = this.held.get(id);
    if (h && h.until <= this.now()) {
      this.held.delete(id);
      return undefined;
    }
    return h;
  }

  async create(meeting: Meeting): Promise<boolean> {
    for (const id of this.held.keys()) this.live(id);
    if (this.live(meeting.id)) return false;
    this.held.set(meeting.id, { meeting: { ...meeting }, until: this.now() + this.ttlMs, waiting: new Map(), admitted: new Set(), banned: new Set() });
    return true;
  }

  async get(id: string): Promise<Meeting | undefined> {
    const h = this.live(id);
    return h && { ...h.meeting };
  }

  async update(id: string, patch: MeetingPatch): Promise<Meeting | undefined> {
    const h = this.live(id);
    if (!h) return undefined;
    h.meeting = { ...h.meeting, ...Object.fromEntries(Object.entries(patch).filter(([, v]) => typeof v === 'boolean')) };
    return { ...h.meeting };
  }

  async delete(id: string): Promise<void> {
    this.held.delete(id);
  }

  async touch(id: string): Promise<void> {
    const h = this.live(id);
    if (h) h.until = this.now() + this.ttlMs;
  }

  async knock(id: string, entry: WaitingEntry): Promise<void> {
    this.live(id)?.waiting.set(entry.id, { ...entry });
  }

  async unknock(id: string, userId: string): Promise<boolean> {
    return this.live(id)?.waiting.delete(userId) ?? false;
  }

  async waiting(id: string): Promise<WaitingEntry[]> {
    return [...(this.live(id)?.waiting.values() ?? [])].map((e) => ({ ...e })).sort((a, b) => a.at - b.at);
  }

  async admit(id: string, userIds: string[]): Promise<void> {
    const h = this.live(id);
    for (const u of userIds) h?.admitted.add(u);
  }

  async isAdmitted(id: string, userId: string): Promise<boolean> {
    return this.live(id)?.admitted.has(userId) ?? false;
  }

  async ban(id: string, userIds: string[]): Promise<void> {
    const h = this.live(id);
    for (const u of userIds) {
      h?.banned.add(u);
      h?.admitted.delete(u);
    }
  }

  async isBanned(id: string, userId: string): Promise<boolean> {
    return this.live(id)?.banned.has(userId) ?? false;
  }

  async close(): Promise<void> {}
}
