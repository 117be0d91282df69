/**
 * The desktop app's getDisplayMedia: Electron 41 rejects a cancelled, refused or failed pick with
 * the same AbortError ("Error starting capture", its CAPTURE_FAILURE); the picker's closed event
 * says which, and may arrive just before or just after the rejection.
 */
import { desktopGetDisplayMedia, shareEndForReason } from './share-outcome';
import type { CloseReason, DesktopPickerApi } from './bridge';
import { ShareEndedError } from '../call/share/share-end';
import { captureScreen } from '../call/share/capture';

const electronAbort = () => Object.assign(new Error('Error starting capture'), { name: 'AbortError' });

function fakePicker() {
  const listeners = new Set<(e: { requestId: string; reason: CloseReason }) => void>();
  const picker: Pick<DesktopPickerApi, 'onClosed'> = {
    onClosed: (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
  };
  const close = (reason: CloseReason) => listeners.forEach((l) => l({ requestId: 'req-0000-0001', reason }));
  return { picker, close, listeners };
}

/** getDisplayMedia as the page sees it in Electron: the closed event, then (or after) the AbortError. */
function electronPick(p: ReturnType<typeof fakePicker>, reason: CloseReason | null, eventAfterRejection = false) {
  return async () => {
    if (reason && !eventAfterRejection) p.close(reason);
    if (reason && eventAfterRejection) setTimeout(() => p.close(reason), 5);
    throw electronAbort();
  };
}

async function endOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'stream';
  } catch (e) {
    return e instanceof ShareEndedError ? e.end : `other:${String(e)}`;
  }
}

describe('desktop share outcome', () => {
  it.each([
    ['cancelled', 'cancelled'],
    ['timeout', 'cancelled'],
    ['superseded', 'cancelled'],
    ['window-closed', 'cancelled'],
    ['screen-access-denied', 'refused'],
    ['failed', 'failed'],
  ] as const)('reason %s → %s', async (reason, end) => {
    const p = fakePicker();
    expect(await endOf(desktopGetDisplayMedia(electronPick(p, reason), p.picker)({}))).toBe(end);
    expect(shareEndForReason(reason)).toBe(end);
  });

  it('waits for a reason that arrives after the rejection', async () => {
    const p = fakePicker();
    expect(await endOf(desktopGetDisplayMedia(electronPick(p, 'cancelled', true), p.picker, 500)({}))).toBe('cancelled');
  });

  it('without a reason, reads the error as a browser would (an AbortError is a failure)', async () => {
    const p = fakePicker();
    expect(await endOf(desktopGetDisplayMedia(electronPick(p, null), p.picker, 10)({}))).toBe('failed');
  });

  it('stops listening once settled', async () => {
    const p = fakePicker();
    await endOf(desktopGetDisplayMedia(electronPick(p, 'cancelled'), p.picker)({}));
    expect(p.listeners.size).toBe(0);
  });

  it('gives the page three distinct outcomes end to end', async () => {
    const results: string[] = [];
    for (const reason of ['cancelled', 'screen-access-denied', 'failed'] as const) {
      const p = fakePicker();
      const deps = { getDisplayMedia: desktopGetDisplayMedia(electronPick(p, reason), p.picker) };
      results.push(await captureScreen(deps).then((s) => (s === null ? 'null' : 'stream'), (e: { code: string }) => e.code));
    }
    expect(results).toEqual(['null', 'MEDIA_DENIED', 'SHARE_FAILED']);
  });
});
