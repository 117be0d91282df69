/**
 * Health of the real Janus: killed, hung and restarted. A missing binary fails these tests:
 * scripts/setup-system.sh installs it.
 */
import { adminPortOf, requireJanus, startTestJanus, testJanusSettings } from '../testing/janus';
import { JanusHealth } from './health';
import { startJanus, type JanusProcess } from './process';
import { sfuConfigFromEnv } from '../config';
import { startSfu, type SfuHandle } from './sfu';
import { janusTokenSigner, signJanusToken } from './token';

jest.setTimeout(30_000);

// Short enough for quick tests, with slack for a loaded 2-core CI machine.
const timings = { pingIntervalMs: 300, pingTimeoutMs: 1200, reconnectMs: 200 };
const quiet = { info: () => undefined, warn: () => undefined };

describe('JanusHealth with the real Janus', () => {
  const cleanup: Array<() => Promise<unknown>> = [];
  afterEach(async () => {
    while (cleanup.length > 0) await cleanup.pop()?.().catch(() => undefined);
  });

  it('notices a SIGKILLed Janus within a few seconds and recovers when it is started again', async () => {
    const { proc, settings } = await startTestJanus();
    let current: JanusProcess = proc;
    cleanup.push(() => proc.stop()); // removes the killed one's folder
    cleanup.push(() => current.stop());
    const health = new JanusHealth({ url: proc.url, client: { token: janusTokenSigner(settings.tokenSecret) }, ...timings });
    cleanup.push(() => health.stop());
    const events: string[] = [];
    health.on('up', () => events.push('up'));
    health.on('down', () => events.push('down'));
    health.start();
    await health.waitFor('up', 5000);
    expect(health.available).toBe(true);
    expect(health.client).not.toBeNull();

    const killedAt = Date.now();
    process.kill(proc.pid as number, 'SIGKILL');
    await health.waitFor('down', 3000);
    expect(Date.now() - killedAt).toBeLessThan(3000);
    expect(health.available).toBe(false);
    expect(health.client).toBeNull();
    expect(health.reason).not.toBe('');

    current = await startJanus({ settings });
    await health.waitFor('up', 5000);
    expect(events.slice(0, 3)).toEqual(['up', 'down', 'up']);
    // The recovered connection works for real requests.
    const session = await health.client!.createSession();
    await session.destroy();
  });

  it('notices a hung Janus (SIGSTOP) by its ping timeout, and recovers on SIGCONT', async () => {
    const { proc, settings } = await startTestJanus();
    cleanup.push(async () => {
      process.kill(proc.pid as number, 'SIGCONT');
      await proc.stop();
    });
    const health = new JanusHealth({ url: proc.url, client: { token: janusTokenSigner(settings.tokenSecret) }, ...timings });
    cleanup.push(() => health.stop());
    health.start();
    await health.waitFor('up', 5000);
    const stoppedAt = Date.now();
    process.kill(proc.pid as number, 'SIGSTOP');
    await health.waitFor('down', 4000);
    expect(Date.now() - stoppedAt).toBeLessThan(4000);
    expect(health.reason).toMatch(/ping|closed|connect/i);
    process.kill(proc.pid as number, 'SIGCONT');
    await health.waitFor('up', 6000);
  });

  it('stays down, saying why, when Janus refuses our token', async () => {
    const { proc } = await startTestJanus();
    cleanup.push(() => proc.stop());
    const health = new JanusHealth({ url: proc.url, client: { token: () => signJanusToken('wrong-secret-0123456789', Math.floor(Date.now() / 1000) + 60) }, ...timings });
    cleanup.push(() => health.stop());
    health.start();
    await expect(health.waitFor('up', 1500)).rejects.toThrow(/token/);
    expect(health.status).toBe('down');
  });
});

describe('startSfu', () => {
  let sfu: SfuHandle | undefined;
  afterEach(async () => {
    await sfu?.stop();
    sfu = undefined;
  });

  it('starts the bundled Janus, restarts it when it is killed, and stops it', async () => {
    requireJanus();
    const s = await testJanusSettings();
    sfu = await startSfu(
      sfuConfigFromEnv({ JANUS_WS_PORT: String(s.wsPort), JANUS_ADMIN_PORT: String(adminPortOf(s)), JANUS_RTP_PORTS: `${s.rtpMinPort}-${s.rtpMaxPort}` }),
      { logger: quiet, ...timings },
    );
    expect(sfu.mode).toBe('bundled');
    expect(sfu.url).toBe(`ws://127.0.0.1:${s.wsPort}`);
    await sfu.health!.waitFor('up', 5000);
    expect(sfu.status()).toBe('up');
    const first = sfu.process!()!;
    process.kill(first.pid as number, 'SIGKILL');
    await sfu.health!.waitFor('down', 3000);
    expect(sfu.available()).toBe(false);
    await sfu.health!.waitFor('up', 8000);
    // The health check may see the new Janus answer a moment before its start-up completes and
    // the supervisor records it: wait for the handle too.
    const deadline = Date.now() + 5000;
    while (sfu.process!()!.pid === first.pid && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    const second = sfu.process!()!;
    expect(second.pid).not.toBe(first.pid);
    await sfu.stop();
    expect(second.exited).toBe(true);
    sfu = undefined;
  });

  it('uses JANUS_URL when given, with tokens signed by JANUS_TOKEN_SECRET', async () => {
    const { proc, settings } = await startTestJanus();
    try {
      sfu = await startSfu(sfuConfigFromEnv({ JANUS_URL: proc.url, JANUS_TOKEN_SECRET: settings.tokenSecret, JANUS_VIDEOROOM_ADMIN_KEY: settings.videoroomAdminKey }), { logger: quiet, ...timings });
      expect(sfu.mode).toBe('external');
      await sfu.health!.waitFor('up', 5000);
      expect(sfu.videoroomAdminKey).toBe(settings.videoroomAdminKey);
      await sfu.stop();
      sfu = undefined;
    } finally {
      await proc.stop();
    }
  });

  it('is disabled when JANUS_BUNDLED=off or the binary is missing, and refuses a bad JANUS_URL', async () => {
    const lines: string[] = [];
    const logger = { info: (m: string) => lines.push(m), warn: (m: string) => lines.push(m) };
    const off = await startSfu(sfuConfigFromEnv({ JANUS_BUNDLED: 'off' }), { logger });
    expect([off.mode, off.status(), off.available()]).toEqual(['disabled', 'disabled', false]);
    const missing = await startSfu(sfuConfigFromEnv({}), { logger, binary: 'confer-no-such-janus' });
    expect(missing.status()).toBe('disabled');
    expect(lines.join('\n')).toMatch(/scripts\/setup-system\.sh/);
    expect(() => sfuConfigFromEnv({ JANUS_URL: 'http://x' })).toThrow(/JANUS_URL/);
  });
});
