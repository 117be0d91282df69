import type { z } from 'zod';
import { ErrorCode, clientEventNames, clientRequests, fail } from '../../protocol';
import type { Ack, ClientAnswer, ClientEventName, ValidClientRequest } from '../../protocol';
import { StoreUnavailableError } from '../store/errors';
import type { Admission } from './admission';
import type { ConferSocket, ServerContext } from './types';

/** A feature's handler of `E`: gets the payload its contract schema validated, answers the contract's ack. */
export type EventHandler<E extends ClientEventName> = (payload: ValidClientRequest<E>) => Promise<Ack<ClientAnswer<E>>>;

const KNOWN_EVENTS = new Set<string>(clientEventNames);
const MAX_ISSUE_LENGTH = 160;

/** The first zod issue, short: enough for a developer, no echo of the payload. */
function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid payload';
  const where = issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
  return `${where}${issue.message}`.slice(0, MAX_ISSUE_LENGTH);
}

/**
 * Per-socket event guard. `on(event, fn)` registers `fn` behind the one wrapper every event goes
 * through: ack present, validation with the event's schema from the protocol's table, seat caps
 * (`admission`, for joins), exception capture, metrics. A refused event answers an error ack and changes nothing. Rate limits
 * come before it, per connection and per address, in `PacketLimits` (they must see unknown and
 * unacked events too).
 */
export function createEventGuard(ctx: ServerContext, socket: ConferSocket, admission?: Admission) {
  const { metrics, logger } = ctx;

  // Unknown names are counted but not used as label values: a client could otherwise create
  // unbounded metric series.
  socket.onAny((event: unknown) => {
    if (typeof event !== 'string' || !KNOWN_EVENTS.has(event)) metrics.errors.inc({ code: 'UNKNOWN_EVENT' });
  });

  /** Wraps one handler; returns the raw Socket.IO listener. */
  function handle<E extends ClientEventName>(event: E, fn: EventHandler<E>) {
    const schema: z.ZodType = clientRequests[event].payload;
    return (...args: unknown[]): void => {
      metrics.messages.inc({ event });
      const ack = args[args.length - 1];
      if (typeof ack !== 'function') {
        // Without an ack there is nobody to answer; acting anyway would hide client bugs.
        metrics.errors.inc({ code: 'NO_ACK' });
        return;
      }
      const answer = (result: Ack<unknown>) => {
        if (!result.ok) metrics.errors.inc({ code: result.error.code });
        if (socket.connected) (ack as (a: Ack<unknown>) => void)(result);
      };
      const parsed = args.length === 2 ? schema.safeParse(args[0]) : undefined;
      if (!parsed?.success) {
        return answer(fail(ErrorCode.InvalidPayload, parsed ? describeIssue(parsed.error) : 'expected one payload and an ack'));
      }
      // Seat caps (per user, per address) after validation, so a malformed join changes nothing.
      const gate = admission?.gate(socket, event);
      if (gate?.refusal) return answer(gate.refusal);
      let pending: Promise<Ack<unknown>>;
      try {
        pending = fn(parsed.data as ValidClientRequest<E>);
      } catch (err) {
        pending = Promise.reject(err);
      }
      pending.then((result) => {
        gate?.settle(result.ok);
        answer(result);
      }, (err: unknown) => {
        gate?.settle(false);
        // Redis is down: a clear, expected answer (the client may retry), not an internal error.
        if (err instanceof StoreUnavailableError) return answer(fail(ErrorCode.StoreUnavailable, 'the call server cannot reach its state store; try again shortly'));
        logger.error('event handler failed', { event, error: err instanceof Error ? err.stack : String(err) });
        answer(fail(ErrorCode.Internal, 'internal error'));
      });
    };
  }

  return {
    /** Registers `fn` for `event` through `handle`. */
    on<E extends ClientEventName>(event: E, fn: EventHandler<E>): void {
      socket.on(event, handle(event, fn) as never);
    },
  };
}

export type EventGuard = ReturnType<typeof createEventGuard>;
