/**
 * Entry run where the server is reachable (an e2e test's namespace, through ./cheap-publisher-ns.ts),
 * `node --import tsx cheap-publisher-cli.ts <mode> <json options>`:
 *
 * - `publish`: startCheapPublishers with the options (`room` absent: a new meeting, waiting room
 *   off, made with POST /api/meetings). Prints JSON lines: `{event:'meeting',room}`,
 *   `{event:'started'}`, and `{event:'stats',…}` (every publisher's stats and this process's CPU
 *   time since the last stats line) for each `stats` line on stdin; `close` on stdin (or SIGTERM)
 *   leaves the room and exits.
 * - `janus`: what Janus itself says (./cheap-publisher-janus.ts), one JSON line, then exits.
 */
import { createInterface } from 'node:readline';
import type { CreateMeetingResponse } from '../../protocol';
import { startCheapPublishers, type CheapPublisherOptions } from './cheap-publisher';
import { janusView, type JanusViewOptions } from './cheap-publisher-janus';

const out = (o: unknown) => process.stdout.write(`${JSON.stringify(o)}\n`);

async function publish(opts: Omit<CheapPublisherOptions, 'room' | 'log'> & { room?: string; verbose?: boolean }): Promise<void> {
  let room = opts.room;
  if (!room) {
    const res = await fetch(`${opts.baseUrl}/api/meetings`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: opts.baseUrl },
      body: JSON.stringify({ waitingRoom: false }),
    });
    if (!res.ok) throw new Error(`POST /api/meetings: ${res.status} ${await res.text()}`);
    room = ((await res.json()) as CreateMeetingResponse).meeting;
  }
  out({ event: 'meeting', room });
  const log = opts.verbose ? (l: string) => process.stderr.write(`${new Date().toISOString().slice(11, 23)} ${l}\n`) : undefined;
  const started = Date.now();
  const pubs = await startCheapPublishers({ ...opts, room, log });
  out({ event: 'started', ms: Date.now() - started, count: pubs.publishers.length });
  let cpu = process.cpuUsage();
  let at = process.hrtime.bigint();
  let closing = false;
  const close = async () => {
    if (closing) return;
    closing = true;
    await pubs.close();
    out({ event: 'closed' });
    process.exit(0);
  };
  process.on('SIGTERM', () => void close());
  createInterface({ input: process.stdin }).on('line', (line) => {
    if (line.trim() === 'close') return void close();
    if (line.trim() !== 'stats') return;
    void pubs.stats().then((publishers) => {
      const now = process.hrtime.bigint();
      const used = process.cpuUsage(cpu);
      const wallMs = Number(now - at) / 1e6;
      cpu = process.cpuUsage();
      at = now;
      out({ event: 'stats', wallMs, cpuMs: (used.user + used.system) / 1000, rssMb: process.memoryUsage().rss / 2 ** 20, publishers });
    });
  });
  process.stdin.on('end', () => void close());
}

async function main(): Promise<void> {
  const [mode, json] = process.argv.slice(2);
  const opts = JSON.parse(json ?? '{}') as Record<string, unknown>;
  if (mode === 'publish') return publish(opts as unknown as Parameters<typeof publish>[0]);
  if (mode === 'janus') {
    out({ event: 'janus', view: await janusView(opts as unknown as JanusViewOptions) });
    process.exit(0);
  }
  throw new Error(`unknown mode ${mode}`);
}

main().catch((e: unknown) => {
  out({ event: 'error', message: e instanceof Error ? (e.stack ?? e.message) : String(e) });
  process.exit(1);
});
