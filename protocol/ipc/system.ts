/** System channels: main tells the page when the computer woke up or was unlocked, so calls heal early. */
import { z } from 'zod';

export const SystemChannels = {
  /** main → renderer: the OS resumed from sleep or the screen was unlocked; network paths may have changed. */
  wake: 'confer:system:wake',
} as const;

export const SystemWakeSchema = z.object({ cause: z.enum(['resume', 'unlock-screen']) }).strict();
export type SystemWake = z.infer<typeof SystemWakeSchema>['cause'];
