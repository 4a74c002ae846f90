import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes, randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import JSZip from 'jszip';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildApp } from '../app.js';
import { readConfig, type Config } from '../config.js';
import type { AppDeps } from '../core/context.js';
import { aesGcmFieldCrypto } from '../core/crypto.js';
import { rowsOf } from '../core/sql.js';
import { buildAccount } from '../demo/builders.js';
import { openDeps } from '../deps.js';
import { org } from '../modules/org/org.table.js';
import { signIn } from '../test/harness.js';
import { migrationsFolder, openPglite, openPostgres, type Database, type Db } from './index.js';
import { encryptPlaintext } from './plaintext.js';

/**
 * Units' and reply letters' contact phones were stored in clear until migration 0009. A database as that
 * release left it — migrated up to 0008, phones in clear — is opened the way the server opens it (openDeps):
 * the phones come out encrypted, readable whole only through the reveals and the letter; a second start
 * leaves them alone; processes starting together convert each row once. PGlite and PostgreSQL alike.
 */

const KEY = randomBytes(32).toString('hex');
const crypto = aesGcmFieldCrypto(KEY);
const onPostgres = !!process.env.DATABASE_URL;
/** how many reply letters the release left, beyond the one read whole below */
const MORE_REPLIES = 1500;

const ids = { org: randomUUID(), term: randomUUID(), session: randomUUID(), proposal: randomUUID(), assignment: randomUUID(), housing: randomUUID(), finance: randomUUID(), reply: randomUUID(), followUp: randomUUID() };

let tmp: string;
let config: Config;
let dropDatabase: (() => Promise<void>) | null = null;

/** The committed migrations up to 0008, the release before the phones were encrypted. */
function migrationsBefore0009() {
  const folder = path.join(tmp, 'drizzle-0008');
  fs.mkdirSync(path.join(folder, 'meta'), { recursive: true });
  const journal = JSON.parse(fs.readFileSync(path.join(migrationsFolder, 'meta/_journal.json'), 'utf8')) as { entries: { idx: number; tag: string }[] };
  journal.entries = journal.entries.filter((e) => e.idx <= 8);
  fs.writeFileSync(path.join(folder, 'meta/_journal.json'), JSON.stringify(journal));
  for (const e of journal.entries) fs.copyFileSync(path.join(migrationsFolder, `${e.tag}.sql`), path.join(folder, `${e.tag}.sql`));
  return folder;
}

/** What the release wrote: a unit with a phone and one without, a reply letter with its contact's phone, a follow-up report without. */
async function writeAsBefore(db: Db) {
  await db.execute(sql`insert into org (id, name, short_name, level, region_code) values (${ids.org}, '中国人民政治协商会议远安县委员会', '远安县政协', 'county', '420525')`);
  await db.execute(sql`insert into term (id, org_id, number, name, start_date, is_current) values (${ids.term}, ${ids.org}, 10, '十届', '2022-01-10', true)`);
  await db.execute(sql`insert into plenary_session (id, org_id, term_id, number, name, start_date, end_date) values (${ids.session}, ${ids.org}, ${ids.term}, 5, '十届五次会议', '2026-03-09', '2026-03-12')`);
  await db.execute(sql`insert into handling_unit (id, org_id, name, short_name, contact_name, contact_phone, sort)
    values (${ids.housing}, ${ids.org}, '县住房和城乡建设局', '县住建局', '王磊', '0717-3811001', 1), (${ids.finance}, ${ids.org}, '县财政局', '县财政局', '', '', 2)`);
  await db.execute(sql`insert into proposal (id, org_id, term_id, session_id, kind, number, title, category, status, created_at, updated_at)
    values (${ids.proposal}, ${ids.org}, ${ids.term}, ${ids.session}, 'plenary', 12, '关于加快推进农村生活污水治理的建议', '生态文明建设', 'replied', now(), now())`);
  await db.execute(sql`insert into proposal_assignment (id, org_id, proposal_id, unit_id, role, status, assigned_at, objection_due_on, due_on, max_due_on, created_at)
    values (${ids.assignment}, ${ids.org}, ${ids.proposal}, ${ids.housing}, 'sole', 'replied', now(), '2026-03-09', '2026-06-02', '2026-09-02', now())`);
  const body = '您提出的《关于加快推进农村生活污水治理的建议》收悉。经认真研究，现答复如下：统筹整合涉农资金，今年完成 20 个村的污水收集管网建设。';
  await db.execute(sql`insert into proposal_reply (id, org_id, proposal_id, assignment_id, unit_id, round, kind, letter_no, body, category, signer, contact_name, contact_phone, sent_at)
    values (${ids.reply}, ${ids.org}, ${ids.proposal}, ${ids.assignment}, ${ids.housing}, 1, 'reply', '远住建函〔2026〕12号', ${body}, 'A', '郭志强', '李明', '139 0717 2345', now() - interval '1 day'),
      (${ids.followUp}, ${ids.org}, ${ids.proposal}, ${ids.assignment}, ${ids.housing}, 1, 'follow_up', '', '年底前已完成 20 个村的管网建设。', null, '郭志强', '', '', now())`);
  await db.execute(sql`insert into proposal_reply (org_id, proposal_id, assignment_id, unit_id, round, kind, letter_no, body, category, signer, contact_name, contact_phone, sent_at)
    select ${ids.org}, ${ids.proposal}, ${ids.assignment}, ${ids.housing}, 1, 'reply', 'more-' || i, ${body}, 'A', '郭志强', '李明', '0717-38' || lpad(i::text, 5, '0'), now() - interval '2 days'
    from generate_series(1, ${MORE_REPLIES}) i`);
}

/** Every contact phone as stored: unit and reply id → the column's value. */
async function stored(db: Db) {
  const rows = await rowsOf<{ id: string; value: string | null }>(
    db,
    sql`select id, contact_phone_enc as value from handling_unit union all select id, contact_phone_enc from proposal_reply`,
  );
  return new Map(rows.map((r) => [r.id, r.value]));
}
const expectedPhone = (letterNo: string) => `0717-38${letterNo.slice('more-'.length).padStart(5, '0')}`;

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'xs-plaintext-'));
  const folder = migrationsBefore0009();
  let before: Database;
  if (onPostgres) {
    const name = `xs_t${randomBytes(4).toString('hex')}_${inject('templateDb')!.split('_')[2]}_f`;
    const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const url = new URL(process.env.DATABASE_URL!);
    url.pathname = `/${name}`;
    config = readConfig({ DATABASE_URL: url.toString(), XIESHANG_FIELD_KEY: KEY, XIESHANG_DATA_DIR: tmp });
    dropDatabase = async () => {
      const c = new pg.Client({ connectionString: process.env.DATABASE_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    };
    before = await openPostgres(config.databaseUrl!, 2);
    await migratePg(before.db as unknown as Parameters<typeof migratePg>[0], { migrationsFolder: folder });
  } else {
    config = readConfig({ XIESHANG_FIELD_KEY: KEY, XIESHANG_DATA_DIR: tmp });
    before = await openPglite(tmp);
    await migratePglite(before.db as unknown as Parameters<typeof migratePglite>[0], { migrationsFolder: folder });
  }
  await writeAsBefore(before.db);
  await before.close();
}, 60_000);
afterAll(async () => {
  await dropDatabase?.();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('contact phones a release stored in clear', () => {
  let afterFirst: Map<string, string | null>;

  it('are encrypted when the server first opens the database, and read whole only through the reveals and the letter', async () => {
    // on PostgreSQL two app processes start together on the new release: one migrates while the other waits, both encrypt
    const started: AppDeps[] = await Promise.all(onPostgres ? [openDeps(config), openDeps(config)] : [openDeps(config)]);
    const deps = started[0];
    try {
      afterFirst = await stored(deps.database.db);
      expect(afterFirst.size).toBe(2 + 2 + MORE_REPLIES);
      // none left as the number: every phone is a ciphertext of the number it was, and "none" is null
      const inClear = [...afterFirst.values()].filter((v) => v !== null && !/^a1:/.test(v));
      expect(inClear).toEqual([]);
      expect(afterFirst.get(ids.finance)).toBeNull();
      expect(afterFirst.get(ids.followUp)).toBeNull();
      expect(crypto.decrypt(afterFirst.get(ids.housing)!)).toBe('0717-3811001');
      expect(crypto.decrypt(afterFirst.get(ids.reply)!)).toBe('139 0717 2345');
      const more = await rowsOf<{ letter_no: string; value: string }>(deps.database.db, sql`select letter_no, contact_phone_enc as value from proposal_reply where letter_no like 'more-%'`);
      expect(more.filter((r) => crypto.decrypt(r.value) !== expectedPhone(r.letter_no))).toEqual([]);

      const app = await buildApp(deps);
      try {
        const [home] = await deps.database.db.select().from(org).where(eq(org.id, ids.org));
        const { account } = await buildAccount({ db: deps.database.db, crypto: deps.crypto }, { org: home, roles: ['staff'], displayName: '李秀兰' });
        const li = await signIn(app, account.loginName);
        // masked in lists as before
        const units = (await li.get('/api/units')).json().items as { name: string; contactPhone: string }[];
        expect(units.map((u) => [u.name, u.contactPhone])).toEqual([
          ['县住房和城乡建设局', '071****1001'],
          ['县财政局', ''],
        ]);
        const view = (await li.get(`/api/proposals/${ids.proposal}`)).json() as { replies: { id: string; contactPhone: string }[] };
        expect(view.replies.find((r) => r.id === ids.reply)?.contactPhone).toBe('139****2345');
        // whole through the audited reveals and in the printed letter
        expect((await li.get(`/api/units/${ids.housing}/contact`)).json()).toEqual({ contactName: '王磊', contactPhone: '0717-3811001' });
        const contacts = (await li.get(`/api/proposals/${ids.proposal}/contacts`)).json() as { replies: { id: string; contactPhone: string }[] };
        expect(contacts.replies.find((r) => r.id === ids.reply)?.contactPhone).toBe('139 0717 2345');
        const letter = await li.get(`/api/proposal-replies/${ids.reply}/letter.docx`);
        expect(letter.statusCode).toBe(200);
        const xml = await (await JSZip.loadAsync(letter.rawPayload)).file('word/document.xml')!.async('string');
        expect(xml.replace(/<[^>]+>/g, '')).toContain('联系电话：139 0717 2345');
      } finally {
        await app.close();
      }
    } finally {
      for (const d of started) await d.database.close();
    }
  }, 60_000);

  it('are left alone by the next start', async () => {
    const deps = await openDeps(config);
    try {
      expect(await stored(deps.database.db)).toEqual(afterFirst);
    } finally {
      await deps.database.close();
    }
  }, 60_000);

  it('are encrypted once when several processes start together: each row by one of them, none twice', async () => {
    // two app processes on PostgreSQL, each with its own connections; PGlite has one process, whose two runs interleave
    const first = onPostgres ? await openPostgres(config.databaseUrl!, 2) : await openPglite(tmp);
    const second = onPostgres ? await openPostgres(config.databaseUrl!, 2) : first;
    try {
      // the letters as that release left them
      await first.db.execute(sql`update proposal_reply set contact_phone_enc = '0717-38' || lpad(substr(letter_no, 6), 5, '0') where letter_no like 'more-%'`);
      const counts = await Promise.all([encryptPlaintext(first.db, crypto), encryptPlaintext(second.db, crypto)]);
      expect(counts[0] + counts[1]).toBe(MORE_REPLIES);
      const more = await rowsOf<{ letter_no: string; value: string }>(first.db, sql`select letter_no, contact_phone_enc as value from proposal_reply where letter_no like 'more-%'`);
      expect(more.filter((r) => !/^a1:/.test(r.value) || crypto.decrypt(r.value) !== expectedPhone(r.letter_no))).toEqual([]);
      expect(await encryptPlaintext(first.db, crypto)).toBe(0);
    } finally {
      await first.close();
      if (second !== first) await second.close();
    }
  }, 60_000);
});
