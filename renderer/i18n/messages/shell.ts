/** The desktop shell's extras: mini window, push-to-talk, notifications while the window is in the background. */
import type { Translation } from '../catalog-types';

export const en = {
  'shell.pushToTalk.active': 'Push to talk: microphone on',
  'shell.mini.popOut': 'Pop out',
  'shell.mini.popOutHint': 'Show the active speaker in a small window on top',
  'shell.mini.title': 'Confer: {name}',
  'shell.mini.back': 'Back to the call window',
  'shell.mini.nobody': 'Nobody else is here yet',
  'shell.mini.you': '{name} (you)',
  'shell.mini.mute': 'Mute microphone',
  'shell.mini.unmute': 'Unmute microphone',
  'shell.mini.cameraOff': 'Turn camera off',
  'shell.mini.cameraOn': 'Turn camera on',
  'shell.mini.leave': 'Leave call',
  'shell.notify.knock': { one: '{name} is waiting to join', other: '{count} people are waiting to join' },
  'shell.notify.joined': { one: '{name} joined the call', other: '{count} people joined the call' },
  'shell.notify.chat': { one: 'Message from {name}', other: '{count} new messages' },
  'shell.notify.mention': { one: '{name} mentioned you', other: '{count} messages mention you' },
} as const;

export const de: Translation<typeof en> = {
  'shell.pushToTalk.active': 'Push-to-Talk: Mikrofon an',
  'shell.mini.popOut': 'Minifenster',
  'shell.mini.popOutHint': 'Die sprechende Person in einem kleinen Fenster im Vordergrund zeigen',
  'shell.mini.title': 'Confer: {name}',
  'shell.mini.back': 'Zurück zum Anruffenster',
  'shell.mini.nobody': 'Noch niemand sonst ist hier',
  'shell.mini.you': '{name} (Sie)',
  'shell.mini.mute': 'Mikrofon stummschalten',
  'shell.mini.unmute': 'Mikrofon einschalten',
  'shell.mini.cameraOff': 'Kamera ausschalten',
  'shell.mini.cameraOn': 'Kamera einschalten',
  'shell.mini.leave': 'Anruf verlassen',
  'shell.notify.knock': { one: '{name} wartet auf Einlass', other: '{count} Personen warten auf Einlass' },
  'shell.notify.joined': { one: '{name} ist dem Anruf beigetreten', other: '{count} Personen sind dem Anruf beigetreten' },
  'shell.notify.chat': { one: 'Nachricht von {name}', other: '{count} neue Nachrichten' },
  'shell.notify.mention': { one: '{name} hat Sie erwähnt', other: '{count} Nachrichten erwähnen Sie' },
};
