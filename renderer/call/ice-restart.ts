/**
 * When to restart ICE on a connection that was up and lost its path (address change, link cut).
 * Pure timing: it is told ICE states and network changes and calls `restart`; the transport does
 * the restart itself (mesh: PeerLink, on the offering side only, as simple-peer lets only the
 * initiator offer; SFU: JanusTransport, on its publisher and its subscriber connection).
 */

export interface IceRestartOptions {
  /** Restarts ICE now (restartIce + a new offer). */
  restart: () => void;
  /**
   * Waits before each restart while ICE stays 'disconnected'; the last one repeats. The first
   * lets a brief blip recover by itself. Default: every 2 s. After a link cut nothing else tells
   * this side the path is back, so the interval bounds how long media stays away after the link
   * returns (backing off to 4 s measured about 6 s from a 10 s cut's end to media, 2 s about 3 s;
   * the target is 5 s). Not faster: a new offer needs a signaling round trip and a TURN allocation.
   */
  delaysMs?: readonly number[];
  /** Restarts per loss before leaving it to ICE 'failed' and the transport's re-create path (default 20: a 30 s cut stays within them). */
  maxRestarts?: number;
  /** Whether our last offer was answered (signaling 'stable'); see requested(). */
  answered?: () => boolean;
}

/** How long an offer may take to be answered before a restart request from the other side makes a new one. */
export const ANSWER_WAIT_MS = 600;

/** ICE states of a connection that lost its path and has not found a new one yet. */
const DOWN = new Set(['disconnected', 'checking', 'new']);

const DEFAULT_RESTART_DELAYS_MS = [2000] as const;

export class IceRestarter {
  private readonly delays: readonly number[];
  private ice = 'new';
  private connectedOnce = false;
  /** Restarts done since ICE was last connected. */
  private attempts = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  /** Media stopped arriving (stall-watch.ts): the path is gone though ICE has not said so yet. */
  private stalled = false;
  private lastFiredAt = -Infinity;
  private askTimer: ReturnType<typeof setTimeout> | null = null;
  private stopped = false;

  constructor(private readonly opts: IceRestartOptions) {
    this.delays = opts.delaysMs ?? DEFAULT_RESTART_DELAYS_MS;
  }

  /** Feeds RTCPeerConnection.iceConnectionState. */
  iceState(state: string): void {
    if (this.stopped) return;
    this.ice = state;
    if (state === 'connected' || state === 'completed') {
      this.connectedOnce = true;
      this.attempts = 0;
      this.cancel();
    } else if (state === 'disconnected') {
      this.schedule();
    } else if (state === 'failed' || state === 'closed') {
      // 'failed' ends the peer (simple-peer destroys it); the transport's re-create path takes over.
      this.stop();
    }
  }

  /**
   * Feeds the stall watch: media that was flowing stopped (true) or came back (false). A stall is
   * restarted at once: it already lasted longer than the wait that lets a blip heal, and ICE
   * itself would call it 'disconnected' only seconds later. Retries come with 'disconnected'.
   */
  mediaStalled(stalled: boolean): void {
    if (this.stopped || stalled === this.stalled) return;
    this.stalled = stalled;
    if (!stalled) {
      if (!DOWN.has(this.ice)) this.cancel();
      return;
    }
    if (!this.down) return;
    this.cancel();
    this.fire();
  }

  /** Whether the connection was up and has lost its path (a restart may be due). */
  get down(): boolean {
    return !this.stopped && this.connectedOnce && (this.stalled || DOWN.has(this.ice));
  }

  /**
   * Restarts at once if the connection is down: the network changed (online, a connection change,
   * signaling back) or the other side asked. A connection still 'connected' is left alone: its
   * path may well survive, and if it does not, ICE reports 'disconnected' within seconds.
   * Not debounced: after signaling comes back, the offers sent while it was away were lost, however
   * recent (watchNetwork merges the browser's events that come together).
   */
  restartNow(): void {
    if (!this.down) return;
    // A new network may be what the earlier restarts lacked: try it now, the backoff goes on after.
    this.cancel();
    this.fire();
  }

  /**
   * The other side lost the path too and asks for a restart. Soon after our own restart the offer
   * may be on its way, and a second one now would roll it back under its answer; but it may as
   * well have been lost, relayed to the other side's signaling connection while that was dead
   * (the request comes once it is back). So: restart once ANSWER_WAIT_MS has passed since our
   * offer, if that offer is still unanswered by then.
   */
  requested(): void {
    const since = Date.now() - this.lastFiredAt;
    if (since >= ANSWER_WAIT_MS) return this.restartNow();
    if (this.askTimer !== null) return;
    this.askTimer = setTimeout(() => {
      this.askTimer = null;
      if (!(this.opts.answered?.() ?? false)) this.restartNow();
    }, ANSWER_WAIT_MS - since);
  }

  stop(): void {
    this.stopped = true;
    this.cancel();
    if (this.askTimer !== null) clearTimeout(this.askTimer);
    this.askTimer = null;
  }

  private schedule(): void {
    if (!this.connectedOnce || this.timer !== null) return;
    // Out of retries: ICE 'failed' and the transport's re-create path are the fallback.
    if (this.attempts >= (this.opts.maxRestarts ?? 20)) return;
    const delay = this.delays[Math.min(this.attempts, this.delays.length - 1)];
    this.timer = setTimeout(() => {
      this.timer = null;
      // After a restart ICE says 'checking' (or 'new') until a path works: still down, so retry too.
      if (!this.down || !DOWN.has(this.ice)) return;
      this.fire();
    }, delay);
    // Under Node (unit tests) a pending restart alone must not keep the process alive.
    (this.timer as { unref?: () => void }).unref?.();
  }

  private fire(): void {
    this.attempts++;
    this.lastFiredAt = Date.now();
    this.opts.restart();
    // Still disconnected after the next delay: try again (ICE may never report another state).
    // A stall alone is restarted once: media may also stop because the far side stopped sending,
    // and if the path is really gone ICE says 'disconnected' within seconds, which retries.
    if (DOWN.has(this.ice)) this.schedule();
  }

  private cancel(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }
}

/** Events of one network change that arrive apart by less than this make one call. */
export const NETWORK_EVENTS_MERGE_MS = 1000;

/**
 * Calls `onChange` when the browser reports a network change ('online', a connection change);
 * both often come for one change, so events within NETWORK_EVENTS_MERGE_MS of a call make no
 * second one. Returns the unsubscribe. No-op outside a browser.
 */
export function watchNetwork(onChange: () => void, now: () => number = Date.now): () => void {
  const win = globalThis as unknown as Partial<Pick<Window, 'addEventListener' | 'removeEventListener'>> & {
    navigator?: { connection?: EventTarget };
  };
  const conn = win.navigator?.connection;
  let lastAt = -Infinity;
  const changed = () => {
    if (now() - lastAt < NETWORK_EVENTS_MERGE_MS) return;
    lastAt = now();
    onChange();
  };
  win.addEventListener?.('online', changed);
  conn?.addEventListener?.('change', changed);
  return () => {
    win.removeEventListener?.('online', changed);
    conn?.removeEventListener?.('change', changed);
  };
}
