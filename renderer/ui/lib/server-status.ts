import { text } from '../../i18n/text';

/** The lobby's view of the call server before Join: connected ahead, not reachable, or it refused this meeting (the lobby says why). */
export type ServerStatus = 'idle' | 'connecting' | 'ready' | 'unreachable' | 'refused';

/** What the lobby says for a status; null says nothing (no name typed yet). */
export function serverStatusText(status: ServerStatus): string | null {
  switch (status) {
    case 'connecting':
      return text('lobby.serverConnecting');
    case 'ready':
      return text('lobby.serverReady');
    case 'unreachable':
      return text('lobby.serverUnreachable');
    default:
      return null;
  }
}
