/**
 * Whether noise suppression starts on. Pure.
 *
 * Desktop app: the settings' `noiseSuppression` (on unless the user's settings.json or the policy
 * says otherwise), which the in-app toggle and the settings window both write, so there is one value.
 * A key fixed by the policy is locked: the toggle shows it and cannot change it.
 *
 * Plain browser: the remembered choice, off by default. The browser already applies its own noise
 * suppression to the microphone (getUserMedia `noiseSuppression: true`, local-media.ts), and a guest
 * opening an invite link should not download and run a 1.9 MB wasm worklet on a machine and browser
 * we know nothing about; who wants more suppression turns it on once and it is remembered.
 */
export const BROWSER_DEFAULT = false;

/** A remembered choice as stored in prefs: '' = never chosen. */
export type RememberedChoice = '' | 'on' | 'off';

export interface ChoiceInputs {
  /** The desktop app's effective setting, null in a plain browser. */
  desktop: { value: boolean; managed: boolean } | null;
  /** The browser's remembered choice (not used in the desktop app). */
  remembered: RememberedChoice;
}

export interface Choice {
  on: boolean;
  /** Fixed by the organization's policy. */
  locked: boolean;
}

export function initialChoice({ desktop, remembered }: ChoiceInputs): Choice {
  if (desktop) return { on: desktop.value, locked: desktop.managed };
  return { on: remembered === '' ? BROWSER_DEFAULT : remembered === 'on', locked: false };
}
