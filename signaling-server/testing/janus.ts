/** Test-only helpers: the real Janus from the repository's configuration on free loopback ports. */
import { createServer } from 'node:net';
import { janusSettingsFromEnv, type JanusSettings } from '../config';
import { JANUS_MISSING, janusInstalled, startJanus, type JanusProcess } from '../janus/process';

/** A port that was free a moment ago (the kernel's pick for port 0). */
export function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, host, () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

/** Fails (never skips) when Janus is missing, saying how to install it. */
export function requireJanus(): void {
  if (!janusInstalled()) throw new Error(`${JANUS_MISSING}; these tests run the real Janus and are never skipped.`);
}

/** Settings for a test Janus: random free ports, a small random RTP range, generated secrets. */
export async function testJanusSettings(env: Record<string, string> = {}): Promise<JanusSettings> {
  const wsPort = await freePort();
  let adminPort = await freePort();
  while (adminPort === wsPort) adminPort = await freePort();
  const rtpMin = 40000 + Math.floor(Math.random() * 200) * 100;
  return janusSettingsFromEnv({
    JANUS_WS_PORT: String(wsPort),
    JANUS_ADMIN_PORT: String(adminPort),
    JANUS_WS_IP: '127.0.0.1',
    JANUS_RTP_PORTS: `${rtpMin}-${rtpMin + 99}`,
    JANUS_DEBUG_LEVEL: '4',
    ...env,
  });
}

/** Starts the real Janus for a test; stop it with `proc.stop()`. */
export async function startTestJanus(env: Record<string, string> = {}): Promise<{ proc: JanusProcess; settings: JanusSettings }> {
  requireJanus();
  const settings = await testJanusSettings(env);
  const proc = await startJanus({ settings, timeoutMs: 10_000 });
  return { proc, settings };
}

/** The admin API's port of a test Janus (testJanusSettings turns the admin API on; the product leaves it off). */
export function adminPortOf(settings: JanusSettings): number {
  if (settings.adminPort === undefined) throw new Error('this test Janus has no JANUS_ADMIN_PORT: its admin API is off');
  return settings.adminPort;
}

/** The admin API's URL of a running test Janus; throws when it was started with the admin API off. */
export function adminUrlOf(proc: JanusProcess): string {
  if (proc.adminUrl === undefined) throw new Error('this test Janus has no JANUS_ADMIN_PORT: its admin API is off');
  return proc.adminUrl;
}
