import { ConfigError, loadConfig } from './config';
import { describeConfig } from './config-summary';
import { disabledSfu, startSfu, type SfuHandle } from './janus/sfu';
import { createServer } from './server';
import { countUnhandledErrors } from './process/unhandled-errors';
import { holdDownFromEnv } from './topology/topology';
import { startBundledTurn, type BundledTurn } from './turn/bundled-turn';

/** The CLI entry: `node dist/server/signaling-server/main.js`, configured by environment variables. */
async function main(): Promise<void> {
  countUnhandledErrors();
  let config;
  let turn: BundledTurn | null = null;
  let sfu: SfuHandle = disabledSfu();
  let holdDownMs = 15_000;
  try {
    turn = await startBundledTurn(process.env);
    config = loadConfig({ ...process.env, ...turn?.env });
    holdDownMs = holdDownFromEnv(process.env); // checked at start; the topology wiring reads it
    // JANUS_URL, else the bundled Janus when installed, else none (rooms stay mesh).
    sfu = await startSfu(process.env);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    console.error(err.message);
    process.exit(2);
  }
  const server = createServer(config, { sfu, topologyHoldDownMs: holdDownMs });
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
