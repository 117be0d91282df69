/**
 * A deadline on the SFU subscriber connection. Once an answer is sent, the connection must be up
 * within `connectMs`; when it fails or misses that, the subscription is made again from scratch
 * (a new connection and a new Janus subscriber), once. A second miss in a row gives up: the tiles
 * say 'failed' instead of spinning, and the switch finishes for everyone else meanwhile (the server
 * does not wait for one participant past its own switch timeout). Connected resets the count: a
 * later loss (a network that went away for long) is retried again.
 */
export interface SubscriberWatchOptions {
  connectMs: number;
  retry: () => void;
  giveUp: () => void;
}

export class SubscriberWatch {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private retried = false;
  private closed = false;

  constructor(private readonly opts: SubscriberWatchOptions) {}

  /** An answer went out with the connection in `state`: it must be up by the deadline. */
  answered(state: RTCPeerConnectionState): void {
    if (this.closed || state === 'connected' || this.timer !== undefined) return;
    this.timer = setTimeout(() => this.missed(), this.opts.connectMs);
  }

  stateChanged(state: RTCPeerConnectionState): void {
    if (state === 'connected') {
      this.clear();
      this.retried = false;
    } else if (state === 'failed') this.missed();
  }

  close(): void {
    this.closed = true;
    this.clear();
  }

  private missed(): void {
    this.clear();
    if (this.closed) return;
    if (this.retried) return this.opts.giveUp();
    this.retried = true;
    this.opts.retry();
  }

  private clear(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }
}
