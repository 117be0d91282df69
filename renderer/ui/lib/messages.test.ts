import { errorText, joinErrorMessage } from './messages';

describe('joinErrorMessage', () => {
  it('chooses the text from the code', () => {
    expect(joinErrorMessage({ code: 'ROOM_FULL', message: 'room full (25)' })).toMatch(/room is full/);
    expect(joinErrorMessage({ code: 'SIGNALING_UNREACHABLE', message: 'x' })).toMatch(/reach the call server/);
    expect(joinErrorMessage({ code: 'STORE_UNAVAILABLE', message: 'x' })).toMatch(/in progress go on/);
    expect(joinErrorMessage({ code: 'SFU_UNAVAILABLE', message: 'x' })).toMatch(/media server is down/);
  });
  it('falls back to the engine message, then to a generic one', () => {
    expect(joinErrorMessage({ code: 'INVALID_PAYLOAD', message: 'names are at most 64 characters' })).toBe(
      'names are at most 64 characters',
    );
    expect(joinErrorMessage(undefined)).toMatch(/Could not join/);
  });
});

describe('errorText', () => {
  it('reads messages of errors and strings', () => {
    expect(errorText(new Error('boom'))).toBe('boom');
    expect(errorText('plain')).toBe('plain');
    expect(errorText(42)).toBe('Something went wrong.');
  });
});
