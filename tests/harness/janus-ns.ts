/**
 * Janus instances of their own inside a test namespace (a pool for JANUS_URLS), started by the
 * product's own start-up (signaling-server/janus/process) with the repository's configuration.
 */
import { janusSettingsFromEnv, type JanusSettings } from '../../signaling-server/config';
import { startJanus, type JanusProcess } from '../../signaling-server/janus/process';
import type { NetNamespace } from './netns';

export interface NsJanus {
  proc: JanusProcess;
  settings: JanusSettings;
  /** Its WebSocket as the server in the namespace reaches it. */
  url: string;
}

/**
 * Starts one Janus in `ns` on `wsPort` with `rtp` ports and the shared secrets in `env`; ready once
 * its WebSocket port accepts a connection inside the namespace (the test process is outside it).
 */
export async function startJanusInNs(ns: NetNamespace, wsPort: number, rtp: string, env: Record<string, string>): Promise<NsJanus> {
  const settings = janusSettingsFromEnv({ JANUS_WS_PORT: String(wsPort), JANUS_WS_IP: '127.0.0.1', JANUS_RTP_PORTS: rtp, ...env });
  const proc = await startJanus({
    settings,
    wrap: ['ip', 'netns', 'exec', ns.name],
    ready: async () => (await ns.exec(['bash', '-c', `exec 3<>/dev/tcp/127.0.0.1/${wsPort}`], { timeoutMs: 2000 })).code === 0,
    timeoutMs: 20_000,
  });
  return { proc, settings, url: `ws://127.0.0.1:${wsPort}` };
}
