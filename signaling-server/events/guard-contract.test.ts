import { EventEmitter } from 'node:events';
import { clientEventNames, ok } from '../../protocol';
import type { Ack } from '../../protocol';
import { startHarness, silentLogger } from '../testing/harness';
import type { Harness } from '../testing/harness';
import { createEventGuard } from './handle';
import type { EventGuard } from './handle';
import type { ConferSocket, ServerContext } from './types';

/** A socket that only records listeners, and a context with counters that count. */
function fakeGuard() {
  const socket = Object.assign(new EventEmitter(), { connected: true, onAny: () => undefined });
  const errors: string[] = [];
  const ctx = {
    config: { rateLimit: { perSec: 100, burst: 100 } },
    now: () => 0,
    logger: silentLogger,
    metrics: { messages: { inc: () => undefined }, errors: { inc: ({ code }: { code: string }) => errors.push(code) } },
  } as unknown as ServerContext;
  const guard = createEventGuard(ctx, socket as unknown as ConferSocket);
  const call = (event: string, payload: unknown) =>
    new Promise<Ack<unknown>>((resolve) => {
      socket.emit(event, payload, resolve);
    });
  return { guard, call, errors };
}

describe('guard registrations derived from the contract', () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it('validates each event with its own schema from the table and hands the parsed payload on', async () => {
    const { guard, call, errors } = fakeGuard();
    const seen: string[] = [];
    guard.on('chat:send', async ({ text }) => {
      seen.push(text);
      return ok({ id: 'm1', from: 'a', name: 'Ada', text, at: 0 });
    });
    expect(await call('chat:send', { text: '  hi  ' })).toMatchObject({ ok: true, data: { text: 'hi' } });
    // A join payload on chat:send is refused by chat:send's schema; the handler never runs.
    expect(await call('chat:send', { media: { mic: true, camera: true, screen: false, hand: false } })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_PAYLOAD' },
    });
    expect(seen).toEqual(['hi']);
    expect(errors).toEqual(['INVALID_PAYLOAD']);
  });

  it('registers exactly one handler for every client event of the contract on each connection', async () => {
    h = await startHarness();
    await h.connect(await h.token('contract'));
    const [socket] = h.server.io.of('/').sockets.values();
    expect(clientEventNames.map((event) => [event, socket?.listeners(event).length])).toEqual(clientEventNames.map((event) => [event, 1]));
  });
});

/**
 * Type-level checks: never called, compiled by `npm run typecheck`. Each `@ts-expect-error` fails
 * the type check when the registration below it compiles.
 */
export function guardTypeChecks(guard: EventGuard): void {
  guard.on('room:leave', async () => ok(null));
  // @ts-expect-error a room:join handler receives a JoinRequest, not chat text
  guard.on('room:join', async (req: { text: string }) => ok(req.text));
  // @ts-expect-error room:join answers with the join response, not null
  guard.on('room:join', async () => ok(null));
  // @ts-expect-error chat:send's handler cannot claim a payload its schema does not produce
  guard.on('chat:send', async (req: { text: number }) => ok(req));
  // @ts-expect-error not an event of the contract
  guard.on('admin:shutdown', async () => ok(null));
}
