/** The resume grace by disconnect reason: a silent network loss (ping timeout) is kept longest. */
import { disconnectCause, resumeGraceFor } from './membership';

const config = { resumeGraceMs: 5000, resumeGraceAfterTimeoutMs: 30_000 };

it('keeps a participant lost to a ping timeout for the longer grace, one whose transport closed for the usual one', () => {
  expect(resumeGraceFor('ping timeout', config)).toBe(30_000);
  expect(resumeGraceFor('transport close', config)).toBe(5000);
  expect(resumeGraceFor('server shutting down', config)).toBe(5000);
});

it('lets a participant go at once when the client meant it, or when resuming is off', () => {
  expect(resumeGraceFor('client namespace disconnect', config)).toBe(0);
  expect(resumeGraceFor('transport error', config)).toBe(0);
  expect(resumeGraceFor('ping timeout', { resumeGraceMs: 0, resumeGraceAfterTimeoutMs: 30_000 })).toBe(0);
  // The longer grace never shortens the usual one.
  expect(resumeGraceFor('ping timeout', { resumeGraceMs: 60_000, resumeGraceAfterTimeoutMs: 30_000 })).toBe(60_000);
});

it("keeps a participant whose connection failed in the network ('transport error' with a system error code), not one whose frame was refused", () => {
  expect(resumeGraceFor('transport error', config, 'ETIMEDOUT')).toBe(30_000);
  expect(resumeGraceFor('transport error', config, 'ECONNRESET')).toBe(30_000);
  expect(resumeGraceFor('transport error', config, 'write error')).toBe(30_000);
  expect(resumeGraceFor('transport error', config, 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH')).toBe(0);
  expect(resumeGraceFor('transport error', config, 'Max payload size exceeded')).toBe(0);
  expect(resumeGraceFor('transport error', config)).toBe(0);
});

it('reads the error code behind a disconnect', () => {
  expect(disconnectCause(Object.assign(new Error('read ETIMEDOUT'), { code: 'ETIMEDOUT' }))).toBe('ETIMEDOUT');
  expect(disconnectCause({ description: { code: 'ECONNRESET' } })).toBe('ECONNRESET');
  expect(disconnectCause(new Error('Max payload size exceeded'))).toBe('Max payload size exceeded');
  expect(disconnectCause(undefined)).toBeUndefined();
});
