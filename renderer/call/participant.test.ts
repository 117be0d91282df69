import type { ParticipantView } from './api';
import { RECONNECTING_NOTICE_MS, RemoteParticipant } from './participant';

afterEach(() => jest.useRealTimers());

function bob() {
  const p = new RemoteParticipant({ id: 'bob-000002', name: 'Bob', media: { mic: true, camera: true, screen: false, hand: false }, joinedAt: 1 });
  const seen: ParticipantView['connection'][] = [];
  p.on('updated', (v) => seen.push(v.connection));
  return { p, seen };
}

it('shows "reconnecting" only when a connected peer stays down for RECONNECTING_NOTICE_MS', () => {
  jest.useFakeTimers();
  const { p, seen } = bob();
  p.setConnection('connected');
  p.setConnection('reconnecting');
  jest.advanceTimersByTime(RECONNECTING_NOTICE_MS - 1);
  p.setConnection('connected'); // healed within the grace: no notice
  jest.advanceTimersByTime(RECONNECTING_NOTICE_MS * 2);
  expect(seen).toEqual(['connected']);

  p.setConnection('reconnecting');
  jest.advanceTimersByTime(RECONNECTING_NOTICE_MS);
  expect(seen).toEqual(['connected', 'reconnecting']);
  expect(p.view.connection).toBe('reconnecting');
});

it('shows failure at once, and a participant who left gets no late notice', () => {
  jest.useFakeTimers();
  const { p, seen } = bob();
  p.setConnection('connected');
  p.setConnection('reconnecting');
  p.setConnection('failed');
  expect(seen).toEqual(['connected', 'failed']);

  const other = bob();
  other.p.setConnection('connected');
  other.p.setConnection('reconnecting');
  other.p.dispose();
  jest.advanceTimersByTime(RECONNECTING_NOTICE_MS * 2);
  expect(other.seen).toEqual(['connected']);
  expect(other.p.view.connection).toBe('connected');
});

it('takes every media field the server sends (videoPaused too), and ignores an update that changes nothing', () => {
  const { p } = bob();
  const views: ParticipantView[] = [];
  p.on('updated', (v) => views.push(v));
  p.setMedia({ mic: true, camera: true, screen: false, hand: false, videoPaused: true });
  expect(p.view.media.videoPaused).toBe(true);
  p.setMedia({ mic: true, camera: true, screen: false, hand: false, videoPaused: true });
  p.setMedia({ mic: true, camera: true, screen: false, hand: false, videoPaused: false });
  expect(views.map((v) => v.media.videoPaused)).toEqual([true, false]);
});
