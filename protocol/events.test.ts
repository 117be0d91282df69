import { ClientEvent, clientEventNames, clientRequests, serverEventNames } from './events';
import type { ClientAnswer, ClientRequest, ServerEventPayload, ServerToClientEvents, ClientToServerEvents } from './events';

const MEDIA = { mic: true, camera: false, screen: false, hand: false };

describe('the socket contract tables', () => {
  it('keep the wire names the browsers and servers already speak', () => {
    expect([...clientEventNames].sort()).toEqual(
      [
        'chat:send',
        'host:admit',
        'host:deny',
        'host:end',
        'host:mute',
        'host:remove',
        'host:role',
        'host:settings',
        'ice:refresh',
        'media:update',
        'net:ping',
        'peer:signal',
        'reaction:send',
        'recording:list',
        'recording:start',
        'recording:stop',
        'room:join',
        'room:leave',
        'room:resume',
        'room:resume-token',
        'sfu:answer',
        'sfu:configure',
        'sfu:leave',
        'sfu:publish',
        'sfu:subscribe',
        'sfu:switched',
        'sfu:trickle',
      ].sort(),
    );
    expect([...serverEventNames].sort()).toEqual(
      [
        'chat:message',
        'host:muted',
        'lobby:admitted',
        'lobby:denied',
        'lobby:waiting',
        'media:updated',
        'meeting:ended',
        'meeting:settings',
        'peer:signal',
        'reaction:sent',
        'recording:state',
        'room:participant-joined',
        'room:participant-left',
        'room:removed',
        'room:role',
        'room:topology',
        'sfu:error',
        'sfu:offer',
        'sfu:prewarm',
        'sfu:rehome',
        'sfu:slowlink',
        'sfu:switch-done',
        'sfu:trickle',
      ].sort(),
    );
    for (const name of [...clientEventNames, ...serverEventNames]) expect(name).toMatch(/^[a-z]+:[a-z-]+$/);
    expect(Object.values(ClientEvent)).toEqual(clientEventNames);
  });

  it('pairs each request with the schema of its own payload', () => {
    const accepts = (event: keyof typeof clientRequests, payload: unknown) => clientRequests[event].payload.safeParse(payload).success;
    expect(accepts('room:join', { media: MEDIA })).toBe(true);
    expect(accepts('room:join', { text: 'hi' })).toBe(false);
    expect(accepts('chat:send', { text: 'hi' })).toBe(true);
    expect(accepts('chat:send', { media: MEDIA })).toBe(false);
    expect(accepts('media:update', { mic: false })).toBe(true);
    expect(accepts('room:resume', { token: 'a.b.c' })).toBe(true);
    expect(accepts('sfu:switched', { mode: 'sfu' })).toBe(true);
    expect(accepts('sfu:switched', { mode: 'p2p' })).toBe(false);
    // Events without data take an empty object and nothing else.
    for (const event of ['room:leave', 'room:resume-token', 'ice:refresh', 'net:ping', 'sfu:leave', 'host:end'] as const) {
      expect([accepts(event, {}), accepts(event, { x: 1 }), accepts(event, null)]).toEqual([true, false, false]);
    }
  });
});

/**
 * Type-level checks: never called, compiled by `npm run typecheck`. Each `@ts-expect-error` fails
 * the type check when the line below it compiles, i.e. when the table lets a wrong pairing through.
 */
export function contractTypeChecks(send: ClientToServerEvents, on: ServerToClientEvents): void {
  const join: ClientRequest<'room:join'> = { media: MEDIA };
  // @ts-expect-error room:join carries media, not chat text
  const joinWithText: ClientRequest<'room:join'> = { text: 'hi' };
  // @ts-expect-error chat:send answers with the stored message, not null
  const chatAnswer: ClientAnswer<'chat:send'> = null;
  const leaveAnswer: ClientAnswer<'room:leave'> = null;
  // @ts-expect-error a participant-left event names the participant and the reason
  const left: ServerEventPayload<'room:participant-left'> = { id: 'abcdefgh' };
  send['media:update']({ mic: false }, (ack) => ack.ok && ack.data.mic);
  // @ts-expect-error media:update takes a patch of booleans
  send['media:update']({ mic: 'off' }, () => undefined);
  // @ts-expect-error the topology event carries a mode
  on['room:topology']({ topology: 'sfu' });
  // @ts-expect-error not an event of the contract
  send['room:destroy']({}, () => undefined);
  void [join, joinWithText, chatAnswer, leaveAnswer, left];
}
