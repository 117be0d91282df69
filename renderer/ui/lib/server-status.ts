/** The lobby's view of the call server before Join: connected ahead, not reachable, or it refused this meeting (the lobby says why). */
export type ServerStatus = 'idle' | 'connecting' | 'ready' | 'unreachable' | 'refused';

/** What the lobby says for a status; null says nothing (no name typed yet). */
export function serverStatusText(status: ServerStatus): string | null {
  switch (status) {
    case 'connecting':
      return 'Connecting to the call server…';
    case 'ready':
      return 'Ready to join';
    case 'unreachable':
      return 'Can’t reach the call server yet. Join will try again.';
    default:
      return null;
  }
}
