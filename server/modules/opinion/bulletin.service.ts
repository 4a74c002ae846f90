import { eq, sql, type SQL } from 'drizzle-orm';
import { requireAccess, type OrgActor } from '../../core/access.js';
import type { Ctx, Executor } from '../../core/context.js';
import { conflict, fieldError, notFound } from '../../core/errors.js';
import { containing, offsetOf, type Page } from '../../core/pagination.js';
import { rowsOf, valueList } from '../../core/sql.js';
import { writeAudit } from '../audit/audit.service.js';
import { sortLevels } from './opinion.view.js';
import type { BulletinBody, BulletinCandidate, BulletinCandidateQuery, BulletinListItem, BulletinListQuery, BulletinView } from './bulletin.schema.js';
import { bulletin, bulletinItem } from './opinion.table.js';

export const DEFAULT_BULLETIN_TITLE = '社情民意';
const iso = (v: string | Date) => new Date(v).toISOString();
const numberLabel = (n: number) => `第${n}期`;

/** Bulletins are the office's publication: staff and leaders read them, members do not. */
export function requireBulletinReader(ctx: Ctx): OrgActor {
  const actor = requireAccess(ctx.actor, 'opinion.review');
  return actor;
}

const latestSql = sql`not exists(select 1 from bulletin b2 where b2.org_id = b.org_id and (b2.year, b2.number) > (b.year, b.number))`;
const itemCountSql = sql`(select count(*)::int from bulletin_item bi where bi.bulletin_id = b.id)`;

type ListRow = Omit<BulletinListItem, 'numberLabel' | 'issuedOn' | 'createdAt'> & { issuedOn: string; createdAt: string | Date };
const presentItem = (r: ListRow): BulletinListItem => ({ ...r, numberLabel: numberLabel(r.number), createdAt: iso(r.createdAt) });

export async function listBulletins(ctx: Ctx, q: BulletinListQuery): Promise<Page<BulletinListItem>> {
  const actor = requireBulletinReader(ctx);
  const where = sql`b.org_id = ${actor.orgId} ${q.year ? sql`and b.year = ${q.year}` : sql``}`;
  const [rows, [{ total }]] = await Promise.all([
    rowsOf<ListRow>(
      ctx.db,
      sql`select b.id, b.year, b.number, b.title, b.issued_on::text as "issuedOn", ${itemCountSql} as "itemCount", ${latestSql} as "isLatest", b.created_at as "createdAt"
        from bulletin b where ${where} order by b.year desc, b.number desc limit ${q.pageSize} offset ${offsetOf(q)}`,
    ),
    rowsOf<{ total: number }>(ctx.db, sql`select count(*)::int as total from bulletin b where ${where}`),
  ]);
  return { items: rows.map(presentItem), total, page: q.page, pageSize: q.pageSize };
}

/** One issue with its reports in order (and, for the Word file, their bodies and authors). */
export async function bulletinOf(db: Executor, orgId: string, id: string) {
  const [b] = await rowsOf<ListRow & { org: { id: string; name: string; fullName: string; level: string }; items: (BulletinView['items'][number] & { body: string })[] }>(
    db,
    sql`select b.id, b.year, b.number, b.title, b.issued_on::text as "issuedOn", ${itemCountSql} as "itemCount", ${latestSql} as "isLatest", b.created_at as "createdAt",
        json_build_object('id', o.id, 'name', o.short_name, 'fullName', o.name, 'level', o.level) as org,
        coalesce((select json_agg(json_build_object('reportId', r.id, 'title', r.title, 'body', r.body, 'status', r.status,
            'org', json_build_object('id', ro.id, 'name', ro.short_name),
            'authors', coalesce((select json_agg(json_build_object('id', m.id, 'name', p.name) order by a.position)
              from opinion_report_author a join member m on m.id = a.member_id join person p on p.id = m.person_id where a.report_id = r.id), '[]'::json))
            order by bi.sort)
          from bulletin_item bi join opinion_report r on r.id = bi.report_id join org ro on ro.id = r.org_id where bi.bulletin_id = b.id), '[]'::json) as items
      from bulletin b join org o on o.id = b.org_id where b.id = ${id} and b.org_id = ${orgId}`,
  );
  if (!b) throw notFound('期刊不存在');
  return b;
}

export async function getBulletin(ctx: Ctx, id: string): Promise<BulletinView> {
  const actor = requireBulletinReader(ctx);
  const b = await bulletinOf(ctx.db, actor.orgId, id);
  return { ...presentItem(b), org: { id: b.org.id, name: b.org.name }, items: b.items.map(({ body: _body, ...i }) => i) };
}

/** Reports this org adopted: an adoption record of this org (its own, or a lower org's it adopted). */
const adoptedHere = (orgId: string) => sql`exists(select 1 from opinion_report_record x where x.report_id = r.id and x.org_id = ${orgId} and x.kind = 'adopted')`;

export async function listCandidates(ctx: Ctx, q: BulletinCandidateQuery): Promise<Page<BulletinCandidate>> {
  const actor = requireAccess(ctx.actor, 'opinion.manage');
  const conds: SQL[] = [adoptedHere(actor.orgId)];
  if (q.q) conds.push(sql`r.title ilike ${containing(q.q)}`);
  if (q.fresh === 'true') conds.push(sql`not exists(select 1 from bulletin_item bi join bulletin b on b.id = bi.bulletin_id where bi.report_id = r.id and b.org_id = ${actor.orgId})`);
  const where = sql.join(conds, sql` and `);
  const [rows, [{ total }]] = await Promise.all([
    rowsOf<BulletinCandidate>(
      ctx.db,
      sql`select r.id, r.title, json_build_object('id', o.id, 'name', o.short_name) as org,
          coalesce((select json_agg(json_build_object('id', m.id, 'name', p.name) order by a.position)
            from opinion_report_author a join member m on m.id = a.member_id join person p on p.id = m.person_id where a.report_id = r.id), '[]'::json) as authors,
          (select max(x.on)::text from opinion_report_record x where x.report_id = r.id and x.org_id = ${actor.orgId} and x.kind = 'adopted') as "adoptedOn",
          coalesce((select json_agg(distinct x.level) from opinion_report_record x where x.report_id = r.id and x.kind = 'adopted'), '[]'::json) as "adoptedLevels",
          coalesce((select json_agg(json_build_object('id', b.id, 'year', b.year, 'number', b.number) order by b.year, b.number)
            from bulletin_item bi join bulletin b on b.id = bi.bulletin_id where bi.report_id = r.id and b.org_id = ${actor.orgId}), '[]'::json) as bulletins
        from opinion_report r join org o on o.id = r.org_id where ${where}
        order by "adoptedOn" desc, r.id limit ${q.pageSize} offset ${offsetOf(q)}`,
    ),
    rowsOf<{ total: number }>(ctx.db, sql`select count(*)::int as total from opinion_report r where ${where}`),
  ]);
  return { items: rows.map((r) => ({ ...r, adoptedLevels: sortLevels(r.adoptedLevels) })), total, page: q.page, pageSize: q.pageSize };
}

/** The reports must be this org's adopted ones, and in no other issue of this org. */
async function checkReports(tx: Executor, orgId: string, ids: string[], bulletinId: string | null) {
  const rows = await rowsOf<{ id: string; title: string; adopted: boolean; elsewhere: number | null }>(
    tx,
    sql`select r.id, r.title, ${adoptedHere(orgId)} as adopted,
        (select min(b.number) from bulletin_item bi join bulletin b on b.id = bi.bulletin_id
          where bi.report_id = r.id and b.org_id = ${orgId} ${bulletinId ? sql`and b.id <> ${bulletinId}` : sql``}) as elsewhere
      from opinion_report r where r.id in ${valueList(ids)}`,
  );
  for (const [i, id] of ids.entries()) {
    const r = rows.find((x) => x.id === id);
    if (!r || !r.adopted) throw fieldError(`reportIds.${i}`, `第 ${i + 1} 条不是本组织已采用的信息，不能编入期刊`);
    if (r.elsewhere) throw fieldError(`reportIds.${i}`, `《${r.title}》已编入${numberLabel(r.elsewhere)}`);
  }
}

const yearOf = (date: string) => Number(date.slice(0, 4));

/** A new issue, numbered next in the org's year (第N期). The org row is locked so two at once cannot take the same number. */
export async function createBulletin(ctx: Ctx, b: BulletinBody): Promise<BulletinView> {
  const actor = requireAccess(ctx.actor, 'opinion.manage');
  const id = await ctx.db.transaction(async (tx) => {
    await tx.execute(sql`select id from org where id = ${actor.orgId} for update`);
    await checkReports(tx, actor.orgId, b.reportIds, null);
    const year = yearOf(b.issuedOn);
    const [{ n }] = await rowsOf<{ n: number }>(tx, sql`select coalesce(max(number), 0)::int + 1 as n from bulletin where org_id = ${actor.orgId} and year = ${year}`);
    const [row] = await tx
      .insert(bulletin)
      .values({ orgId: actor.orgId, year, number: n, title: b.title || DEFAULT_BULLETIN_TITLE, issuedOn: b.issuedOn, createdBy: actor.accountId, createdAt: ctx.clock.now() })
      .returning({ id: bulletin.id });
    await tx.insert(bulletinItem).values(b.reportIds.map((reportId, sort) => ({ orgId: actor.orgId, bulletinId: row.id, reportId, sort })));
    await writeAudit(ctx, { action: 'bulletin.create', summary: `编发社情民意${year}年${numberLabel(n)}（${b.reportIds.length} 条）`, targetType: 'bulletin', targetId: row.id, after: b }, tx);
    return row.id;
  });
  return getBulletin(ctx, id);
}

/** Changes the latest issue: its title, date (same year) and reports (reordered, added, removed). */
export async function updateBulletin(ctx: Ctx, id: string, b: BulletinBody): Promise<BulletinView> {
  const actor = requireAccess(ctx.actor, 'opinion.manage');
  await ctx.db.transaction(async (tx) => {
    await tx.execute(sql`select id from org where id = ${actor.orgId} for update`);
    const old = await bulletinOf(tx, actor.orgId, id);
    if (!old.isLatest) throw conflict('只能修改最新一期期刊');
    if (yearOf(b.issuedOn) !== old.year) throw fieldError('issuedOn', `印发日期应在 ${old.year} 年内（期号按年编排）`);
    await checkReports(tx, actor.orgId, b.reportIds, id);
    await tx.update(bulletin).set({ title: b.title || DEFAULT_BULLETIN_TITLE, issuedOn: b.issuedOn }).where(eq(bulletin.id, id));
    await tx.delete(bulletinItem).where(eq(bulletinItem.bulletinId, id));
    await tx.insert(bulletinItem).values(b.reportIds.map((reportId, sort) => ({ orgId: actor.orgId, bulletinId: id, reportId, sort })));
    await writeAudit(
      ctx,
      {
        action: 'bulletin.update',
        summary: `修改社情民意${old.year}年${numberLabel(old.number)}`,
        targetType: 'bulletin',
        targetId: id,
        before: { title: old.title, issuedOn: old.issuedOn, reportIds: old.items.map((i) => i.reportId) },
        after: b,
      },
      tx,
    );
  });
  return getBulletin(ctx, id);
}
