/** Screen sharing: the banner, a shared screen's tile, the desktop app's picker, and why a share failed. */
import type { Translation } from '../catalog-types';

export const en = {
  'share.banner': 'You are sharing your screen',
  'share.stop': 'Stop sharing',
  'share.tileLabel': "{name}'s screen",
  'share.presenting': '{name} is presenting',
  'share.sinkFailed': "Couldn't play {name}'s shared audio on the chosen speaker.",
  'share.pickerTitle': 'Share your screen',
  'share.what': 'What to share',
  'share.screens': 'Screens',
  'share.windows': 'Windows',
  'share.looking': 'Looking for screens and windows…',
  'share.listFailed': 'Screens and windows could not be listed. Check the screen-recording permission and try again.',
  'share.noScreens': 'No screens found.',
  'share.noWindows': 'No windows to share.',
  'share.audio': 'Share system audio',
  'share.share': 'Share',
  'share.refused':
    'Screen sharing is blocked by the system. Allow screen recording for this app in the system settings (on a Mac: System Settings › Privacy & Security › Screen & System Audio Recording), then try again.',
  'share.failed': 'The screen could not be captured. Another app may be using it; try again.',
  'share.unavailable': 'Screen sharing is not available in this browser.',
  'share.noVideo': 'The chosen source gave no video.',
  'share.notJoined': 'Join the call before sharing your screen.',
} as const;

export const de: Translation<typeof en> = {
  'share.banner': 'Sie teilen Ihren Bildschirm',
  'share.stop': 'Freigabe beenden',
  'share.tileLabel': 'Bildschirm von {name}',
  'share.presenting': '{name} präsentiert',
  'share.sinkFailed': 'Der geteilte Ton von {name} konnte nicht über den gewählten Lautsprecher abgespielt werden.',
  'share.pickerTitle': 'Bildschirm teilen',
  'share.what': 'Was geteilt wird',
  'share.screens': 'Bildschirme',
  'share.windows': 'Fenster',
  'share.looking': 'Bildschirme und Fenster werden gesucht…',
  'share.listFailed': 'Bildschirme und Fenster konnten nicht aufgelistet werden. Prüfen Sie die Berechtigung zur Bildschirmaufnahme und versuchen Sie es erneut.',
  'share.noScreens': 'Keine Bildschirme gefunden.',
  'share.noWindows': 'Keine Fenster zum Teilen.',
  'share.audio': 'Systemton teilen',
  'share.share': 'Teilen',
  'share.refused':
    'Die Bildschirmfreigabe wird vom System blockiert. Erlauben Sie dieser App die Bildschirmaufnahme in den Systemeinstellungen (auf dem Mac: Systemeinstellungen › Datenschutz & Sicherheit › Bildschirm- & Systemaudioaufnahme) und versuchen Sie es erneut.',
  'share.failed': 'Der Bildschirm konnte nicht aufgenommen werden. Eventuell nutzt ihn eine andere App; versuchen Sie es erneut.',
  'share.unavailable': 'Bildschirmfreigabe ist in diesem Browser nicht verfügbar.',
  'share.noVideo': 'Die gewählte Quelle liefert kein Video.',
  'share.notJoined': 'Treten Sie dem Anruf bei, bevor Sie Ihren Bildschirm teilen.',
};
