import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { Limits } from '../protocol';
import { isOriginAllowed } from './auth/origin';
import { socketAuth } from './auth/socket-auth';
import { createTokenVerifier } from './auth/tokens';
import { registerChatHandlers } from './chat/handlers';
import type { ServerConfig } from './config';
import { createEventGuard } from './events/handle';
import type { ConferIo, ServerContext } from './events/types';
import { createHttpApp } from './http/app';
import { createLogger } from './logger';
import type { Logger } from './logger';
import { createMetrics } from './metrics/metrics';
import { registerRelayHandlers } from './relay/handlers';
import { registerRoomHandlers } from './rooms/handlers';
import { MemoryRoomStore } from './store/memory-store';
import type { RoomStore } from './store/room-store';
import { registerIceHandlers } from './turn/handlers';
import type { SfuHandle } from './janus/sfu';

/** Replaceable parts; tests inject a clock or a store, production takes the defaults. */
export interface ServerDeps {
  store?: RoomStore;
  now?: () => number;
  logger?: Logger;
  /** The media server (Janus) handle from janus/sfu.ts; without it /healthz says `janus: 'disabled'`. */
  sfu?: Pick<SfuHandle, 'status' | 'available'>;
}

/** A created, not yet listening, signaling server. */
export interface SignalingServer {
  httpServer: http.Server;
  io: ConferIo;
  /** Starts listening on `config.port` (0 picks a free port). */
  listen(): Promise<{ port: number; url: string }>;
  /** Disconnects every socket and stops listening. Safe to call twice. */
  close(): Promise<void>;
}

/** Builds the HTTP + Socket.IO server from a validated configuration. */
export function createServer(config: ServerConfig, deps: ServerDeps = {}): SignalingServer {
  const store = deps.store ?? new MemoryRoomStore();
  const now = deps.now ?? Date.now;
  const logger = deps.logger ?? createLogger(config.logLevel);
  const verify = createTokenVerifier(config.jwt, now);
  const sfu = deps.sfu;

  const httpServer = http.createServer();
  const io: ConferIo = new Server(httpServer, {
    serveClient: false,
    // Larger frames close the connection before they are parsed.
    maxHttpBufferSize: Limits.maxFrameBytes,
    // A killed tab is noticed within pingInterval + pingTimeout (< 10 s), so its tile goes away.
    pingInterval: 5000,
    pingTimeout: 4000,
    cors: config.allowedOrigins.length > 0 ? { origin: config.allowedOrigins, methods: ['GET', 'POST'] } : undefined,
    allowRequest: (req, callback) => {
      const allowed = isOriginAllowed(req.headers.origin, req.headers.host, config.allowedOrigins);
      if (!allowed) logger.debug('origin refused', { origin: req.headers.origin });
      callback(allowed ? null : 'origin not allowed', allowed);
    },
  });

  const metrics = createMetrics({
    connections: () => io.of('/').sockets.size,
    rooms: () => store.countRooms(),
    participants: () => store.countParticipants(),
  });
  const ctx: ServerContext = { config, io, store, now, logger, metrics };

  httpServer.on('request', createHttpApp({ config, verify, now, logger, metrics, sfuStatus: sfu ? () => sfu.status() : undefined }));
  io.use(socketAuth(verify, logger));
  io.on('connection', (socket) => {
    const guard = createEventGuard(ctx, socket);
    registerRoomHandlers(ctx, socket, guard);
    registerRelayHandlers(ctx, socket, guard);
    registerChatHandlers(ctx, socket, guard);
    registerIceHandlers(ctx, socket, guard);
  });

  let closing: Promise<void> | undefined;
  return {
    httpServer,
    io,
    listen: () =>
      new Promise((resolve, reject) => {
        httpServer.once('error', reject);
        httpServer.listen(config.port, config.host, () => {
          httpServer.off('error', reject);
          const { port } = httpServer.address() as AddressInfo;
          resolve({ port, url: `http://${displayHost(config.host)}:${port}` });
        });
      }),
    close: () => {
      closing ??= new Promise<void>((resolve) => {
        // io.close() disconnects sockets and closes httpServer; idle keep-alive HTTP
        // connections would otherwise hold the close open.
        void io.close(() => resolve());
        httpServer.closeAllConnections();
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
