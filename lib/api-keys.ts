/**
 * API keys: parsed from WRITE_API_KEYS / READ_API_KEYS, held as sha256 hashes, checked in
 * constant time. A key is 32 random bytes, so a fast hash is enough: a slow one (scrypt, bcrypt)
 * protects guessable passwords from brute force, which a 256-bit random key does not need, and it
 * would cost every authenticated request tens of milliseconds of CPU (a denial-of-service lever).
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** `subscribe`: manage one's own webhook subscriptions (WEBHOOK_API_KEYS; write keys have it too). */
export type Scope = 'read' | 'write' | 'subscribe';

export interface ApiKey {
  name: string;
  scopes: readonly Scope[];
  /** sha256 of the key (32 bytes). */
  hash: Buffer;
}

/** Who sent a request, as the server decided from its `x-api-key`. */
export interface Caller {
  name: string;
  scopes: readonly Scope[];
}

const NAME = /^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$/;

export function hashKey(key: string): Buffer {
  return createHash('sha256').update(key, 'utf8').digest();
}

/**
 * Parses `name:sha256:<hex>,…`. A plaintext `name:key` entry is refused in production and
 * accepted elsewhere with a warning (local experiments). `write` keys may also read and subscribe,
 * `subscribe` keys may also read.
 */
export function parseApiKeys(raw: string, variable: string, scope: Scope, production: boolean): { keys: ApiKey[]; problems: string[]; warnings: string[] } {
  const keys: ApiKey[] = [];
  const problems: string[] = [];
  const warnings: string[] = [];
  const scopes: Scope[] = scope === 'write' ? ['read', 'write', 'subscribe'] : scope === 'subscribe' ? ['read', 'subscribe'] : ['read'];
  for (const entry of raw.split(',').map((e) => e.trim())) {
    if (!entry) continue;
    const i = entry.indexOf(':');
    const name = i > 0 ? entry.slice(0, i) : '';
    const rest = i > 0 ? entry.slice(i + 1) : '';
    if (!NAME.test(name) || !rest) {
      problems.push(`${variable} entries must look like name:sha256:<64 hex digits> (make one with "npm run seed -- make-key NAME"), got "${entry.slice(0, 40)}"`);
      continue;
    }
    const m = /^sha256:([0-9a-fA-F]{64})$/.exec(rest);
    if (m) keys.push({ name, scopes, hash: Buffer.from(m[1]!, 'hex') });
    else if (rest.startsWith('sha256:')) problems.push(`${variable}: the hash of key "${name}" must be 64 hex digits`);
    else if (production) problems.push(`${variable}: key "${name}" is given in plaintext; production accepts only hashes (name:sha256:<hex>, see "npm run seed -- make-key")`);
    else {
      warnings.push(`${variable}: key "${name}" is given in plaintext (refused in production; use name:sha256:<hex>)`);
      keys.push({ name, scopes, hash: hashKey(rest) });
    }
  }
  return { keys, problems, warnings };
}

/** The caller behind a presented key, or null. Every configured key is compared (no early exit). */
export function authenticate(keys: readonly ApiKey[], presented: unknown): Caller | null {
  if (typeof presented !== 'string' || !presented || presented.length > 512) return null;
  const h = hashKey(presented);
  let found: ApiKey | null = null;
  for (const k of keys) if (timingSafeEqual(k.hash, h) && !found) found = k;
  return found ? { name: found.name, scopes: found.scopes } : null;
}

export const hasScope = (caller: Caller | null, scope: Scope): boolean => Boolean(caller?.scopes.includes(scope));

/** A new random key and the config entry holding its hash (`npm run seed -- make-key NAME`). */
export function makeKey(name: string): { key: string; entry: string } {
  if (!NAME.test(name)) throw new Error(`key names are 1–64 letters, digits, ".", "_", "@" or "-", starting with a letter or digit; got "${name}"`);
  const key = `regkg_${randomBytes(32).toString('base64url')}`;
  return { key, entry: `${name}:sha256:${hashKey(key).toString('hex')}` };
}

/** The hash entry of the documented development key `dev-write-key` (the dev default of WRITE_API_KEYS). */
export const DEV_WRITE_KEY_ENTRY = `dev:sha256:${hashKey('dev-write-key').toString('hex')}`;
