import express from 'express';
import type { TokenVerifier } from '../auth/tokens';
import type { ServerConfig } from '../config';
import type { Logger } from '../logger';
import type { ServerMetrics } from '../metrics/metrics';
import type { Meetings } from '../meetings/meetings';
import { ErrorCode } from '../../protocol';
import { createApiRouter } from './api';
import { sendError } from './errors';
import { metricsAllowed } from './metrics-access';
import { securityHeaders, staticFiles } from './static';
import { downloadHandler } from '../recording/download';

/** What the HTTP side needs. */
export interface HttpDeps {
  config: ServerConfig;
  verify: TokenVerifier;
  now: () => number;
  logger: Logger;
  metrics: ServerMetrics;
  /** The media server's state for /healthz; 'disabled' when the server runs without one. */
  sfuStatus?: () => 'up' | 'down' | 'disabled';
  meetings: Meetings;
  /** Per-IP limit of POST /api/session. */
  allowSession?: (ip: string | undefined) => boolean;
  /** Per-IP limit of POST /api/meetings. */
  allowMeeting?: (ip: string | undefined) => boolean;
}

/** The express app: API, health, metrics and the renderer's static files. */
export function createHttpApp(deps: HttpDeps): express.Express {
  const { config, metrics, now } = deps;
  const startedAt = now();
  const app = express();
  app.disable('x-powered-by');
  app.use(securityHeaders(config.publicOrigin));

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok', uptime: Math.floor((now() - startedAt) / 1000), janus: deps.sfuStatus?.() ?? 'disabled' });
  });
  app.get('/metrics', async (req, res) => {
    if (!metricsAllowed(req, config.metricsToken)) {
      sendError(res, 403, ErrorCode.Forbidden, 'metrics are served to this machine only, or with METRICS_TOKEN');
      return;
    }
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });
  app.get('/api/recordings/:id/file', downloadHandler(config.recording.dir, config.jwt.secret, now));
  app.use('/api', createApiRouter(deps));
  app.use(staticFiles(config.staticDir));
  app.use((_req, res) => {
    res.status(404).type('text').send('Not found\n');
  });
  return app;
}
