/**
 * The building blocks of the event tables in ./events: each table entry is declared once, and the
 * event names, the typed Socket.IO event maps, the client's request types and the server's
 * validated handler types are all derived from it.
 */
import type { z } from 'zod';
import type { Ack } from './errors';

declare const carried: unique symbol;

/** A type carried by a table entry; it has no runtime value of its own (the wire carries JSON). */
export interface Carries<T> {
  readonly [carried]?: T;
}

/** Names the type an ack answers with, or the payload a server event carries. */
export function carries<T>(): Carries<T> {
  return {};
}

/** One acknowledged client request: the zod schema its payload must pass, and what its ack carries. */
export interface RequestContract<S extends z.ZodType = z.ZodType, R = unknown> {
  readonly payload: S;
  readonly answer: Carries<R>;
}

/** Declares a client request: `request(joinRequestSchema, carries<JoinResponse>())`. */
export function request<S extends z.ZodType, R>(payload: S, answer: Carries<R>): RequestContract<S, R> {
  return { payload, answer };
}

/** A table of client requests keyed by event name (`domain:verb`). */
export type RequestTable = Record<string, RequestContract>;
/** A table of server events keyed by event name (`domain:verb`). */
export type EventTable = Record<string, Carries<unknown>>;

/** The payload a client sends for request `E` (before validation). */
export type RequestPayload<T extends RequestTable, E extends keyof T> = z.input<T[E]['payload']>;
/** The payload a server handler of `E` receives (after validation: trimmed, defaults applied). */
export type ValidatedPayload<T extends RequestTable, E extends keyof T> = z.output<T[E]['payload']>;
/** The data of a successful ack of `E`. */
export type AnswerData<T extends RequestTable, E extends keyof T> = T[E]['answer'] extends Carries<infer R> ? R : never;
/** The payload of server event `E`. */
export type EventPayload<T extends EventTable, E extends keyof T> = T[E] extends Carries<infer P> ? P : never;

/** The Socket.IO event map of a request table: every event carries an ack callback as its last argument. */
export type RequestEventMap<T extends RequestTable> = {
  [E in keyof T]: (req: RequestPayload<T, E>, ack: (ack: Ack<AnswerData<T, E>>) => void) => void;
};
/** The Socket.IO event map of a server event table. */
export type EventMap<T extends EventTable> = {
  [E in keyof T]: (payload: EventPayload<T, E>) => void;
};

/** The event names of a table, typed. */
export function eventNames<T extends object>(table: T): (keyof T & string)[] {
  return Object.keys(table) as (keyof T & string)[];
}
