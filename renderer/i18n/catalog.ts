/**
 * The message catalogue: every area's messages in every language. Add an area by writing
 * `messages/<area>.ts` (exports `en` and `de`) and listing it here once.
 */
import type { Message, Messages } from './catalog-types';
import * as common from './messages/common';
import * as shell from './messages/shell';
import * as tiles from './messages/tiles';
import * as noise from './messages/noise';
import * as settings from './messages/settings';
import * as devices from './messages/devices';
import * as a11y from './messages/a11y';
import * as start from './messages/start';
import * as lobby from './messages/lobby';
import * as toolbar from './messages/toolbar';
import * as call from './messages/call';
import * as chat from './messages/chat';
import * as participants from './messages/participants';
import * as meeting from './messages/meeting';
import * as share from './messages/share';
import * as effects from './messages/effects';
import * as errors from './messages/errors';
import * as recording from './messages/recording';

export const LOCALES = ['en', 'de'] as const;
export type Locale = (typeof LOCALES)[number];

/** Each language by its own name, as a language menu lists it (never translated). */
export const LANGUAGE_NAMES: Readonly<Record<Locale, string>> = { en: 'English', de: 'Deutsch' };

const en = {
  ...common.en,
  ...shell.en,
  ...tiles.en,
  ...noise.en,
  ...settings.en,
  ...devices.en,
  ...a11y.en,
  ...start.en,
  ...lobby.en,
  ...toolbar.en,
  ...call.en,
  ...chat.en,
  ...participants.en,
  ...meeting.en,
  ...share.en,
  ...effects.en,
  ...errors.en,
  ...recording.en,
} as const satisfies Messages;

export type MessageKey = keyof typeof en;

const de: Record<MessageKey, Message> = {
  ...common.de,
  ...shell.de,
  ...tiles.de,
  ...noise.de,
  ...settings.de,
  ...devices.de,
  ...a11y.de,
  ...start.de,
  ...lobby.de,
  ...toolbar.de,
  ...call.de,
  ...chat.de,
  ...participants.de,
  ...meeting.de,
  ...share.de,
  ...effects.de,
  ...errors.de,
  ...recording.de,
};

export const CATALOGS: Readonly<Record<Locale, Readonly<Record<MessageKey, Message>>>> = { en, de };
