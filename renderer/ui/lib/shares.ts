/** Which screen shares the stage shows: remote participants' running shares, in join order. */
import type { ParticipantView } from '../../call/api';

/** A participant whose share is shown large. Our own share is not (it would mirror itself endlessly). */
export function sharesToShow(participants: readonly ParticipantView[]): ParticipantView[] {
  return participants.filter((p) => !p.isLocal && p.media.screen && p.share !== null);
}
