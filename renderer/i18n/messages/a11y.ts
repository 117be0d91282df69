/**
 * Accessible names and headings added for WCAG 2.1 AA: a button's name starts with, or holds, what
 * it shows (2.5.3 Label in Name: its label, the count on it), and the call view has a level-one
 * heading (read only by assistive technology).
 */
import type { Translation } from '../catalog-types';

export const en = {
  'a11y.callHeading': 'Video call',
  /** A name that starts with the button's visible label, then whom or what it is about: "Stop video, Ben", "Participants, 3". */
  'a11y.labelForPerson': '{label}, {name}',
} as const;

export const de: Translation<typeof en> = {
  'a11y.callHeading': 'Videoanruf',
  'a11y.labelForPerson': '{label}, {name}',
};
