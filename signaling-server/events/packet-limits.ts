import { ErrorCode, fail } from '../../protocol';
import { IpLimiter, LruMap, addressKey } from '../cluster/ip-limiter';
import { TokenBucket } from './rate-limit';
import type { ConferIo, ConferSocket } from './types';

/** One engine.io connection: the transport under every namespace socket opened over it. */
type EngineConn = ConferSocket['conn'];

interface ConnBudget {
  /** Packets within the limit. */
  bucket: TokenBucket;
  /** Packets refused: when this runs dry too, the client is far over and its transport is closed. */
  overflow: TokenBucket;
  /** Whether the latest packet on this connection was within the limits (read by the event middleware). */
  allowed: boolean;
}

/** What `PacketLimits` needs from the configuration. */
export interface PacketLimitSettings {
  rateLimit: { perSec: number; burst: number };
  addressRateLimit: { perSec: number; burst: number };
  maxSocketsPerAddress: number;
}

/**
 * Rate limits on every Socket.IO packet a client sends, counted per engine.io connection (so a
 * namespace re-CONNECT does not start a fresh budget) and per client address (so opening more
 * connections does not either). Events of any name, with or without an ack, and CONNECTs all take
 * a token. An event over the limit is refused (`RATE_LIMITED` when it has an ack); a connection
 * that sends another full burst while refused is closed at the transport. Per node.
 */
export class PacketLimits {
  private readonly conns = new WeakMap<EngineConn, ConnBudget>();
  private readonly perAddress: IpLimiter;
  private readonly openByAddress = new LruMap<{ open: number }>();

  constructor(
    private readonly settings: PacketLimitSettings,
    private readonly now: () => number,
    private readonly onRefused: (code: string) => void = () => undefined,
  ) {
    this.perAddress = new IpLimiter(settings.addressRateLimit.perSec, settings.addressRateLimit.burst, now);
  }

  /** Whether `address` may open one more connection (for `allowRequest`). */
  mayOpen(address: string | undefined): boolean {
    const entry = this.openByAddress.getOrCreate(addressKey(address), () => ({ open: 0 }));
    return entry.open < this.settings.maxSocketsPerAddress;
  }

  /** Counts every packet of every engine.io connection of `io`, and the open connections per address. */
  attach(io: ConferIo): void {
    io.engine.on('connection', (conn: EngineConn) => {
      const { perSec, burst } = this.settings.rateLimit;
      const budget: ConnBudget = { bucket: new TokenBucket(perSec, burst, this.now), overflow: new TokenBucket(perSec, burst, this.now), allowed: true };
      this.conns.set(conn, budget);
      const entry = this.openByAddress.getOrCreate(addressKey(conn.remoteAddress), () => ({ open: 0 }));
      entry.open += 1;
      conn.once('close', () => {
        entry.open -= 1;
      });
      conn.on('packet', (packet: { type: string }) => {
        // Only Socket.IO payloads: pings and pongs are the server's own heartbeat.
        if (packet.type !== 'message') return;
        // Both buckets take, so a client cannot spare its connection's budget by spreading over connections.
        const withinAddress = this.perAddress.take(conn.remoteAddress);
        budget.allowed = budget.bucket.take() && withinAddress;
        if (budget.allowed) return;
        this.onRefused(ErrorCode.RateLimited);
        if (!budget.overflow.take()) {
          // Closing the transport, not the namespace socket: the client must reconnect (and pay
          // the connection rate limit) to send again. Packets still queued are dropped.
          conn.close(true);
        }
      });
    });
  }

  /**
   * Socket.IO middleware for one namespace socket: an event whose packet was over the limits
   * is answered `RATE_LIMITED` (when it has an ack) and goes no further.
   */
  guard(socket: ConferSocket): void {
    socket.use((packet, next) => {
      if (this.conns.get(socket.conn)?.allowed !== false) return next();
      const ack: unknown = packet[packet.length - 1];
      if (typeof ack === 'function' && socket.connected) ack(fail(ErrorCode.RateLimited, 'too many messages, slow down'));
    });
  }
}
