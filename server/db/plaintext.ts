import { getTableName, sql } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import { CIPHERTEXT_PATTERN, type FieldCrypto } from '../core/crypto.js';
import { rowsOf } from '../core/sql.js';
import { proposalReply } from '../modules/proposal/proposal.table.js';
import { handlingUnit } from '../modules/unit/unit.table.js';
import type { Db } from './index.js';

/**
 * Columns that held personal data in clear before a migration made them encrypted (0009: units' and reply
 * letters' contact phones). A migration cannot encrypt — the key lives in the app, never in SQL — so the
 * app does it each time it opens the database, right after migrating and before serving anything.
 */
const ONCE_IN_CLEAR: PgColumn[] = [handlingUnit.contactPhoneEnc, proposalReply.contactPhoneEnc];

const BATCH = 1000;

/**
 * Encrypts the values of those columns still in clear; returns how many it encrypted (0 once done). A value
 * is replaced only if it is still the one read (compare and set in the UPDATE), so app processes starting
 * together on one database each convert what is left, no row twice, and a number changed meanwhile is kept.
 */
export async function encryptPlaintext(db: Db, crypto: FieldCrypto): Promise<number> {
  let converted = 0;
  for (const column of ONCE_IN_CLEAR) converted += await encryptColumn(db, crypto, column);
  return converted;
}

async function encryptColumn(db: Db, crypto: FieldCrypto, column: PgColumn) {
  const table = sql.identifier(getTableName(column.table));
  const col = sql.identifier(column.name);
  let converted = 0;
  let after: string | null = null;
  for (;;) {
    const rows: { id: string; plain: string }[] = await rowsOf(
      db,
      sql`select id, ${col} as plain from ${table} where ${col} !~ ${CIPHERTEXT_PATTERN} ${after ? sql`and id > ${after}::uuid` : sql``} order by id limit ${BATCH}`,
    );
    if (!rows.length) return converted;
    const values = rows.map((r) => sql`(${r.id}::uuid, ${r.plain}::text, ${crypto.encrypt(r.plain)}::text)`);
    const done = await rowsOf<{ id: string }>(
      db,
      sql`update ${table} t set ${col} = v.sealed from (values ${sql.join(values, sql`, `)}) as v(id, plain, sealed)
        where t.id = v.id and t.${col} = v.plain returning t.id`,
    );
    converted += done.length;
    after = rows[rows.length - 1].id;
  }
}
