/** captureScreen's three ways to end without a stream: cancelled, refused, failed. */
import { captureScreen, shareEndError } from './capture';
import { ShareEndedError, shareEndFromDomError } from './share-end';
import { stream, track } from '../testing/fake-media';

const domError = (name: string, message = name) => Object.assign(new Error(message), { name });
const rejecting = (err: unknown) => ({ getDisplayMedia: async () => Promise.reject(err) });

describe('captureScreen outcomes', () => {
  it('a cancel resolves null: nothing to tell the user', async () => {
    await expect(captureScreen(rejecting(domError('NotAllowedError', 'Permission denied')))).resolves.toBeNull();
    await expect(captureScreen(rejecting(new ShareEndedError('cancelled')))).resolves.toBeNull();
  });

  it('a refusal rejects with MEDIA_DENIED and says where to allow screen recording', async () => {
    for (const err of [domError('NotAllowedError', 'Permission denied by system'), new ShareEndedError('refused')]) {
      await expect(captureScreen(rejecting(err))).rejects.toMatchObject({ code: 'MEDIA_DENIED', message: expect.stringMatching(/System Settings/) });
    }
  });

  it('a failure rejects with SHARE_FAILED, "could not be captured"', async () => {
    for (const err of [domError('AbortError', 'Error starting capture'), domError('NotReadableError'), new ShareEndedError('failed', domError('AbortError'))]) {
      await expect(captureScreen(rejecting(err))).rejects.toMatchObject({ code: 'SHARE_FAILED', message: expect.stringMatching(/could not be captured/) });
    }
  });

  it('the three outcomes are told apart by code and text', () => {
    const refused = shareEndError('refused');
    const failed = shareEndError('failed');
    expect(shareEndError('cancelled')).toBeNull();
    expect(refused?.code).not.toBe(failed?.code);
    expect(refused?.message).not.toBe(failed?.message);
  });

  it('reads a browser error the only way browsers allow', () => {
    expect(shareEndFromDomError(domError('NotAllowedError', 'Permission denied'))).toBe('cancelled');
    expect(shareEndFromDomError(domError('NotAllowedError', 'Permission denied by system'))).toBe('refused');
    expect(shareEndFromDomError(domError('AbortError'))).toBe('failed');
    expect(shareEndFromDomError('weird')).toBe('failed');
  });

  it('passes a stream with video through', async () => {
    const s = stream([track('video')]);
    await expect(captureScreen({ getDisplayMedia: async () => s })).resolves.toBe(s);
  });
});
