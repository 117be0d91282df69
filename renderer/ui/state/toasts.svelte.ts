import { errorText } from '../lib/messages';

/** A button on a toast ("Use it"): runs `run`, then the toast goes. */
export interface ToastAction {
  label: string;
  run: () => void;
}

export interface Toast {
  id: number;
  text: string;
  kind: 'info' | 'error';
  action?: ToastAction;
}

let nextId = 1;
let list = $state.raw<Toast[]>([]);
/** Auto-dismiss timers by toast id (not reactive: nothing renders them). */
const timers: Record<number, ReturnType<typeof setTimeout>> = {};

/** Transient notices ("Link copied", engine errors). Read `toasts.list`; add with `showToast`. */
export const toasts = {
  get list(): readonly Toast[] {
    return list;
  },
};

export function showToast(text: string, kind: Toast['kind'] = 'info', ttlMs = kind === 'error' ? 10_000 : 4_000, action?: ToastAction): number {
  const id = nextId++;
  // A repeat of the newest toast replaces it instead of stacking copies.
  const last = list[list.length - 1];
  if (last && last.text === text && last.kind === kind) dismissToast(last.id);
  list = [...list, { id, text, kind, action }].slice(-4);
  timers[id] = setTimeout(() => dismissToast(id), ttlMs);
  return id;
}

export function dismissToast(id: number): void {
  clearTimeout(timers[id]);
  delete timers[id];
  list = list.filter((t) => t.id !== id);
}

/** Runs an engine call; a failure becomes an error toast with the engine's message instead of an unhandled rejection. */
export async function attempt(action: () => Promise<void>): Promise<boolean> {
  try {
    await action();
    return true;
  } catch (err) {
    showToast(errorText(err), 'error');
    return false;
  }
}
