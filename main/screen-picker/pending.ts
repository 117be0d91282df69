/**
 * Pending getDisplayMedia() requests, by id. Each request belongs to the web contents that made
 * it, answers exactly once (choice, cancel, timeout, supersede, window closed), and only accepts a
 * source id the main process itself listed for it — the renderer can't name an arbitrary source.
 */
import type { CloseReason } from '../../protocol/ipc/picker';

/** What the main process hands Electron's display-media callback; null means "deny". */
export interface PickerGrant {
  readonly video: { readonly id: string; readonly name: string };
  readonly audio?: 'loopback';
}

export interface PendingDeps {
  readonly timeoutMs: number;
  newId(): string;
  setTimer(fn: () => void, ms: number): unknown;
  clearTimer(timer: unknown): void;
  /** Told when a request ends without a grant, and why (the picker closes; the page learns the reason). */
  onEnded(requestId: string, ownerId: number, reason: CloseReason): void;
}

interface Pending {
  readonly ownerId: number;
  readonly audioOffered: boolean;
  readonly respond: (grant: PickerGrant | null) => void;
  readonly timer: unknown;
  /** Every source listed for this request, id → name. */
  readonly offered: Map<string, string>;
}

/** Result of a choice, for logs and the renderer's ack. */
export type ChooseResult = 'ok' | 'unknown-request' | 'unknown-source';

/** The table of pending requests. */
export class PendingPickerRequests {
  private readonly pending = new Map<string, Pending>();

  constructor(private readonly deps: PendingDeps) {}

  /** Starts a request; an older one from the same owner is denied (a page shows one picker). */
  open(ownerId: number, audioOffered: boolean, respond: (grant: PickerGrant | null) => void): string {
    for (const [id, p] of this.pending) if (p.ownerId === ownerId) this.finish(id, null, 'superseded', true);
    const id = this.deps.newId();
    const timer = this.deps.setTimer(() => this.finish(id, null, 'timeout', true), this.deps.timeoutMs);
    this.pending.set(id, { ownerId, audioOffered, respond, timer, offered: new Map() });
    return id;
  }

  /** True while `id` is pending for `ownerId`. */
  isOpen(id: string, ownerId: number): boolean {
    return this.pending.get(id)?.ownerId === ownerId;
  }

  /** Records the sources shown for a request; false when the request is not pending. */
  offer(id: string, ownerId: number, sources: ReadonlyArray<{ id: string; name: string }>): boolean {
    const p = this.pending.get(id);
    if (!p || p.ownerId !== ownerId) return false;
    for (const s of sources) p.offered.set(s.id, s.name);
    return true;
  }

  /** Grants a listed source. System audio only when it was offered for this request. */
  choose(id: string, ownerId: number, sourceId: string, audio: boolean): ChooseResult {
    const p = this.pending.get(id);
    if (!p || p.ownerId !== ownerId) return 'unknown-request';
    const name = p.offered.get(sourceId);
    if (name === undefined) return 'unknown-source';
    const grant: PickerGrant = audio && p.audioOffered ? { video: { id: sourceId, name }, audio: 'loopback' } : { video: { id: sourceId, name } };
    this.finish(id, grant, 'chosen', false);
    return 'ok';
  }

  /** The user closed the picker; false when nothing was pending. */
  cancel(id: string, ownerId: number): boolean {
    const p = this.pending.get(id);
    if (!p || p.ownerId !== ownerId) return false;
    this.finish(id, null, 'cancelled', true);
    return true;
  }

  /** Ends a pending request without a grant for `reason` (the owner is told); false when it was not pending. */
  end(id: string, ownerId: number, reason: Exclude<CloseReason, 'chosen'>): boolean {
    const p = this.pending.get(id);
    if (!p || p.ownerId !== ownerId) return false;
    this.finish(id, null, reason, true);
    return true;
  }

  /** The owner's window closed or navigated away: deny everything it had pending. */
  closeOwner(ownerId: number): void {
    for (const [id, p] of this.pending) if (p.ownerId === ownerId) this.finish(id, null, 'window-closed', true);
  }

  /** Number of pending requests (for tests and diagnostics). */
  get size(): number {
    return this.pending.size;
  }

  private finish(id: string, grant: PickerGrant | null, reason: CloseReason, notify: boolean): void {
    const p = this.pending.get(id);
    if (!p) return;
    this.pending.delete(id);
    this.deps.clearTimer(p.timer);
    // The owner hears why first: the page's getDisplayMedia() rejects the same way for a cancel
    // and a failure, so the renderer reads the reason from this event to tell them apart.
    if (notify) this.deps.onEnded(id, p.ownerId, reason);
    p.respond(grant);
  }
}
