/** A SignalingPort for unit tests: scripted answers per event, and a way to push server events. */
import type { JoinResponse, Participant, SessionResponse } from '../../../protocol';
import { CallError } from '../api';
import { Emitter } from '../emitter';
import type { RequestEvent, RequestOf, ResponseOf, SessionCredentials, SignalingEvents, SignalingPort } from '../signaling-client';

type Handler<E extends RequestEvent> = (payload: RequestOf<E>) => ResponseOf<E> | Promise<ResponseOf<E>>;

export class FakeSignaling extends Emitter<SignalingEvents> implements SignalingPort {
  readonly requests: { event: RequestEvent; payload: unknown }[] = [];
  readonly tokens: string[] = [];
  /** What each session request carried beside the room and name. */
  readonly credentials: (SessionCredentials | undefined)[] = [];
  private readonly handlers = new Map<RequestEvent, Handler<RequestEvent>>();
  connected = false;
  reconnects = 0;
  /** When set, createSession / connect fail with it. */
  sessionError: CallError | null = null;
  connectError: CallError | null = null;

  /** Script the answer to a request (throw a CallError from `fn` to fail it). */
  handle<E extends RequestEvent>(event: E, fn: Handler<E>): this {
    this.handlers.set(event, fn as unknown as Handler<RequestEvent>);
    return this;
  }

  async createSession(room: string, name: string, credentials?: SessionCredentials): Promise<SessionResponse> {
    this.credentials.push(credentials);
    if (this.sessionError) throw this.sessionError;
    return { token: `token-${this.tokens.length + 1}`, room, name, expiresAt: Date.now() + 3600_000 };
  }
  async connect(token: string): Promise<void> {
    this.tokens.push(token);
    if (this.connectError) throw this.connectError;
    this.connected = true;
  }
  setToken(token: string): void {
    this.tokens.push(token);
  }
  reconnect(): void {
    this.reconnects++;
  }
  async request<E extends RequestEvent>(event: E, payload: RequestOf<E>): Promise<ResponseOf<E>> {
    this.requests.push({ event, payload });
    const fn = this.handlers.get(event) as Handler<E> | undefined;
    if (fn) return fn(payload);
    if (event === 'room:leave' || event === 'peer:signal') return null as ResponseOf<E>;
    throw new CallError('INTERNAL', `no fake answer for ${event}`);
  }
  /** checkAlive calls; `alive` is what they answer. */
  aliveChecks = 0;
  alive = true;
  async checkAlive(): Promise<boolean> {
    this.aliveChecks++;
    return this.alive;
  }
  disconnect(): void {
    this.connected = false;
  }

  /** Pushes a server event to the Room. */
  serverEmit<K extends keyof SignalingEvents>(event: K, ...args: Parameters<SignalingEvents[K]>): void {
    this.emit(event, ...args);
  }

  sent(event: RequestEvent): unknown[] {
    return this.requests.filter((r) => r.event === event).map((r) => r.payload);
  }
}

const noMedia = { mic: true, camera: true, screen: false, hand: false };

/** A wire participant for fixtures. */
export function participant(id: string, name = id, joinedAt = 0): Participant {
  return { id, name, joinedAt, media: { ...noMedia } };
}

/** A join answer: we are `selfId`, `others` are already there. */
export function joinAnswer(selfId: string, others: Participant[] = [], media = noMedia): JoinResponse {
  return {
    self: { ...participant(selfId, 'Me', Date.now()), media: { ...media } },
    participants: [...others],
    chat: [],
    topology: 'mesh',
    ice: { iceServers: [{ urls: ['stun:10.77.0.1:3478'] }] },
  };
}
