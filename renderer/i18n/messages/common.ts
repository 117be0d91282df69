/** Words used all over the app. Each area of the UI has its own file beside this one. */
import type { Translation } from '../catalog-types';

export const en = {
  'common.close': 'Close',
  'common.cancel': 'Cancel',
  'common.ok': 'OK',
  'common.you': 'You',
  'common.setByOrganization': 'Set by your organization',
  'common.participants': { one: '{count} participant', other: '{count} participants' },
} as const;

export const de: Translation<typeof en> = {
  'common.close': 'Schließen',
  'common.cancel': 'Abbrechen',
  'common.ok': 'OK',
  'common.you': 'Sie',
  'common.setByOrganization': 'Von Ihrer Organisation festgelegt',
  'common.participants': { one: '{count} Person', other: '{count} Personen' },
};
