import { Counter } from 'prom-client';

/** Why an error reached the process unhandled. */
export type UnhandledKind = 'rejection' | 'exception';

/**
 * Errors nothing in the server handled: a promise rejected with no handler, an exception thrown
 * out of a callback. One per process (the process-level handlers that count them are per
 * process), registered into every server's registry by createMetrics. Both kinds start at 0 so
 * a scrape shows the series before anything went wrong, and a test can tell 0 from "absent".
 */
export const unhandledErrors = new Counter<'kind'>({
  name: 'confer_unhandled_errors_total',
  help: 'Promise rejections and exceptions that reached the process unhandled',
  labelNames: ['kind'],
  registers: [],
});
for (const kind of ['rejection', 'exception'] satisfies UnhandledKind[]) unhandledErrors.inc({ kind }, 0);
