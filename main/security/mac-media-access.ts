/**
 * macOS privacy (TCC) for camera, microphone and screen recording. Camera and microphone can be
 * asked for; screen recording can only be checked, and a refusal undone only in System Settings.
 */

/** The parts of Electron's systemPreferences used here (macOS only). */
export interface MacPrivacyPort {
  getMediaAccessStatus(type: 'camera' | 'microphone' | 'screen'): string;
  askForMediaAccess(type: 'camera' | 'microphone'): Promise<boolean>;
}

/** System Settings › Privacy & Security › Screen Recording, opened from the guidance dialog. */
export const MAC_SCREEN_RECORDING_SETTINGS_URL = 'x-apple.systempreferences:com.apple.preference.security?Privacy_ScreenCapture';

const DEVICE_FOR: Readonly<Record<string, 'camera' | 'microphone'>> = { video: 'camera', audio: 'microphone' };

/**
 * Before camera or microphone capture on macOS: asks the user for each device whose status is
 * still 'not-determined', one after the other (macOS shows one prompt at a time). Other statuses
 * are left alone: a refusal is reported by Chromium itself as "Permission denied by system", which
 * the page turns into advice. Elsewhere it does nothing.
 */
export async function askForDeviceAccess(platform: string, prefs: MacPrivacyPort, mediaTypes: readonly string[], warn: (m: string) => void): Promise<void> {
  if (platform !== 'darwin') return;
  for (const type of mediaTypes) {
    const device = DEVICE_FOR[type];
    if (!device || prefs.getMediaAccessStatus(device) !== 'not-determined') continue;
    try {
      await prefs.askForMediaAccess(device);
    } catch (e) {
      warn(`asking for ${device} access failed: ${(e as Error).message}`);
    }
  }
}

/** Screen-recording access on macOS ('granted' elsewhere, where nothing needs asking). */
export function screenAccess(platform: string, prefs: Pick<MacPrivacyPort, 'getMediaAccessStatus'>): 'not-determined' | 'granted' | 'denied' | 'restricted' | 'unknown' {
  if (platform !== 'darwin') return 'granted';
  const status = prefs.getMediaAccessStatus('screen');
  return status === 'not-determined' || status === 'granted' || status === 'denied' || status === 'restricted' ? status : 'unknown';
}
