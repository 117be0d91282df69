import { ErrorCode, fail } from '../../protocol';
import { IpLimiter, LruMap, addressKey } from '../cluster/ip-limiter';
import { TokenBucket } from './rate-limit';
import type { ConferIo, ConferSocket } from './types';

/** One engine.io connection: the transport under every namespace socket opened over it. */
type EngineConn = ConferSocket['conn'];

/**
 * The name a refused EVENT packet is rewritten to before Socket.IO decodes it. Socket.IO runs
 * namespace middleware a tick later, after more packets may have been counted, so the verdict
 * has to travel inside the packet itself. A client sending this name itself only gets refused.
 */
const REFUSED_EVENT = '\u0000rate-limited';

/** An EVENT packet as text: type 2, optional `/namespace,`, optional ack id, then the JSON array. */
const EVENT_PACKET = /^2(\/[^,]*,)?(\d*)/;

interface ConnBudget {
  /** Packets within the limit. */
  bucket: TokenBucket;
  /** Packets refused: when this runs dry too, the client is far over and its transport is closed. */
  overflow: TokenBucket;
}

/** The refused form of an EVENT packet: same namespace and ack id, the REFUSED_EVENT name, no payload. */
function refusedForm(data: string): string | undefined {
  const match = EVENT_PACKET.exec(data);
  if (!match) return undefined;
  return `2${match[1] ?? ''}${match[2] ?? ''}${JSON.stringify([REFUSED_EVENT])}`;
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
      const budget: ConnBudget = { bucket: new TokenBucket(perSec, burst, this.now), overflow: new TokenBucket(perSec, burst, this.now) };
      const entry = this.openByAddress.getOrCreate(addressKey(conn.remoteAddress), () => ({ open: 0 }));
      entry.open += 1;
      conn.once('close', () => {
        entry.open -= 1;
      });
      conn.on('packet', (packet: { type: string; data?: unknown }) => {
        // Only Socket.IO payloads: pings and pongs are the server's own heartbeat.
        if (packet.type !== 'message') return;
        // Both buckets take, so a client cannot spare its connection's budget by spreading over connections.
        const withinAddress = this.perAddress.take(conn.remoteAddress);
        if (budget.bucket.take() && withinAddress) return;
        this.onRefused(ErrorCode.RateLimited);
        // Closing the transport, not the namespace socket: the client must reconnect (and pay
        // the connection rate limit) to send again. Packets still queued are dropped.
        if (!budget.overflow.take()) return conn.close(true);
        // engine.io hands this same object to Socket.IO next. Other packet types (CONNECT, acks)
        // pass: they took their token, and the overflow closes a flood of them. Our protocol has
        // no binary events, so binary packets are not rewritten.
        const refused = typeof packet.data === 'string' ? refusedForm(packet.data) : undefined;
        if (refused !== undefined) packet.data = refused;
      });
    });
  }

  /**
   * Socket.IO middleware for one namespace socket: an event whose packet was over the limits
   * is answered `RATE_LIMITED` (when it has an ack) and goes no further.
   */
  guard(socket: ConferSocket): void {
    socket.use((packet, next) => {
      if (packet[0] !== REFUSED_EVENT) return next();
      const ack: unknown = packet[packet.length - 1];
      if (typeof ack === 'function' && socket.connected) ack(fail(ErrorCode.RateLimited, 'too many messages, slow down'));
    });
  }
}
