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
}

/** The server's metrics. */
export interface ServerMetrics {
  registry: Registry;
  messages: Counter<'event'>;
  errors: Counter<'code'>;
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
  return { registry, messages, errors };
}
