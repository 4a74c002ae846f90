import { sql } from 'drizzle-orm';
import { addressKey } from '../../core/address.js';
import type { Ctx, Executor } from '../../core/context.js';

/**
 * What anyone may do without an account (raise a concern, upload a photo, follow one) is counted per
 * phone and per address from the tables themselves, under an advisory lock per phone and per address:
 * requests arriving at once are counted one after another, in every app process.
 */

/**
 * The keyed hash of the caller's address as the limits count it — an IPv6 address by its /64 network, so a
 * client switching addresses inside its own network is still one (addressKey); the address is never stored.
 */
export const addressHash = (ctx: Pick<Ctx, 'ip' | 'crypto'>) => (ctx.ip ? ctx.crypto.blindIndex(`ip:${addressKey(ctx.ip)}`) : null);

/** A stable 64-bit advisory-lock key from a keyed hash (its first 8 bytes, as a signed bigint). */
export const lockKey = (hash: string) => Buffer.from(hash, 'base64url').readBigInt64BE(0).toString();

/**
 * Holds the lock of each key (keyed hashes of a phone, an address) until the transaction ends. Always
 * taken in the same order, so two transactions never wait on each other.
 */
export async function lockKeys(tx: Executor, hashes: (string | null)[]) {
  const keys = [...new Set(hashes.filter((h): h is string => !!h).map(lockKey))].sort();
  for (const key of keys) await tx.execute(sql`select pg_advisory_xact_lock(${key}::bigint)`);
}

/** The start of the 24 hours the limits count. */
export const dayBefore = (now: Date) => new Date(now.getTime() - 86_400_000);
