import type { Participant } from '../../protocol';

/** What a member hash field holds: the participant, and the node and socket that hold its connection. */
export interface Holder {
  p: Participant;
  node: string;
  conn: string;
}

/** `room\nid`: names one participant in the node member sets and the resume-deadline zset (room names cannot hold a newline). */
export const tagOf = (room: string, id: string): string => `${room}\n${id}`;

export function untag(tag: string): { room: string; id: string } {
  const at = tag.indexOf('\n');
  return { room: tag.slice(0, at), id: tag.slice(at + 1) };
}

/** Key names under one prefix; every key the store writes is listed here. */
export class RedisKeys {
  constructor(readonly prefix: string) {}
  /** zset room -> last heartbeat of a node holding one of its members. */
  get rooms(): string {
    return `${this.prefix}rooms`;
  }
  /** zset tag -> resume deadline of participants whose connection is lost. */
  get gone(): string {
    return `${this.prefix}gone`;
  }
  /** set of node ids that have announced themselves. */
  get nodes(): string {
    return `${this.prefix}nodes`;
  }
  members(room: string): string {
    return `${this.prefix}room:${room}:members`;
  }
  chat(room: string): string {
    return `${this.prefix}room:${room}:chat`;
  }
  /** A meeting's record (JSON), and its waiting (hash user -> entry), admitted and banned (sets of user ids), and the marker of an ended one. */
  meeting(id: string, part?: 'waiting' | 'admitted' | 'banned' | 'ended'): string {
    return `${this.prefix}meeting:${id}${part ? `:${part}` : ''}`;
  }
  alive(node: string): string {
    return `${this.prefix}node:${node}`;
  }
  /** A claimed single-use key (a used resume token's id), with the token's remaining life as TTL. */
  once(key: string): string {
    return `${this.prefix}once:${key}`;
  }
  /** A small value shared by the nodes (claimValue): the SFU's placement of a room. */
  shared(key: string): string {
    return `${this.prefix}shared:${key}`;
  }
  /** Must match the name the Lua scripts build: prefix .. 'node:' .. node .. ':members'. */
  nodeMembers(node: string): string {
    return `${this.prefix}node:${node}:members`;
  }
}
