/** The remote participants of a room, in join order. */
import type { Participant } from '../../protocol';
import type { ParticipantView } from './api';
import { RemoteParticipant } from './participant';

export class Roster {
  private readonly byId = new Map<string, RemoteParticipant>();

  /** `onUpdate` receives every change of any member. */
  constructor(private readonly onUpdate: (view: ParticipantView) => void) {}

  /** Adds a member; returns null when it is already known. */
  add(p: Participant): RemoteParticipant | null {
    if (this.byId.has(p.id)) return null;
    const member = new RemoteParticipant(p);
    member.on('updated', this.onUpdate);
    this.byId.set(p.id, member);
    return member;
  }

  remove(id: string): boolean {
    const member = this.byId.get(id);
    if (!member) return false;
    member.dispose();
    this.byId.delete(id);
    return true;
  }

  get(id: string): RemoteParticipant | undefined {
    return this.byId.get(id);
  }

  /** Members in join order (Map keeps insertion order). */
  all(): RemoteParticipant[] {
    return [...this.byId.values()];
  }

  views(): ParticipantView[] {
    return this.all().map((m) => m.view);
  }

  ids(): string[] {
    return [...this.byId.keys()];
  }
}
