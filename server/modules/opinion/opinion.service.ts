import { eq, sql } from 'drizzle-orm';
import { requireAccess, type OrgActor } from '../../core/access.js';
import type { Ctx, Executor } from '../../core/context.js';
import { conflict, fieldError, forbidden } from '../../core/errors.js';
import { rowsOf, valueList } from '../../core/sql.js';
import { writeAudit } from '../audit/audit.service.js';
import { indexDoc, updateDocState } from '../search/search.index.js';
import { actorMemberId } from '../member/member.actor.js';
import { addEvent, loadReport, notifyStaff, type ReportAccess } from './opinion.access.js';
import { createOpinionDraft } from './opinion.drafts.js';
import { setReportFiles } from './opinion.files.js';
import type { OpinionBody, OpinionView } from './opinion.schema.js';
import { opinionReport, opinionReportAuthor } from './opinion.table.js';
import { reportView } from './opinion.view.js';

/** The full view of a report the actor may see. */
export async function getReport(ctx: Ctx, id: string): Promise<OpinionView> {
  const actor = requireAccess(ctx.actor, 'opinion.read');
  return reportView(ctx.db, actor, await loadReport(ctx.db, actor, id));
}

async function writerOf(tx: Executor, actor: OrgActor) {
  const id = await actorMemberId(tx, actor);
  if (!id) throw forbidden('您不是本组织的在任委员，不能撰写社情民意信息');
  return id;
}

/** Co-authors: other active members of the org, each once. */
async function checkCoAuthors(tx: Executor, orgId: string, writerId: string, ids: string[]) {
  if (ids.includes(writerId)) throw fieldError('coAuthorIds', '您本人是第一作者，联名委员中不必再选');
  if (!ids.length) return;
  const found = await rowsOf<{ id: string }>(tx, sql`select id from member where org_id = ${orgId} and status = 'active' and id in ${valueList(ids)}`);
  if (found.length !== ids.length) throw fieldError('coAuthorIds', '联名委员应为本组织的在任委员');
}

const editable = (r: ReportAccess) => {
  if (r.myPosition !== 0) throw forbidden('只有第一作者可以修改、报送这条信息');
  if (r.status !== 'draft' && r.status !== 'returned') throw conflict('信息已报送，不能再修改；如需修改请联系机关干部退回');
};

/** A member writes a report: a draft with the writer as first author, co-authors and attachments. */
export async function createReport(ctx: Ctx, b: OpinionBody): Promise<OpinionView> {
  const actor = requireAccess(ctx.actor, 'opinion.write');
  const id = await ctx.db.transaction(async (tx) => {
    const writer = await writerOf(tx, actor);
    await checkCoAuthors(tx, actor.orgId, writer, b.coAuthorIds);
    const now = ctx.clock.now();
    const { id } = await createOpinionDraft(tx, { orgId: actor.orgId, title: b.title, body: b.body, authorMemberIds: [writer, ...b.coAuthorIds], createdBy: actor.accountId, createdByName: actor.displayName, now });
    await setReportFiles(tx, actor.orgId, id, b.fileIds);
    await writeAudit(ctx, { action: 'opinion.create', summary: `撰写社情民意信息《${b.title}》`, targetType: 'opinion_report', targetId: id, after: { title: b.title, coAuthorIds: b.coAuthorIds, fileIds: b.fileIds } }, tx);
    return id;
  });
  return getReport(ctx, id);
}

/** The writer edits a draft, or a report returned for revision. */
export async function updateReport(ctx: Ctx, id: string, b: OpinionBody): Promise<OpinionView> {
  const actor = requireAccess(ctx.actor, 'opinion.write');
  await ctx.db.transaction(async (tx) => {
    const r = await loadReport(tx, actor, id, true);
    editable(r);
    const writer = await writerOf(tx, actor);
    await checkCoAuthors(tx, actor.orgId, writer, b.coAuthorIds);
    const now = ctx.clock.now();
    await tx.update(opinionReport).set({ title: b.title, body: b.body, updatedAt: now }).where(eq(opinionReport.id, id));
    await tx.delete(opinionReportAuthor).where(eq(opinionReportAuthor.reportId, id));
    await tx.insert(opinionReportAuthor).values([writer, ...b.coAuthorIds].map((memberId, position) => ({ orgId: r.orgId, reportId: id, memberId, position })));
    await setReportFiles(tx, actor.orgId, id, b.fileIds);
    await indexDoc(tx, { kind: 'opinion_report', refId: id, orgId: r.orgId, title: b.title, body: b.body, status: r.status, isPublic: false, createdAt: r.createdAt });
    await addEvent(ctx, tx, actor, id, { kind: 'updated' });
    await writeAudit(
      ctx,
      { action: 'opinion.update', summary: `修改社情民意信息《${b.title}》`, targetType: 'opinion_report', targetId: id, before: { title: r.title, body: r.body }, after: { title: b.title, body: b.body, coAuthorIds: b.coAuthorIds, fileIds: b.fileIds } },
      tx,
    );
  });
  return getReport(ctx, id);
}

/** The writer submits it to the org's staff; the wording as submitted stays in the history. */
export async function submitReport(ctx: Ctx, id: string): Promise<OpinionView> {
  const actor = requireAccess(ctx.actor, 'opinion.write');
  await ctx.db.transaction(async (tx) => {
    const r = await loadReport(tx, actor, id, true);
    editable(r);
    const now = ctx.clock.now();
    await tx.update(opinionReport).set({ status: 'submitted', submittedAt: now, declineReason: null, updatedAt: now }).where(eq(opinionReport.id, id));
    await updateDocState(tx, 'opinion_report', id, { status: 'submitted' });
    await addEvent(ctx, tx, actor, id, { kind: 'submitted', note: r.status === 'returned' ? '修改后重新报送' : null, data: { title: r.title, body: r.body } });
    await notifyStaff(tx, r.orgId, id, { kind: 'opinion.submitted', title: `${actor.displayName}报送了社情民意信息《${r.title}》`, at: now });
    await writeAudit(ctx, { action: 'opinion.submit', summary: `报送社情民意信息《${r.title}》`, targetType: 'opinion_report', targetId: id }, tx);
  });
  return getReport(ctx, id);
}
