import { ErrorCode, Limits } from '../../protocol';
import type { ProtocolError, Topology } from '../../protocol';
import type { RoomStore } from '../store/room-store';

/**
 * What the rooms feature asks the room's topology where participant counts change (join, leave,
 * resume expiry). The SFU service implements it; a server without a media server uses
 * `meshOnlyRoomHooks`.
 */
export interface RoomHooks {
  /** Before a join: a refusal (SFU_UNAVAILABLE) or undefined. */
  admit(room: string): Promise<ProtocolError | undefined>;
  /** The room's topology as announced (join answers carry it). */
  mode(room: string): Topology;
  /** Whether the room keeps a warm SFU path (join answers carry it). */
  prewarm(room: string): boolean;
  /** The roster changed (a join, or `left` went away); resolves once any topology change is announced. */
  countChanged(room: string, left?: string): Promise<void>;
  /** `id` entered the room (after countChanged): media it will need may be made ready. Never throws. */
  entered(room: string, id: string): void;
  /** A participant resumed on this node (after its answer went out): media held elsewhere may need to move here. */
  resumed(room: string, id: string): Promise<void>;
}

/** Hooks of a server without a media server: every room stays mesh, so a join past `meshMax` is refused. */
export function meshOnlyRoomHooks(store: Pick<RoomStore, 'listParticipants'>, meshMax: number = Limits.meshMax): RoomHooks {
  return {
    admit: async (room) => {
      const countAfterJoin = (await store.listParticipants(room)).length + 1;
      if (countAfterJoin <= meshMax) return undefined;
      return { code: ErrorCode.SfuUnavailable, message: `rooms above ${meshMax} participants need the media server, which this server does not have` };
    },
    mode: () => 'mesh',
    prewarm: () => false,
    countChanged: async () => undefined,
    entered: () => undefined,
    resumed: async () => undefined,
  };
}
