import { desktopApi, desktopSettings, setDesktopSetting } from '../../desktop/bridge';
import { t, type MessageKey } from '../../i18n/i18n.svelte';
import { initialChoice, type RememberedChoice } from '../../media/noise/choice';
import type { NoiseErrorCode } from '../../media/noise/errors';
import { NoiseSuppressor } from '../../media/noise/noise-suppressor';
import { createNoiseGraph } from '../../media/noise/worklet-graph';
import { prefs, setPref } from './prefs.svelte';
import { showToast } from './toasts.svelte';

const ERROR_TEXT: Record<NoiseErrorCode, MessageKey> = { UNSUPPORTED: 'noise.unsupported', LOAD_FAILED: 'noise.loadFailed' };

/**
 * The noise-suppression view model, one per page: the lobby and the call share its suppressor, so
 * the choice made in the lobby already runs when the call starts.
 */
export class NoiseModel {
  readonly engine = new NoiseSuppressor(createNoiseGraph);
  #on = $state(false);
  #busy = $state(false);
  #error = $state<NoiseErrorCode | null>(null);
  #locked = $state(false);
  #started = false;

  constructor() {
    this.engine.on('changed', () => {
      this.#on = this.engine.enabled;
      this.#busy = this.engine.busy;
      this.#error = this.engine.error;
    });
    // Not remembered as off: the next call tries again.
    this.engine.on('overloaded', () => void showToast(t('noise.overloaded'), 'error'));
  }

  get on() { return this.#on; }
  get busy() { return this.#busy; }
  get locked() { return this.#locked; }
  /** The last problem as a sentence, in the current language. */
  get error(): string | null { return this.#error ? t(ERROR_TEXT[this.#error]) : null; }

  /** Applies the starting choice (desktop setting or remembered choice) once per page. */
  async start(): Promise<void> {
    if (this.#started) return;
    this.#started = true;
    const settings = await desktopSettings().catch(() => null);
    const remembered: RememberedChoice = prefs.noiseSuppression === 'on' || prefs.noiseSuppression === 'off' ? prefs.noiseSuppression : '';
    const desktop = settings ? { value: settings.noiseSuppression, managed: settings.managed.includes('noiseSuppression') } : null;
    const choice = initialChoice({ desktop, remembered });
    this.#locked = choice.locked;
    if (choice.on) await this.engine.setEnabled(true);
  }

  /** Call over: frees the audio graph; the next lobby applies the choice again. */
  release(): void {
    this.engine.stop();
    this.#started = false;
  }

  /** The user's toggle: applied and remembered (the desktop app's setting, or the browser's prefs). */
  async set(on: boolean): Promise<void> {
    if (this.#locked) return;
    if (desktopApi()) {
      const result = await setDesktopSetting({ key: 'noiseSuppression', value: on }).catch((e: Error) => ({ ok: false as const, message: e.message }));
      if (result && !result.ok) console.warn(`noise suppression not saved: ${result.message}`);
    } else {
      setPref('noiseSuppression', on ? 'on' : 'off');
    }
    await this.engine.setEnabled(on);
  }
}

let instance: NoiseModel | null = null;

/** The page's noise-suppression model (created on first use). */
export function noiseModel(): NoiseModel {
  instance ??= new NoiseModel();
  return instance;
}
