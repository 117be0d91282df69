/** Camera, microphone and speaker during a call: the toolbar's device menus and the device toasts. */
import type { Translation } from '../catalog-types';

export const en = {
  'devices.micMenu': 'Microphone and speaker options',
  'devices.cameraMenu': 'Camera options',
  'devices.microphone': 'Microphone',
  'devices.speaker': 'Speaker',
  'devices.camera': 'Camera',
  'devices.systemDefault': 'System default',
  'devices.noneFound': 'None found',
  'devices.cameraFellBack': 'Camera disconnected, using {label}',
  'devices.micFellBack': 'Microphone disconnected, using {label}',
  'devices.cameraNoneLeft': 'Camera disconnected and no other camera found: your camera is off. The call goes on.',
  'devices.micNoneLeft': 'Microphone disconnected and no other microphone found: you are muted. The call goes on.',
  'devices.cameraOffered': 'New camera connected: {label}',
  'devices.micOffered': 'New microphone connected: {label}',
  'devices.useIt': 'Use it',
} as const;

export const de: Translation<typeof en> = {
  'devices.micMenu': 'Mikrofon- und Lautsprecheroptionen',
  'devices.cameraMenu': 'Kameraoptionen',
  'devices.microphone': 'Mikrofon',
  'devices.speaker': 'Lautsprecher',
  'devices.camera': 'Kamera',
  'devices.systemDefault': 'Systemstandard',
  'devices.noneFound': 'Keine gefunden',
  'devices.cameraFellBack': 'Kamera getrennt, jetzt wird {label} verwendet',
  'devices.micFellBack': 'Mikrofon getrennt, jetzt wird {label} verwendet',
  'devices.cameraNoneLeft': 'Kamera getrennt und keine andere Kamera gefunden: Ihre Kamera ist aus. Der Anruf geht weiter.',
  'devices.micNoneLeft': 'Mikrofon getrennt und kein anderes Mikrofon gefunden: Sie sind stummgeschaltet. Der Anruf geht weiter.',
  'devices.cameraOffered': 'Neue Kamera angeschlossen: {label}',
  'devices.micOffered': 'Neues Mikrofon angeschlossen: {label}',
  'devices.useIt': 'Verwenden',
};
