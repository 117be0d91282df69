/** The chat panel. */
import type { Translation } from '../catalog-types';

export const en = {
  'chat.title': 'Chat',
  'chat.history': 'Message history',
  'chat.empty': 'No messages yet. Say hello!',
  'chat.inputLabel': 'Chat message',
  'chat.placeholder': 'Write a message',
  'chat.send': 'Send',
} as const;

export const de: Translation<typeof en> = {
  'chat.title': 'Chat',
  'chat.history': 'Nachrichtenverlauf',
  'chat.empty': 'Noch keine Nachrichten. Sagen Sie Hallo!',
  'chat.inputLabel': 'Chatnachricht',
  'chat.placeholder': 'Nachricht schreiben',
  'chat.send': 'Senden',
};
