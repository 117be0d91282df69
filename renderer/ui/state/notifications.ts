/**
 * System notifications while the call runs in the background: a knock (browser only: the desktop
 * app's tray already raises one), someone joining, a chat message, a message that mentions us.
 * notify-policy.ts decides when; this file listens to the Room and shows the web Notification.
 */
import type { Room } from '../../call/room';
import type { CallModel } from './call.svelte';
import { chatNotice, inBackground, NoticeThrottle } from '../lib/notify-policy';
import type { Notice, NoticeKind } from '../lib/notify-policy';
import { desktopApi, showAppWindow } from '../../desktop/bridge';
import { t } from '../../i18n/i18n.svelte';
import type { MessageKey } from '../../i18n/i18n.svelte';

const BODY_CHARS = 140;
const TITLE: Record<NoticeKind, MessageKey> = { knock: 'shell.notify.knock', join: 'shell.notify.joined', chat: 'shell.notify.chat', mention: 'shell.notify.mention' };

/** Asks for permission once it means something (after joining); never on page load. */
export function askNotificationPermission(): void {
  if (typeof Notification === 'undefined' || Notification.permission !== 'default') return;
  Notification.requestPermission().catch(() => {
    // Refused or unsupported: the call simply raises none.
  });
}

function show(notice: Notice, openChat: () => void): void {
  if (typeof Notification === 'undefined' || Notification.permission !== 'granted') return;
  const title = t(TITLE[notice.kind], { name: notice.name, count: notice.count });
  const body = notice.count === 1 && notice.text ? notice.text.slice(0, BODY_CHARS) : undefined;
  const n = new Notification(title, { body, tag: `confer-${notice.kind}` });
  n.onclick = () => {
    showAppWindow();
    if (notice.kind === 'chat' || notice.kind === 'mention') openChat();
    n.close();
  };
}

/** Raises notifications for this call until the returned function is called. */
export function watchForNotifications(room: Room, model: CallModel): () => void {
  askNotificationPermission();
  const throttle = new NoticeThrottle({
    now: () => Date.now(),
    setTimer: (fn, ms) => setTimeout(fn, ms),
    clearTimer: (timer) => clearTimeout(timer as ReturnType<typeof setTimeout>),
    inBackground: () => inBackground(document),
    show: (notice) => show(notice, () => model.panel !== 'chat' && model.togglePanel('chat')),
  });
  const knocksHere = desktopApi() === null;
  let waiting = new Set(room.meeting.current.waiting.map((w) => w.id));
  const offs = [
    room.on('participantJoined', (p) => {
      if (!p.isLocal) throttle.push({ kind: 'join', name: p.name });
    }),
    room.on('chatMessage', (m) => {
      const notice = chatNotice(m, model.local?.id ?? null, room.localParticipant.name);
      if (notice) throttle.push(notice);
    }),
    room.on('meetingChanged', (meeting) => {
      const before = waiting;
      waiting = new Set(meeting.waiting.map((w) => w.id));
      if (!knocksHere || !model.canModerate) return;
      for (const w of meeting.waiting) if (!before.has(w.id)) throttle.push({ kind: 'knock', name: w.name });
    }),
  ];
  return () => {
    throttle.dispose();
    for (const off of offs) off();
  };
}
