import type { ChatMessage } from '../../../protocol/types';

/** Adds messages not seen yet (by id), keeping server-time order. Returns the same array when nothing is new. */
export function mergeChat(current: readonly ChatMessage[], incoming: readonly ChatMessage[]): ChatMessage[] {
  const seen = new Set(current.map((m) => m.id));
  const fresh = incoming.filter((m) => !seen.has(m.id) && (seen.add(m.id), true));
  if (fresh.length === 0) return current as ChatMessage[];
  return [...current, ...fresh].sort((a, b) => a.at - b.at);
}

/** Unread count after a message arrives: only others' messages count, and only while the panel is closed. */
export function countUnread(unread: number, message: ChatMessage, selfId: string | null, panelOpen: boolean): number {
  if (panelOpen || message.from === selfId) return unread;
  return unread + 1;
}

/** What the badge shows: nothing at 0, "99+" past 99. */
export function unreadLabel(unread: number): string | null {
  if (unread <= 0) return null;
  return unread > 99 ? '99+' : String(unread);
}
