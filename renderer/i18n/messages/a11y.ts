/**
 * Accessible names and headings added for WCAG 2.1 AA: a button's name starts with, or holds, what
 * it shows (2.5.3 Label in Name: its label, the count on it), and the call view has a level-one
 * heading (read only by assistive technology).
 */
import type { Translation } from '../catalog-types';

export const en = {
  'a11y.callHeading': 'Video call',
  'a11y.participantsButton': 'Participants, {count}',
  'a11y.participantsButtonWaiting': { one: 'Participants, {count} waiting to join', other: 'Participants, {count} waiting to join' },
  'a11y.chatButtonUnread': 'Chat, {unread} unread',
  /** A button about one person, e.g. "Stop video, Ben": its visible label first, then whom it is for. */
  'a11y.labelForPerson': '{label}, {name}',
} as const;

export const de: Translation<typeof en> = {
  'a11y.callHeading': 'Videoanruf',
  'a11y.participantsButton': 'Teilnehmende, {count}',
  'a11y.participantsButtonWaiting': { one: 'Teilnehmende, {count} wartet auf Einlass', other: 'Teilnehmende, {count} warten auf Einlass' },
  'a11y.chatButtonUnread': 'Chat, {unread} ungelesen',
  'a11y.labelForPerson': '{label}, {name}',
};
