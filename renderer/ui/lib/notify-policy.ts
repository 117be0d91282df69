/**
 * When the call raises a system notification: only while the window is in the background, at
 * most one per kind per `spacingMs`, a burst gathered into one ("3 people joined"). Pure: the
 * clock, timers and the focus check are injected; notifications.ts shows what this decides.
 */
import type { ChatMessage } from '../../../protocol/types';

export type NoticeKind = 'knock' | 'join' | 'chat' | 'mention';

/** One thing that happened. */
export interface NoticeEvent {
  readonly kind: NoticeKind;
  /** Who knocked, joined or wrote. */
  readonly name: string;
  /** The chat message's text. */
  readonly text?: string;
}

/** What to show: the first event's name and the latest text, and how many events it stands for. */
export interface Notice extends NoticeEvent {
  readonly count: number;
}

/** The parts of `document` that say whether the user is looking at the page. */
export interface FocusSource {
  hasFocus(): boolean;
  readonly hidden: boolean;
}

/** True while the user is elsewhere: another window has the focus, or the page is hidden or minimised. */
export function inBackground(doc: FocusSource): boolean {
  return doc.hidden || !doc.hasFocus();
}

const WORD = '[\\p{L}\\p{N}_]';
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * True when `text` names `displayName` (or its first word, as people address each other) as a
 * whole word, in any case: "ada", "@Ada," and "Ada Lovelace" mention "Ada Lovelace"; "Adam" does not.
 */
export function mentions(text: string, displayName: string): boolean {
  const name = displayName.trim();
  if (name === '') return false;
  const first = name.split(/\s+/)[0];
  const names = first === name ? [name] : [name, first];
  const pattern = new RegExp(`(?<!${WORD})(?:${names.map(escape).join('|')})(?!${WORD})`, 'iu');
  return pattern.test(text);
}

/** The notice a chat message deserves: none for our own, 'mention' when it names us, else 'chat'. */
export function chatNotice(message: ChatMessage, selfId: string | null, displayName: string): NoticeEvent | null {
  if (message.from === selfId) return null;
  return { kind: mentions(message.text, displayName) ? 'mention' : 'chat', name: message.name, text: message.text };
}

export interface NoticeThrottleDeps {
  now(): number;
  setTimer(fn: () => void, ms: number): unknown;
  clearTimer(timer: unknown): void;
  /** Read when an event arrives and again when its notice is due: a user back at the window needs none. */
  inBackground(): boolean;
  show(notice: Notice): void;
  /** Wait after a first event, so a burst becomes one notice (default 1 s). */
  readonly gatherMs?: number;
  /** Least time between two notices of one kind (default 5 s). */
  readonly spacingMs?: number;
}

interface Pending {
  notice: Notice;
  timer: unknown;
}

/** Gathers events per kind and shows at most one notice per kind per `spacingMs`. */
export class NoticeThrottle {
  readonly #deps: NoticeThrottleDeps;
  readonly #pending = new Map<NoticeKind, Pending>();
  readonly #lastShown = new Map<NoticeKind, number>();

  constructor(deps: NoticeThrottleDeps) {
    this.#deps = deps;
  }

  push(event: NoticeEvent): void {
    if (!this.#deps.inBackground()) return;
    const pending = this.#pending.get(event.kind);
    if (pending) {
      const n = pending.notice;
      pending.notice = { ...n, count: n.count + 1, ...(event.text !== undefined ? { text: event.text } : {}) };
      return;
    }
    const now = this.#deps.now();
    const last = this.#lastShown.get(event.kind);
    const due = Math.max(now + (this.#deps.gatherMs ?? 1000), last === undefined ? 0 : last + (this.#deps.spacingMs ?? 5000));
    const timer = this.#deps.setTimer(() => this.#flush(event.kind), due - now);
    this.#pending.set(event.kind, { notice: { ...event, count: 1 }, timer });
  }

  /** Drops what is gathered (the call ended). */
  dispose(): void {
    for (const p of this.#pending.values()) this.#deps.clearTimer(p.timer);
    this.#pending.clear();
  }

  #flush(kind: NoticeKind): void {
    const pending = this.#pending.get(kind);
    this.#pending.delete(kind);
    if (!pending || !this.#deps.inBackground()) return;
    this.#lastShown.set(kind, this.#deps.now());
    this.#deps.show(pending.notice);
  }
}
