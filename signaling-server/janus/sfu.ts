/**
 * Which Janus the server uses, as the config module read it at start:
 * - JANUS_URL or JANUS_URLS given: that Janus, or that pool of them (JANUS_TOKEN_SECRET signs our
 *   requests; each new room goes to the least loaded one that is up, see sfu/sfu-rooms.ts);
 * - else, JANUS_BUNDLED not `off` and the `janus` binary installed: the bundled Janus, started here
 *   with the repository's configuration and restarted if it dies;
 * - else: no SFU (`disabled`): rooms stay mesh.
 * In the first two cases a JanusHealth watches it; `status()` is what /healthz reports.
 */
import type { JanusSettings, SfuConfig } from '../config';
import type { Logger } from '../logger';
import { JanusHealth } from './health';
import { JANUS_MISSING, janusInstalled, startJanus, type JanusProcess } from './process';
import { janusTokenSigner } from './token';

export type SfuStatus = 'up' | 'down' | 'disabled';

/** One Janus of the pool, named by its URL. */
export interface JanusMember {
  id: string;
  health: JanusHealth;
}

/** What the rest of the server needs to know about the SFU. */
export interface SfuHandle {
  mode: 'bundled' | 'external' | 'disabled';
  /** Janus API WebSocket URL (undefined when disabled). */
  url?: string;
  /** Token source for JanusClient (undefined when Janus needs no token). */
  token?: () => string;
  /** VideoRoom admin_key for creating rooms, when Janus needs one. */
  videoroomAdminKey?: string;
  /** Watches Janus (undefined when disabled). Its `client` is the connection to create sessions on. With a pool: the first member's. */
  health?: JanusHealth;
  /** Every Janus rooms may be placed on (one unless JANUS_URLS names several). */
  members?: JanusMember[];
  /** The bundled process now running (undefined unless bundled). */
  process?: () => JanusProcess | undefined;
  status(): SfuStatus;
  /** True while rooms may move to the SFU. */
  available(): boolean;
  stop(): Promise<void>;
}

/** The SFU handle of a server without Janus. */
export const disabledSfu = (): SfuHandle => ({
  mode: 'disabled',
  status: () => 'disabled',
  available: () => false,
  stop: async () => undefined,
});

type HealthTimings = { pingIntervalMs?: number; pingTimeoutMs?: number; reconnectMs?: number };

export interface StartSfuOptions extends HealthTimings {
  /** Default `janus`. */
  binary?: string;
  logger?: Pick<Logger, 'info' | 'warn'>;
}

/** Starts (or connects to) the SFU the configuration names. */
export async function startSfu(config: SfuConfig, opts: StartSfuOptions = {}): Promise<SfuHandle> {
  const log = opts.logger ?? { info: (m: string) => console.info(m), warn: (m: string) => console.warn(m) };
  const timings: HealthTimings = { pingIntervalMs: opts.pingIntervalMs, pingTimeoutMs: opts.pingTimeoutMs, reconnectMs: opts.reconnectMs };

  if (config.kind === 'external') {
    const { urls, tokenSecret, videoroomAdminKey } = config;
    const token = tokenSecret ? janusTokenSigner(tokenSecret) : undefined;
    const members: JanusMember[] = urls.map((url) => {
      const health = new JanusHealth({ url, client: { token }, ...timings });
      health.on('down', (reason: string) => log.warn(`SFU: Janus at ${url} is down (${reason}); its rooms move to another Janus of the pool, or to mesh`));
      health.on('up', () => log.info(`SFU: Janus at ${url} is up`));
      health.start();
      return { id: url, health };
    });
    log.info(`SFU: using ${urls.length === 1 ? `Janus at ${urls[0]} (JANUS_URL)` : `a pool of ${urls.length} Janus (JANUS_URLS): ${urls.join(', ')}`}`);
    const first = members[0] as JanusMember;
    return {
      mode: 'external',
      url: first.id,
      token,
      videoroomAdminKey,
      health: first.health,
      members,
      status: () => (members.some((m) => m.health.status === 'up') ? 'up' : 'down'),
      available: () => members.some((m) => m.health.available),
      stop: async () => void (await Promise.all(members.map((m) => m.health.stop()))),
    };
  }

  if (config.kind === 'off') {
    log.info('SFU: disabled (JANUS_BUNDLED=off and no JANUS_URL); rooms stay mesh, at most 4 participants');
    return disabledSfu();
  }
  const binary = opts.binary ?? 'janus';
  if (!janusInstalled(binary)) {
    log.info(`SFU: unavailable (no JANUS_URL, and ${JANUS_MISSING}); rooms stay mesh, at most 4 participants`);
    return disabledSfu();
  }

  const { settings, modulesDir } = config;
  let proc: JanusProcess;
  try {
    proc = await startJanus({ settings, binary, modulesDir });
  } catch (err) {
    log.warn(`SFU: the bundled Janus did not start; rooms stay mesh. ${(err as Error).message}`);
    return disabledSfu();
  }
  return superviseBundled(proc, { settings, binary, modulesDir }, log, timings);
}

/** Watches the bundled Janus and restarts it (backing off from 1 s up to 30 s) when it dies unasked. */
function superviseBundled(
  first: JanusProcess,
  start: { settings: JanusSettings; binary: string; modulesDir?: string },
  log: Pick<Logger, 'info' | 'warn'>,
  timings: HealthTimings,
): SfuHandle {
  let proc = first;
  let stopped = false;
  let restartDelay = 1000;
  let restartTimer: NodeJS.Timeout | undefined;
  const token = janusTokenSigner(start.settings.tokenSecret);
  const health = new JanusHealth({ url: proc.url, client: { token }, ...timings });
  // If the server dies without stop(), its Janus must not outlive it.
  const killOnExit = () => proc.kill();
  process.once('exit', killOnExit);

  const scheduleRestart = () => {
    restartTimer = setTimeout(() => void restart(), restartDelay);
    restartTimer.unref?.();
    restartDelay = Math.min(restartDelay * 2, 30_000);
  };
  const watch = (p: JanusProcess) => {
    p.once('exit', (code: number | null, signal: string | null) => {
      if (stopped || p.stopRequested) return;
      log.warn(`SFU: the bundled Janus (pid ${p.pid}) exited (${signal ?? `code ${code}`}); restarting in ${restartDelay / 1000} s. Last lines:\n${p.log(20)}`);
      scheduleRestart();
    });
  };
  const restart = async () => {
    await proc.stop().catch(() => undefined);
    if (stopped) return;
    try {
      const next = await startJanus(start);
      proc = next;
      if (stopped) return void (await next.stop());
      log.info(`SFU: bundled Janus restarted (pid ${next.pid})`);
      watch(next);
    } catch (err) {
      log.warn(`SFU: restarting Janus failed, trying again in ${restartDelay / 1000} s: ${(err as Error).message}`);
      scheduleRestart();
    }
  };

  health.on('up', () => (restartDelay = 1000));
  health.on('down', (reason: string) => {
    if (!stopped) log.warn(`SFU: Janus is down (${reason}); new rooms stay mesh`);
  });
  watch(proc);
  health.start();
  log.info(`SFU: bundled Janus (pid ${proc.pid}) on ${proc.url}, admin API ${proc.adminUrl ? `${proc.adminUrl} (loopback)` : 'off'}, RTP ports ${start.settings.rtpMinPort}-${start.settings.rtpMaxPort}, log ${proc.logFile}`);
  return {
    mode: 'bundled',
    url: proc.url,
    token,
    videoroomAdminKey: start.settings.videoroomAdminKey,
    health,
    members: [{ id: proc.url, health }],
    process: () => proc,
    status: () => health.status,
    available: () => health.available,
    stop: async () => {
      stopped = true;
      clearTimeout(restartTimer);
      process.off('exit', killOnExit);
      await health.stop();
      await proc.stop();
    },
  };
}
