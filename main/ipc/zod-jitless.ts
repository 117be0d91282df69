/**
 * Turns off zod's JIT before any schema exists. zod probes `new Function("")` to decide whether it
 * may compile parsers; under the app's CSP (no 'unsafe-eval') that probe is reported as a CSP
 * violation even though zod catches the error. The preload imports this module first, because
 * object schemas read the setting when they are built, at module load.
 */
import { z } from 'zod';

z.config({ jitless: true });
