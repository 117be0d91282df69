/** Noise suppression: its toggle (lobby and call), its status and problems. */
import type { Translation } from '../catalog-types';

export const en = {
  'noise.label': 'Noise suppression',
  'noise.description': 'Removes background noise (typing, fans, traffic) from your microphone.',
  'noise.on': 'On',
  'noise.off': 'Off',
  'noise.starting': 'Starting noise suppression…',
  'noise.overloaded': 'Noise suppression turned off: this computer cannot keep up. You can turn it on again under Background effects.',
  'noise.unsupported': 'Noise suppression needs a browser with AudioWorklet support. Your microphone is sent as is.',
  'noise.loadFailed': 'Noise suppression could not start. Your microphone is sent as is.',
} as const;

export const de: Translation<typeof en> = {
  'noise.label': 'Rauschunterdrückung',
  'noise.description': 'Entfernt Hintergrundgeräusche (Tippen, Lüfter, Verkehr) aus Ihrem Mikrofon.',
  'noise.on': 'An',
  'noise.off': 'Aus',
  'noise.starting': 'Rauschunterdrückung wird gestartet…',
  'noise.overloaded': 'Rauschunterdrückung ausgeschaltet: Dieser Computer kommt nicht hinterher. Sie können sie unter Hintergrundeffekte wieder einschalten.',
  'noise.unsupported': 'Rauschunterdrückung braucht einen Browser mit AudioWorklet-Unterstützung. Ihr Mikrofon wird unverändert übertragen.',
  'noise.loadFailed': 'Rauschunterdrückung konnte nicht starten. Ihr Mikrofon wird unverändert übertragen.',
};
