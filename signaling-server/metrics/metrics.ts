import { Counter, Gauge, Registry } from 'prom-client';
import { unhandledErrors } from './unhandled-errors';

/** Where the gauges read their values at scrape time. */
export interface MetricSources {
  connections(): number;
  rooms(): Promise<number>;
  participants(): Promise<number>;
  /** VideoRooms this node holds on Janus, and the Janus sessions of their participants (0 without an SFU). */
  sfuRooms(): number;
  sfuSessions(): Promise<number>;
  /** Mesh rooms whose participants keep a warm, idle SFU path (their sessions count in sfuSessions). */
  sfuPrewarmedRooms(): number;
  /** Rooms whose topology this node decides: those whose owner lease it holds in a cluster, every room it counts alone (optional: 0 without an SFU). */
  sfuOwnedRooms?(): number;
  /** Per Janus of the pool: rooms and sessions this node placed there (optional: none without an SFU). */
  sfuLoad?(): Map<string, { rooms: number; sessions: number }>;
}

/** The server's metrics. */
export interface ServerMetrics {
  registry: Registry;
  messages: Counter<'event'>;
  errors: Counter<'code'>;
  /** Rooms moved to another Janus because theirs died. */
  sfuFailovers: Counter;
  /** Participants who resumed on this node: their Janus session taken over (`taken`) or published anew (`republished`). */
  sfuResumes: Counter<'how'>;
}

/**
 * One Registry per server instance rather than prom-client's global one, so several servers
 * can run in one process (tests) without "metric already registered" errors.
 */
export function createMetrics(sources: MetricSources): ServerMetrics {
  const registry = new Registry();
  new Gauge({
    name: 'confer_connections',
    help: 'Open Socket.IO connections',
    registers: [registry],
    collect() {
      this.set(sources.connections());
    },
  });
  new Gauge({
    name: 'confer_rooms',
    help: 'Rooms with at least one participant',
    registers: [registry],
    async collect() {
      this.set(await sources.rooms());
    },
  });
  new Gauge({
    name: 'confer_participants',
    help: 'Participants joined in any room',
    registers: [registry],
    async collect() {
      this.set(await sources.participants());
    },
  });
  new Gauge({
    name: 'confer_sfu_rooms',
    help: 'Janus VideoRooms held for rooms on the SFU',
    registers: [registry],
    collect() {
      this.set(sources.sfuRooms());
    },
  });
  new Gauge({
    name: 'confer_sfu_sessions',
    help: 'Janus sessions held for participants of rooms on the SFU',
    registers: [registry],
    async collect() {
      this.set(await sources.sfuSessions());
    },
  });
  new Gauge({
    name: 'confer_sfu_prewarmed_rooms',
    help: 'Mesh rooms keeping a warm, idle SFU path for a quick switch (their Janus sessions count in confer_sfu_sessions)',
    registers: [registry],
    collect() {
      this.set(sources.sfuPrewarmedRooms());
    },
  });
  new Gauge({
    name: 'confer_sfu_owned_rooms',
    help: 'Rooms whose mesh/SFU decisions this node takes (in a cluster: the rooms whose owner lease it holds)',
    registers: [registry],
    collect() {
      this.set(sources.sfuOwnedRooms?.() ?? 0);
    },
  });
  new Gauge({
    name: 'confer_sfu_janus_rooms',
    help: 'VideoRooms this node placed on each Janus of the pool',
    labelNames: ['janus'] as const,
    registers: [registry],
    collect() {
      this.reset();
      for (const [janus, l] of sources.sfuLoad?.() ?? []) this.set({ janus }, l.rooms);
    },
  });
  new Gauge({
    name: 'confer_sfu_janus_sessions',
    help: 'Participants\' Janus sessions this node holds on each Janus of the pool',
    labelNames: ['janus'] as const,
    registers: [registry],
    collect() {
      this.reset();
      for (const [janus, l] of sources.sfuLoad?.() ?? []) this.set({ janus }, l.sessions);
    },
  });
  const sfuFailovers = new Counter({
    name: 'confer_sfu_failovers_total',
    help: 'Rooms moved to another Janus of the pool because theirs died',
    registers: [registry],
  });
  const sfuResumes = new Counter({
    name: 'confer_sfu_resumes_total',
    help: 'SFU participants who resumed on this node from another: session taken over, or published anew',
    labelNames: ['how'] as const,
    registers: [registry],
  });
  const messages = new Counter({
    name: 'confer_messages_total',
    help: 'Client events handled, by event name',
    labelNames: ['event'] as const,
    registers: [registry],
  });
  const errors = new Counter({
    name: 'confer_errors_total',
    help: 'Refused or failed client events, by error code',
    labelNames: ['code'] as const,
    registers: [registry],
  });
  registry.registerMetric(unhandledErrors);
  return { registry, messages, errors, sfuFailovers, sfuResumes };
}
