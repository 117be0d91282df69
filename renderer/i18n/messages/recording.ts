/** Recording: the indicator, the hosts' Record/Stop button, the lobby notice and the recordings list. */
import type { Translation } from '../catalog-types';

export const en = {
  'recording.indicator': 'Recording',
  'recording.indicatorBy': 'Recording, started by {by}',
  'recording.start': 'Record',
  'recording.stop': 'Stop recording',
  'recording.started': '{by} started recording this meeting.',
  'recording.stopped': 'Recording stopped.',
  'recording.lobbyNotice': 'This meeting is being recorded. By joining, you will be in the recording.',
  'recording.listTitle': 'Recordings',
  'recording.listEmpty': 'No recordings of this meeting yet.',
  'recording.refresh': 'Refresh',
  'recording.download': 'Download',
  'recording.downloadOf': 'Download the recording of {time}',
  'recording.state.recording': 'Recording',
  'recording.state.composing': 'Being prepared',
  'recording.state.uploading': 'Uploading',
  'recording.state.ready': 'Ready',
  'recording.state.failed': 'Failed: {reason}',
  'recording.summary': '{time}, {duration}, {size}',
} as const;

export const de: Translation<typeof en> = {
  'recording.indicator': 'Aufnahme',
  'recording.indicatorBy': 'Aufnahme, gestartet von {by}',
  'recording.start': 'Aufnehmen',
  'recording.stop': 'Aufnahme beenden',
  'recording.started': '{by} hat die Aufnahme dieses Meetings gestartet.',
  'recording.stopped': 'Die Aufnahme wurde beendet.',
  'recording.lobbyNotice': 'Dieses Meeting wird aufgenommen. Wenn Sie beitreten, sind Sie in der Aufnahme zu sehen und zu hören.',
  'recording.listTitle': 'Aufnahmen',
  'recording.listEmpty': 'Noch keine Aufnahmen dieses Meetings.',
  'recording.refresh': 'Aktualisieren',
  'recording.download': 'Herunterladen',
  'recording.downloadOf': 'Aufnahme von {time} herunterladen',
  'recording.state.recording': 'Wird aufgenommen',
  'recording.state.composing': 'Wird vorbereitet',
  'recording.state.uploading': 'Wird hochgeladen',
  'recording.state.ready': 'Bereit',
  'recording.state.failed': 'Fehlgeschlagen: {reason}',
  'recording.summary': '{time}, {duration}, {size}',
};
