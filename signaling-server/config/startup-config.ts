/** Reading the whole environment once at start: the server's, the media server's and the bundled coturn's settings. */
import { bundledTurnFromEnv, bundledTurnWanted, type BundledTurnConfig } from './coturn-settings';
import type { Env } from './env-reader';
import { ConfigError } from './errors';
import { sfuConfigFromEnv, type SfuConfig } from './janus-settings';
import { loadConfig, type ServerConfig } from './server-config';

/** Everything the server process needs to start, read from its environment. */
export interface StartupConfig {
  /** The signaling server's settings; with a bundled coturn its TURN URLs are filled in once it runs (`withBundledTurn`). */
  server: ServerConfig;
  sfu: SfuConfig;
  /** The coturn to start, or undefined when TURN is configured elsewhere or off. */
  bundledTurn?: BundledTurnConfig;
}

/** Reads every variable the server uses; throws one ConfigError listing every problem. */
export function loadStartupConfig(env: Env): StartupConfig {
  const errors: string[] = [];
  const attempt = <T>(read: () => T): T | undefined => {
    try {
      return read();
    } catch (err) {
      if (!(err instanceof ConfigError)) throw err;
      errors.push(err.message);
      return undefined;
    }
  };
  const server = attempt(() => loadConfig(env, { bundledTurn: bundledTurnWanted(env) }));
  const sfu = attempt(() => sfuConfigFromEnv(env));
  const bundledTurn = attempt(() => bundledTurnFromEnv(env));
  if (!server || !sfu || errors.length > 0) throw new ConfigError(errors.join('\n'));
  return { server, sfu, bundledTurn };
}

/** The server configuration once the bundled coturn runs: clients get its URLs, credentials use its secret. */
export function withBundledTurn(config: ServerConfig, turn: { urls: string[]; secret: string }): ServerConfig {
  return { ...config, turnUrls: turn.urls, turnSecret: turn.secret };
}
