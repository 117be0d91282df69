import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { ErrorCode, Limits } from '../protocol';
import { isOriginAllowed } from './auth/origin';
import { socketAuth } from './auth/socket-auth';
import { createTokenVerifier } from './auth/tokens';
import { registerChatHandlers } from './chat/handlers';
import { createReactionLimiter, registerReactionHandlers } from './reactions/handlers';
import type { ServerConfig } from './config';
import { createEventGuard } from './events/handle';
import { PacketLimits } from './events/packet-limits';
import { Admission } from './events/admission';
import type { ConferIo, ServerContext } from './events/types';
import { createHttpApp } from './http/app';
import { createLogger } from './logger';
import type { Logger } from './logger';
import { createMetrics } from './metrics/metrics';
import { registerRelayHandlers } from './relay/handlers';
import { meshOnlyRoomHooks } from './rooms/room-hooks';
import { RoomsFeature } from './rooms/rooms';
import { attachRedisAdapter } from './cluster/adapter';
import type { ClusterAdapter } from './cluster/adapter';
import { IpLimiter } from './cluster/ip-limiter';
import { RedisRoomStore } from './store/redis-store';
import { MemoryRoomStore } from './store/memory-store';
import type { RoomStore } from './store/room-store';
import { registerIceHandlers } from './turn/handlers';
import type { SfuHandle } from './janus/sfu';
import { registerSfuHandlers } from './sfu/handlers';
import { SfuService } from './sfu/sfu-service';
import { registerSfuUnavailableHandlers } from './sfu/unavailable-handlers';
import { registerHostHandlers } from './meetings/host-handlers';
import { MemoryMeetingStore } from './meetings/meeting-store';
import type { MeetingStore } from './meetings/meeting-store';
import { Meetings } from './meetings/meetings';
import { RedisMeetingStore } from './meetings/redis-meeting-store';
import { registerRecordingHandlers } from './recording/handlers';
import { BullRecordingJobs } from './recording/bull-jobs';
import { RecordingJobs } from './recording/jobs';
import type { CompositionJobs } from './recording/work';
import { registerRecordingMetrics } from './recording/metrics';
import { Recorder } from './recording/recorder';
import { S3Storage } from './recording/storage';
import type { RecordingMedia } from './recording/recorder';
import type { RoomHooks } from './rooms/room-hooks';

/** Replaceable parts; tests inject a clock or a store, production takes the defaults. */
export interface ServerDeps {
  store?: RoomStore;
  /** Meetings (ids, hosts, waiting rooms); with an injected one, the caller closes it. */
  meetingStore?: MeetingStore;
  now?: () => number;
  logger?: Logger;
  /**
   * The media server (Janus) handle from janus/sfu.ts. Without one, or with one whose status is
   * `disabled`, rooms stay mesh (the fifth join is refused) and /healthz says `janus: 'disabled'`.
   */
  sfu?: Pick<SfuHandle, 'status' | 'available'> & Partial<Pick<SfuHandle, 'health' | 'videoroomAdminKey'>>;
}

/** A created, not yet listening, signaling server. */
export interface SignalingServer {
  httpServer: http.Server;
  io: ConferIo;
  /** The meetings this server opens (tests make theirs here). */
  meetings: Meetings;
  /** Recording: the per-room recorder and the composition jobs (tests wait on `jobs.idle()`). */
  recording: { recorder: Recorder; jobs: CompositionJobs };
  /** Starts listening on `config.port` (0 picks a free port). */
  listen(): Promise<{ port: number; url: string }>;
  /** Disconnects every socket and stops listening. Safe to call twice. */
  close(): Promise<void>;
}

/** How long a node waits for Redis before it listens anyway. */
const STORE_READY_WAIT_MS = 5000;

/** Builds the HTTP + Socket.IO server from a validated configuration. */
export function createServer(config: ServerConfig, deps: ServerDeps = {}): SignalingServer {
  const now = deps.now ?? Date.now;
  const logger = deps.logger ?? createLogger(config.logLevel);
  const verify = createTokenVerifier(config.jwt, now);
  const sfu = deps.sfu;

  const connectionLimit = new IpLimiter(config.connectionRateLimit.perSec, config.connectionRateLimit.burst, now);
  const sessionLimit = new IpLimiter(config.sessionRateLimit.perSec, config.sessionRateLimit.burst, now);
  const meetingLimit = new IpLimiter(config.meetingRateLimit.perSec, config.meetingRateLimit.burst, now);
  const packetLimits = new PacketLimits(config, now, (code) => metrics.errors.inc({ code }));
  const admission = new Admission(config);
  const reactionLimiter = createReactionLimiter(now);

  const httpServer = http.createServer();
  const io: ConferIo = new Server(httpServer, {
    serveClient: false,
    // Larger frames close the connection before they are parsed.
    maxHttpBufferSize: Limits.maxFrameBytes,
    // A closed or crashed tab closes its WebSocket and is noticed at once; the ping only finds a
    // client whose network vanished (within pingInterval + pingTimeout, 45 s: Socket.IO's
    // defaults). The client answers on its main thread, and a page busy for seconds (six pages
    // on two cores while the room moves to the SFU) missed a 4 s and then a 15 s timeout,
    // dropped its connection in the middle of the switch and had to rebuild its media path.
    pingInterval: 25_000,
    pingTimeout: 20_000,
    cors: config.allowedOrigins.length > 0 ? { origin: config.allowedOrigins, methods: ['GET', 'POST'] } : undefined,
    allowRequest: (req, callback) => {
      const allowed = isOriginAllowed(req.headers.origin, req.headers.host, { allowed: config.allowedOrigins, publicOrigin: config.publicOrigin });
      if (!allowed) logger.debug('origin refused', { origin: req.headers.origin });
      // Per-address open connections and connection rate: a flood of handshakes from one address is refused before any work.
      const underCap = allowed && packetLimits.mayOpen(req.socket.remoteAddress);
      const underLimit = underCap && connectionLimit.take(req.socket.remoteAddress);
      if (allowed && !underLimit) metrics.errors.inc({ code: underCap ? ErrorCode.RateLimited : ErrorCode.TooManyConnections });
      callback(allowed ? (underLimit ? null : 'too many connections') : 'origin not allowed', underLimit);
    },
  });

  // The store and the adapter this server made are its own to close; an injected store is the caller's.
  const ownStore: RoomStore | undefined = deps.store
    ? undefined
    : config.redisUrl
      ? new RedisRoomStore({
          url: config.redisUrl,
          node: config.nodeId,
          prefix: config.redisPrefix,
          logger,
          graceMs: config.resumeGraceMs,
          isLive: (conn) => io.of('/').sockets.has(conn),
        })
      : new MemoryRoomStore();
  const store: RoomStore = deps.store ?? (ownStore as RoomStore);
  const adapter: ClusterAdapter | undefined = config.redisUrl ? attachRedisAdapter(io, config.redisUrl, config.redisPrefix, logger) : undefined;

  const metrics = createMetrics({
    connections: () => io.of('/').sockets.size,
    rooms: () => store.countRooms(),
    participants: () => store.countParticipants(),
    // Read at scrape time, by when sfuService (created below, it needs ctx.metrics) exists.
    sfuRooms: () => sfuService?.rooms.roomIds().length ?? 0,
    sfuSessions: async () => (sfuService ? sfuService.rooms.sessionCount() : 0),
    sfuPrewarmedRooms: () => sfuService?.prewarm.size ?? 0,
    sfuOwnedRooms: () => sfuService?.ownedRooms() ?? 0,
    sfuLoad: () => sfuService?.rooms.load() ?? new Map(),
  });
  const ownMeetingStore: MeetingStore | undefined = deps.meetingStore
    ? undefined
    : config.redisUrl
      ? new RedisMeetingStore(config.redisUrl, config.redisPrefix, config.meetingTtlMs)
      : new MemoryMeetingStore(config.meetingTtlMs, now);
  const meetings = new Meetings(deps.meetingStore ?? (ownMeetingStore as MeetingStore), config, now);
  const ctx: ServerContext = { config, io, store, meetings, now, logger, metrics };
  // Topology decisions and Janus sessions, when there is a media server; without one rooms stay mesh.
  const sfuService = sfu && sfu.status() !== 'disabled' ? new SfuService(ctx, sfu, { holdDownMs: config.topologyHoldDownMs, meshMax: config.meshMax, prewarm: config.sfuPrewarm }) : undefined;
  // Recording: Janus records through the SFU service; compositions are resumed at start.
  const setComposeRatio = registerRecordingMetrics(metrics.registry, { active: () => recorder.activeCount(), jobs: () => jobs.counts() });
  const storage = config.recording.s3 ? new S3Storage(config.recording.s3) : undefined;
  const jobOptions = { root: config.recording.dir, storage, workers: config.recording.workers, log: (msg: string, fields: Record<string, unknown>) => logger.info(msg, fields), onComposed: setComposeRatio };
  // With Redis, any node's worker composes (BullMQ); alone, jobs run in this process.
  const jobs: CompositionJobs = config.redisUrl ? new BullRecordingJobs({ ...jobOptions, redisUrl: config.redisUrl, prefix: `${config.redisPrefix}bull` }) : new RecordingJobs(jobOptions);
  const media: RecordingMedia | undefined = sfuService && {
    available: () => sfu?.available() ?? false,
    require: (room, on) => void sfuService.topology.setSfuRequired(room, on),
    record: (room, on, dir) => sfuService.rooms.record(room, on, dir),
  };
  const recorder = new Recorder(ctx, media, jobs, storage);
  ctx.recording = recorder;
  const baseHooks = sfuService ? sfuService.hooks : meshOnlyRoomHooks(store, config.meshMax);
  // Every roster change is a timeline entry of a running recording.
  const hooks: RoomHooks = {
    ...baseHooks,
    countChanged: async (room, left) => {
      await baseHooks.countChanged(room, left);
      recorder.observe(room);
    },
  };
  const rooms = new RoomsFeature(ctx, hooks);

  httpServer.on(
    'request',
    createHttpApp({
      config,
      verify,
      now,
      logger,
      metrics,
      meetings,
      sfuStatus: sfu ? () => sfu.status() : undefined,
      allowSession: (ip) => sessionLimit.take(ip),
      allowMeeting: (ip) => meetingLimit.take(ip),
    }),
  );
  const stopExpiry = rooms.startExpiry();
  packetLimits.attach(io);
  io.use(socketAuth(verify, logger));
  io.on('connection', (socket) => {
    packetLimits.guard(socket);
    admission.watch(socket);
    const guard = createEventGuard(ctx, socket, admission);
    rooms.register(socket, guard);
    registerRelayHandlers(ctx, socket, guard);
    registerChatHandlers(ctx, socket, guard);
    registerReactionHandlers(ctx, socket, guard, reactionLimiter);
    registerIceHandlers(ctx, socket, guard);
    registerHostHandlers(ctx, socket, guard);
    registerRecordingHandlers(ctx, recorder, socket, guard);
    if (sfuService) registerSfuHandlers(ctx, sfuService, socket, guard);
    else registerSfuUnavailableHandlers(guard);
  });

  let closing: Promise<void> | undefined;
  return {
    httpServer,
    io,
    meetings,
    recording: { recorder, jobs },
    listen: async () => {
      // A node takes traffic once its stores can serve it: the first joins would otherwise fail with
      // "store unavailable" while Redis is still connecting. After the wait it listens anyway (the
      // stores report the outage to each request, and recover by themselves).
      const waits = [ownStore?.ready?.(STORE_READY_WAIT_MS), ownMeetingStore?.ready?.(STORE_READY_WAIT_MS), adapter?.ready(STORE_READY_WAIT_MS)];
      if ((await Promise.all(waits)).includes(false)) logger.warn('Redis not reachable yet: listening anyway, requests needing it fail until it is', { waitedMs: STORE_READY_WAIT_MS });
      return new Promise((resolve, reject) => {
        httpServer.once('error', reject);
        httpServer.listen(config.port, config.host, () => {
          httpServer.off('error', reject);
          const { port } = httpServer.address() as AddressInfo;
          // Compositions a previous run left unfinished start again.
          jobs.resume().catch((err: unknown) => logger.error('resuming recording jobs failed', { error: String(err) }));
          resolve({ port, url: `http://${displayHost(config.host)}:${port}` });
        });
      });
    },
    close: () => {
      let jobsClosed: Promise<void> | undefined;
      closing ??= new Promise<void>((resolve) => {
        stopExpiry();
        jobsClosed = jobs.close().catch((err: unknown) => logger.error('closing recording jobs failed', { error: String(err) }));
        // Recordings stop (their composition resumes at the next start), then Janus's rooms go.
        void recorder.close().finally(() => sfuService?.close());
        // io.close() disconnects sockets and closes httpServer; idle keep-alive HTTP
        // connections would otherwise hold the close open.
        void io.close(() => resolve());
        httpServer.closeAllConnections();
      }).then(async () => {
        // Let the disconnect handlers' store writes (resume deadlines) go out before Redis closes.
        await new Promise((r) => setImmediate(r));
        await Promise.all([ownStore?.close(), ownMeetingStore?.close(), adapter?.close(), jobsClosed]);
        storage?.close();
      });
      return closing;
    },
  };
}

/** A host a browser can open: wildcard addresses become localhost. */
function displayHost(host: string): string {
  if (host === '0.0.0.0' || host === '::' || host === '') return 'localhost';
  return host.includes(':') ? `[${host}]` : host;
}
