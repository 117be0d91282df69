/** The call's toolbar (its microphone and camera buttons also sit on the lobby's preview). */
import type { Translation } from '../catalog-types';

export const en = {
  'toolbar.label': 'Call controls',
  'toolbar.ctrlKey': 'Ctrl',
  'toolbar.mute': 'Mute microphone',
  'toolbar.unmute': 'Unmute microphone',
  'toolbar.cameraOff': 'Turn camera off',
  'toolbar.cameraOn': 'Turn camera on',
  'toolbar.share': 'Share screen',
  'toolbar.stopShare': 'Stop sharing screen',
  'toolbar.raiseHand': 'Raise hand',
  'toolbar.lowerHand': 'Lower hand',
  'toolbar.participants': 'Participants',
  'toolbar.waiting': { one: '{count} waiting to join', other: '{count} waiting to join' },
  'toolbar.chat': 'Chat',
  'toolbar.unread': '{count} unread',
  'toolbar.copyInvite': 'Copy invite link',
  'toolbar.leave': 'Leave call',
} as const;

export const de: Translation<typeof en> = {
  'toolbar.label': 'Anrufsteuerung',
  'toolbar.ctrlKey': 'Strg',
  'toolbar.mute': 'Mikrofon stummschalten',
  'toolbar.unmute': 'Mikrofon einschalten',
  'toolbar.cameraOff': 'Kamera ausschalten',
  'toolbar.cameraOn': 'Kamera einschalten',
  'toolbar.share': 'Bildschirm teilen',
  'toolbar.stopShare': 'Bildschirmfreigabe beenden',
  'toolbar.raiseHand': 'Hand heben',
  'toolbar.lowerHand': 'Hand senken',
  'toolbar.participants': 'Teilnehmende',
  'toolbar.waiting': { one: '{count} Person wartet auf Einlass', other: '{count} Personen warten auf Einlass' },
  'toolbar.chat': 'Chat',
  'toolbar.unread': '{count} ungelesen',
  'toolbar.copyInvite': 'Einladungslink kopieren',
  'toolbar.leave': 'Anruf verlassen',
};
