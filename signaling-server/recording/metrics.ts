/** Recording metrics: recordings running, composition jobs by state, compose time per recorded time. */
import { Gauge, type Registry } from 'prom-client';
import type { JobCounts } from './work';

export interface RecordingMetricSources {
  active(): number;
  jobs(): Promise<JobCounts>;
}

/** Registers the gauges; returns the setter of the compose ratio (called after each composition). */
export function registerRecordingMetrics(registry: Registry, sources: RecordingMetricSources): (ratio: number) => void {
  new Gauge({
    name: 'confer_recordings_active',
    help: 'Rooms being recorded on this node',
    registers: [registry],
    collect() {
      this.set(sources.active());
    },
  });
  new Gauge({
    name: 'confer_recording_jobs',
    help: 'Composition jobs by state (failed: since the start)',
    labelNames: ['state'] as const,
    registers: [registry],
    async collect() {
      const c = await sources.jobs();
      this.set({ state: 'waiting' }, c.waiting);
      this.set({ state: 'running' }, c.running);
      this.set({ state: 'failed' }, c.failed);
    },
  });
  const ratio = new Gauge({
    name: 'confer_recording_compose_ratio',
    help: 'Compose seconds per recorded second, of the last composition',
    registers: [registry],
  });
  return (r) => ratio.set(r);
}
