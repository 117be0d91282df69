/** Meeting ids and host keys: random enough that guessing one is hopeless (see protocol/meetings.ts). */
import { createHash, randomBytes, randomInt, scrypt, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';
import { MEETING_ID_ALPHABET } from '../../protocol';

const scryptAsync = promisify(scrypt) as (password: string, salt: Buffer, keylen: number) => Promise<Buffer>;

/** `k7pq-3mzt-x9aw-c4nd-h2ve`: 20 letters of 5 random bits each (100 bits), in groups of four. */
export function newMeetingId(): string {
  const letters = Array.from({ length: 20 }, () => MEETING_ID_ALPHABET[randomInt(MEETING_ID_ALPHABET.length)]).join('');
  return letters.match(/.{4}/g)!.join('-');
}

/** 256 random bits, base64url: whoever holds it is a host of its meeting. */
export function newHostKey(): string {
  return randomBytes(32).toString('base64url');
}

export function hashHostKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

/** Compares in constant time (hashes of equal length). */
export function hostKeyMatches(key: string, hash: string): boolean {
  const a = Buffer.from(hashHostKey(key), 'hex');
  const b = Buffer.from(hash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}

/** scrypt with a fresh salt: 'salt:hash' in hex. */
export async function hashPasscode(passcode: string): Promise<string> {
  const salt = randomBytes(16);
  return `${salt.toString('hex')}:${(await scryptAsync(passcode, salt, 32)).toString('hex')}`;
}

export async function passcodeMatches(passcode: string, stored: string): Promise<boolean> {
  const [salt, hash] = stored.split(':');
  if (!salt || !hash) return false;
  const got = await scryptAsync(passcode, Buffer.from(salt, 'hex'), 32);
  const want = Buffer.from(hash, 'hex');
  return got.length === want.length && timingSafeEqual(got, want);
}
