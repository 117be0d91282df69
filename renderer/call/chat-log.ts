/** The chat of a room: history from the join answer plus new messages, without duplicates. */
import type { ChatMessage } from '../../protocol';

/** Messages kept in memory (the server keeps its own history for late joiners). */
const MAX_CHAT = 500;

export class ChatLog {
  private messages: ChatMessage[] = [];

  /** Replaces the log with the history of a (re)join. */
  reset(history: ChatMessage[]): void {
    this.messages = history.slice(-MAX_CHAT);
  }

  /** Adds a message; false when it is already there (our own comes back as ack and as broadcast). */
  add(m: ChatMessage): boolean {
    if (this.messages.some((x) => x.id === m.id)) return false;
    this.messages = [...this.messages, m].slice(-MAX_CHAT);
    return true;
  }

  all(): ChatMessage[] {
    return [...this.messages];
  }
}
