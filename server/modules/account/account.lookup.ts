import { eq, sql } from 'drizzle-orm';
import type { Executor } from '../../core/context.js';
import type { FieldCrypto } from '../../core/crypto.js';
import { account } from './account.table.js';
import { normalisePhone, PHONE_RE } from './password.js';

/** The account a person names by login name (any case) or mobile number (any spacing, +86 or not). */
export async function findAccountByIdentifier(db: Executor, crypto: FieldCrypto, identifier: string) {
  const phone = normalisePhone(identifier);
  const [row] = await db
    .select()
    .from(account)
    .where(PHONE_RE.test(phone) ? eq(account.phoneHash, crypto.blindIndex(phone)) : sql`lower(${account.loginName}) = lower(${identifier})`);
  return row;
}
