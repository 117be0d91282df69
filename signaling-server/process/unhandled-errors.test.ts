import { EventEmitter } from 'node:events';
import { createMetrics } from '../metrics/metrics';
import { countUnhandledErrors } from './unhandled-errors';

const sources = { connections: () => 0, rooms: async () => 0, participants: async () => 0, sfuRooms: () => 0, sfuSessions: async () => 0, sfuPrewarmedRooms: () => 0 };

async function scraped(): Promise<Record<string, number>> {
  const text = await createMetrics(sources).registry.metrics();
  const out: Record<string, number> = {};
  for (const m of text.matchAll(/^confer_unhandled_errors_total\{kind="(\w+)"\} (\d+)$/gm)) out[m[1]] = Number(m[2]);
  return out;
}

describe('countUnhandledErrors', () => {
  it('counts rejections and exceptions into every server registry, logs the rejection, and installs once', async () => {
    const before = await scraped();
    expect(Object.keys(before).sort()).toEqual(['exception', 'rejection']);
    const proc = new EventEmitter();
    const lines: string[] = [];
    countUnhandledErrors(proc, (l) => lines.push(l));
    countUnhandledErrors(proc, (l) => lines.push(l));
    proc.emit('unhandledRejection', new Error('boom'));
    proc.emit('uncaughtExceptionMonitor', new Error('bang'));
    const after = await scraped();
    expect({ rejection: after.rejection - before.rejection, exception: after.exception - before.exception }).toEqual({ rejection: 1, exception: 1 });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('boom');
  });
});
