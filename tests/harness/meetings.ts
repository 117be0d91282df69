/**
 * Meetings for tests and benches that talk to the server without a browser: made as the start
 * page makes them (POST /api/meetings), with the waiting room off unless asked, so a room label
 * of a test (uniqueRoom) becomes a meeting id on first use.
 */
import type { CreateMeetingResponse, SessionResponse } from '../../protocol';

const json = { 'content-type': 'application/json' };

export async function newMeeting(baseUrl: string, opts: { waitingRoom?: boolean; headers?: Record<string, string> } = {}): Promise<CreateMeetingResponse> {
  const res = await fetch(`${baseUrl}/api/meetings`, { method: 'POST', headers: { ...json, ...opts.headers }, body: JSON.stringify({ waitingRoom: opts.waitingRoom ?? false }) });
  if (!res.ok) throw new Error(`POST /api/meetings: ${res.status} ${await res.text()}`);
  return (await res.json()) as CreateMeetingResponse;
}

/** A session token for the meeting `room`. */
export async function sessionToken(baseUrl: string, room: string, name: string, headers: Record<string, string> = {}): Promise<string> {
  const res = await fetch(`${baseUrl}/api/session`, { method: 'POST', headers: { ...json, ...headers }, body: JSON.stringify({ room, name }) });
  if (!res.ok) throw new Error(`POST /api/session: ${res.status} ${await res.text()}`);
  return ((await res.json()) as SessionResponse).token;
}

/** Meeting ids by room label, each made once by `make` of its first use (concurrent first uses share it). */
export class MeetingLabels {
  private readonly ids = new Map<string, Promise<string>>();

  id(label: string, make: () => Promise<string>): Promise<string> {
    let id = this.ids.get(label);
    if (!id) {
      id = make();
      this.ids.set(label, id);
      id.catch(() => this.ids.delete(label));
    }
    return id;
  }

  /** The id of a label already in use. */
  known(label: string): Promise<string> {
    const id = this.ids.get(label);
    if (!id) throw new Error(`nobody has opened the room ${label} yet`);
    return id;
  }
}
