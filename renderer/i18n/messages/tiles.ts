/** The call's tiles: reactions, pinning, speaker view, hiding the self view. */
import type { Translation } from '../catalog-types';

export const en = {
  'tiles.reactions': 'Reactions',
  'tiles.reactWith': 'React with {emoji}',
  'tiles.reacted': '{name} reacted {emoji}',
  'tiles.youReacted': 'You reacted {emoji}',
  'tiles.pin': 'Pin {name}',
  'tiles.unpin': 'Unpin {name}',
  'tiles.speakerView': 'Speaker view',
  'tiles.hideSelf': 'Hide self view',
  'tiles.showSelf': 'Show self view',
  'tiles.selfHidden': 'Your video is hidden from you. The others still see it.',
  'tiles.pages': 'Pages of participants',
  'tiles.pageOf': 'Page {page} of {pages}',
  'tiles.previousPage': 'Previous page',
  'tiles.nextPage': 'Next page',
  'tiles.perPage': 'Tiles per page',
} as const;

export const de: Translation<typeof en> = {
  'tiles.reactions': 'Reaktionen',
  'tiles.reactWith': 'Mit {emoji} reagieren',
  'tiles.reacted': '{name} hat mit {emoji} reagiert',
  'tiles.youReacted': 'Sie haben mit {emoji} reagiert',
  'tiles.pin': '{name} anheften',
  'tiles.unpin': '{name} nicht mehr anheften',
  'tiles.speakerView': 'Sprecheransicht',
  'tiles.hideSelf': 'Eigene Ansicht ausblenden',
  'tiles.showSelf': 'Eigene Ansicht einblenden',
  'tiles.selfHidden': 'Ihr Video ist für Sie ausgeblendet. Die anderen sehen es weiterhin.',
  'tiles.pages': 'Seiten der Teilnehmenden',
  'tiles.pageOf': 'Seite {page} von {pages}',
  'tiles.previousPage': 'Vorherige Seite',
  'tiles.nextPage': 'Nächste Seite',
  'tiles.perPage': 'Kacheln pro Seite',
};
