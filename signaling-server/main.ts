import { ConfigError, loadStartupConfig, withBundledTurn } from './config';
import type { StartupConfig } from './config';
import { describeConfig } from './config-summary';
import { startSfu } from './janus/sfu';
import { createServer } from './server';
import { countUnhandledErrors } from './process/unhandled-errors';
import { startBundledTurn } from './turn/bundled-turn';

/** The CLI entry: `node dist/server/signaling-server/main.js`, configured by environment variables. */
async function main(): Promise<void> {
  countUnhandledErrors();
  let startup: StartupConfig;
  try {
    // The one place the environment is read.
    startup = loadStartupConfig(process.env);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    console.error(err.message);
    process.exit(2);
  }
  const turn = startup.bundledTurn ? await startBundledTurn(startup.bundledTurn) : null;
  const config = turn ? withBundledTurn(startup.server, turn) : startup.server;
  if (config.iceTransportPolicy === 'relay' && (config.turnUrls.length === 0 || !config.turnSecret)) {
    // Only the bundled coturn could have provided TURN, and it did not start.
    console.error('ICE_TRANSPORT_POLICY=relay needs TURN, and the bundled coturn is not running: without TURN no call could connect');
    await turn?.stop();
    process.exit(2);
  }
  // JANUS_URL, else the bundled Janus when installed, else none (rooms stay mesh).
  const sfu = await startSfu(startup.sfu);
  const server = createServer(config, { sfu });
  const { port } = await server.listen();
  console.info(`Serving on http://localhost:${port}`);
  console.info(describeConfig({ ...config, port }).join('\n'));

  let stopping = false;
  const stop = (signal: string) => {
    // A second signal means the operator does not want to wait.
    if (stopping) process.exit(1);
    stopping = true;
    console.info(`${signal}: closing connections`);
    const timer = setTimeout(() => process.exit(1), 5000);
    timer.unref();
    server
      .close()
      .then(() => Promise.allSettled([turn?.stop(), sfu.stop()]))
      .then(
        () => process.exit(0),
        () => process.exit(1),
      );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
