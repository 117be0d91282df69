/**
 * The OS's power events that matter to a call: after sleep (or an unlock, which often follows a
 * sleep on laptops), the network paths may be gone or changed, and waiting for ICE to notice costs
 * seconds. The page is told at once and restarts ICE (renderer/call/room.ts `networkChanged`).
 */
import type { SystemWake } from '../../protocol/ipc/system';

/** The part of Electron's powerMonitor used here. */
export interface PowerPort {
  on(event: 'resume' | 'unlock-screen', listener: () => void): unknown;
  off(event: 'resume' | 'unlock-screen', listener: () => void): unknown;
}

/** Calls `wake` with the cause on each resume and unlock; returns the unsubscribe. */
export function watchPower(power: PowerPort, wake: (cause: SystemWake) => void): () => void {
  const causes = ['resume', 'unlock-screen'] as const;
  const listeners = causes.map((cause) => {
    const listener = () => wake(cause);
    power.on(cause, listener);
    return [cause, listener] as const;
  });
  return () => {
    for (const [cause, listener] of listeners) power.off(cause, listener);
  };
}
