/**
 * Test-only: two signaling nodes (harnesses) on one real redis-server, sharing one real Janus, each
 * node with its own connection to it as separate processes would have.
 */
import { sfuConfigFromEnv, type JanusSettings } from '../config';
import type { JanusProcess } from '../janus/process';
import { startSfu, type SfuHandle } from '../janus/sfu';
import { startRedis, type RedisProcess } from '../../tests/harness/redis-process';
import { startHarness, type Harness } from './harness';
import { startTestJanus } from './janus';

const quiet = { info: () => undefined, warn: () => undefined };

export interface SfuCluster {
  redis: RedisProcess;
  proc: JanusProcess;
  settings: JanusSettings;
  /** Node 'one' and node 'two'. */
  nodes: [Harness, Harness];
  close(): Promise<void>;
}

/** Starts Redis, Janus and two nodes with `env` (REDIS_URL and NODE_ID are set here). */
export async function startSfuCluster(env: Record<string, string>): Promise<SfuCluster> {
  const redis = await startRedis();
  const { proc, settings } = await startTestJanus();
  const sfus: SfuHandle[] = [];
  const nodes: Harness[] = [];
  const close = async () => {
    for (const h of nodes) await h.close();
    for (const s of sfus) await s.stop();
    await proc.stop();
    await redis.stop();
  };
  try {
    for (const id of ['one', 'two']) {
      const sfu = await startSfu(sfuConfigFromEnv({ JANUS_URL: proc.url, JANUS_TOKEN_SECRET: settings.tokenSecret, JANUS_VIDEOROOM_ADMIN_KEY: settings.videoroomAdminKey }), {
        logger: quiet,
        pingIntervalMs: 300,
        pingTimeoutMs: 1500,
        reconnectMs: 200,
      });
      sfus.push(sfu);
      await sfu.health?.waitFor('up', 5000);
      nodes.push(await startHarness({ ...env, REDIS_URL: redis.url, NODE_ID: id }, { sfu }));
    }
  } catch (e) {
    await close();
    throw e;
  }
  return { redis, proc, settings, nodes: nodes as [Harness, Harness], close };
}
