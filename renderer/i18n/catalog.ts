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

export const LOCALES = ['en', 'de'] as const;
export type Locale = (typeof LOCALES)[number];

const en = {
  ...common.en,
  ...shell.en,
  ...tiles.en,
  ...noise.en,
  ...settings.en,
  ...devices.en,
  ...a11y.en,
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
};

export const CATALOGS: Readonly<Record<Locale, Readonly<Record<MessageKey, Message>>>> = { en, de };
