/**
 * Chromium switches the call engine needs, set on the command line before 'ready'.
 *
 * WebRTC-LegacySimulcastLayerLimit caps the number of simulcast layers by the capture size: a
 * 640x360 camera sends only two of the publisher's three encodings (90p and 180p), so on the SFU a
 * large tile gets 180p where mesh showed it 360p. Disabled, the full-size layer flows too (checked
 * in Debian Chromium with this trial: 'f' then sends 640x360 beside 'h' and 'q'). A plain browser
 * keeps its default, two layers.
 */
export const WEBRTC_FIELD_TRIALS: Readonly<Record<string, string>> = { 'WebRTC-LegacySimulcastLayerLimit': 'Disabled' };

/** The part of Electron's `app.commandLine` used here. */
export interface CommandLine {
  getSwitchValue(name: string): string;
  appendSwitch(name: string, value?: string): void;
}

/** Chromium's "Trial/Group/Trial/Group/" string as pairs; a malformed one yields what parses. */
function parseTrials(value: string): Map<string, string> {
  const parts = value.split('/').filter((p) => p.length > 0);
  const out = new Map<string, string>();
  for (let i = 0; i + 1 < parts.length; i += 2) out.set(parts[i], parts[i + 1]);
  return out;
}

/** `existing` with `add` merged in: a trial already chosen on the command line (by IT, say) is kept. */
export function mergeFieldTrials(existing: string, add: Readonly<Record<string, string>>): string {
  const trials = parseTrials(existing);
  for (const [trial, group] of Object.entries(add)) if (!trials.has(trial)) trials.set(trial, group);
  return [...trials].map(([t, g]) => `${t}/${g}/`).join('');
}

/** Sets `--force-fieldtrials` to the given trials plus ours (Electron keeps the last value of a switch). */
export function applyWebrtcFieldTrials(cmd: CommandLine, add: Readonly<Record<string, string>> = WEBRTC_FIELD_TRIALS): string {
  const value = mergeFieldTrials(cmd.getSwitchValue('force-fieldtrials'), add);
  cmd.appendSwitch('force-fieldtrials', value);
  return value;
}
