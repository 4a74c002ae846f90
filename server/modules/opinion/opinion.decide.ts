import { and, eq } from 'drizzle-orm';
import { requireAccess, type OrgActor } from '../../core/access.js';
import { chinaDate } from '../../core/workdays.js';
import type { Ctx, Executor } from '../../core/context.js';
import { mergePatch } from '../../core/body.js';
import { conflict, fieldError, forbidden, notFound } from '../../core/errors.js';
import { writeAudit } from '../audit/audit.service.js';
import { indexDoc, updateDocState } from '../search/search.index.js';
import { addEvent, isOwnOrg, loadReport, notifyAuthors, notifyStaff, pendingHere, upperHere, type ReportAccess } from './opinion.access.js';
import { OPINION_LEVEL_LABELS, RECORD_KIND_LABELS, type OpinionDecisionBody, type OpinionEditBody, type OpinionRecordBody, type OpinionStatus, type OpinionView } from './opinion.schema.js';
import { getReport } from './opinion.service.js';
import { opinionReport, opinionReportRecord } from './opinion.table.js';


const notPending = () => conflict('这条信息不在本单位待处理（可能已被他人处理），请刷新后查看');
const decided = (r: ReportAccess) => r.status === 'adopted' || r.status === 'forwarded';

/** Staff edit the wording of a report in their queue, or of one their org adopted (before compiling a bulletin): the title, the text, or both. */
export async function editReport(ctx: Ctx, id: string, b: OpinionEditBody): Promise<OpinionView> {
  const actor = requireAccess(ctx.actor, 'opinion.manage');
  await ctx.db.transaction(async (tx) => {
    const r = await loadReport(tx, actor, id, true);
    if (!pendingHere(r, actor) && !(isOwnOrg(r, actor) && decided(r))) throw conflict('只能编辑本单位待处理或已采用的信息');
    const now = ctx.clock.now();
    const before = { title: r.title, body: r.body };
    const after = mergePatch(before, b);
    await tx.update(opinionReport).set({ ...after, updatedAt: now }).where(eq(opinionReport.id, id));
    await indexDoc(tx, { kind: 'opinion_report', refId: id, orgId: r.orgId, ...after, status: r.status, isPublic: false, createdAt: r.createdAt });
    const note = [r.title !== after.title ? `标题改为《${after.title}》` : '', r.body !== after.body ? '修改了正文' : ''].filter(Boolean).join('，') || '未作改动';
    await addEvent(ctx, tx, actor, id, { kind: 'edited', note, data: { before, after } });
    await writeAudit(ctx, { action: 'opinion.update', summary: `编辑社情民意信息《${after.title}》`, targetType: 'opinion_report', targetId: id, before, after }, tx);
  });
  return getReport(ctx, id);
}

/** The org's own adoption at its level (once), which adopting and forwarding both make. */
async function adoptHere(ctx: Ctx, tx: Executor, actor: OrgActor, r: ReportAccess) {
  const [had] = await tx
    .select({ id: opinionReportRecord.id })
    .from(opinionReportRecord)
    .where(and(eq(opinionReportRecord.reportId, r.id), eq(opinionReportRecord.orgId, actor.orgId), eq(opinionReportRecord.kind, 'adopted'), eq(opinionReportRecord.level, r.actorOrgLevel)));
  if (had) return;
  const now = ctx.clock.now();
  await tx.insert(opinionReportRecord).values({
    orgId: actor.orgId,
    reportId: r.id,
    kind: 'adopted',
    level: r.actorOrgLevel,
    byName: r.actorOrgShortName,
    text: '',
    on: chinaDate(now),
    recordedBy: actor.accountId,
    createdAt: now,
  });
}

/**
 * Staff decide on a report waiting at their org: adopt here, forward to the upper org (which also
 * adopts it here), decline with a reason, or return it to the writer for revision. An upper org acts
 * on forwarded reports the same way; its decline leaves the report adopted at the lower level.
 */
export async function decideReport(ctx: Ctx, id: string, b: OpinionDecisionBody): Promise<OpinionView> {
  const actor = requireAccess(ctx.actor, 'opinion.manage');
  await ctx.db.transaction(async (tx) => {
    const r = await loadReport(tx, actor, id, true);
    if (!pendingHere(r, actor)) throw notPending();
    const own = isOwnOrg(r, actor);
    const now = ctx.clock.now();
    const here = r.actorOrgShortName;
    let status: OpinionStatus;
    let message: string;
    const set: Partial<typeof opinionReport.$inferInsert> = { decidedAt: now, decidedBy: actor.accountId, updatedAt: now };
    if (b.action === 'adopt') {
      await adoptHere(ctx, tx, actor, r);
      status = 'adopted';
      message = `您的社情民意信息《${r.title}》已被${here}采用`;
    } else if (b.action === 'forward') {
      if (!r.actorOrgParentId) throw conflict(`${here}没有上级政协，不能转报；可直接采用`);
      await adoptHere(ctx, tx, actor, r);
      status = 'forwarded';
      Object.assign(set, { forwardedToOrgId: r.actorOrgParentId, forwardedAt: now });
      message = `您的社情民意信息《${r.title}》已被${here}采用并转报上级政协`;
      await notifyStaff(tx, r.actorOrgParentId, id, { kind: 'opinion.forwarded', title: `${here}转报社情民意信息《${r.title}》`, at: now });
    } else if (b.action === 'decline') {
      // declined upstairs, it stays adopted where it was adopted below
      status = own ? 'declined' : 'adopted';
      if (own) set.declineReason = b.reason;
      message = `您的社情民意信息《${r.title}》${here}未予采用：${b.reason}`;
    } else {
      if (!own) throw conflict('上级转来的信息不能退回修改，可选择不予采用');
      status = 'returned';
      set.declineReason = b.reason;
      message = `您的社情民意信息《${r.title}》被退回修改：${b.reason}`;
    }
    await tx.update(opinionReport).set({ ...set, status }).where(eq(opinionReport.id, id));
    await updateDocState(tx, 'opinion_report', id, { status });
    const kind = { adopt: 'adopted', forward: 'forwarded', decline: 'declined', return: 'returned' }[b.action];
    const note = 'reason' in b ? b.reason : (b.note ?? null);
    await addEvent(ctx, tx, actor, id, { kind, note: own ? note : `${here}：${note ?? ''}`.replace(/：$/, '') });
    await notifyAuthors(tx, id, { kind: `opinion.${kind}`, title: message, at: now });
    await writeAudit(ctx, { action: 'opinion.decide', summary: `${message.replace(/^您的/, '')}`, targetType: 'opinion_report', targetId: id, after: { action: b.action, status, note } }, tx);
  });
  return getReport(ctx, id);
}

/** Staff record an adoption learned later or a leader's instruction (批示), at any level. */
export async function addRecord(ctx: Ctx, id: string, b: OpinionRecordBody): Promise<OpinionView> {
  const actor = requireAccess(ctx.actor, 'opinion.manage');
  await ctx.db.transaction(async (tx) => {
    const r = await loadReport(tx, actor, id, true);
    if (!isOwnOrg(r, actor) && !upperHere(r, actor)) throw forbidden();
    if (!decided(r)) throw conflict('只有已采用或已转报的信息可以登记采用或批示');
    if (b.on > chinaDate(ctx.clock.now())) throw fieldError('on', '日期不能晚于今天');
    const [dup] = await tx
      .select({ id: opinionReportRecord.id })
      .from(opinionReportRecord)
      .where(and(eq(opinionReportRecord.reportId, id), eq(opinionReportRecord.kind, b.kind), eq(opinionReportRecord.level, b.level), eq(opinionReportRecord.byName, b.byName), eq(opinionReportRecord.text, b.text)));
    if (dup) throw conflict('已登记过相同的记录');
    const now = ctx.clock.now();
    await tx.insert(opinionReportRecord).values({ orgId: actor.orgId, reportId: id, kind: b.kind, level: b.level, byName: b.byName, text: b.text, on: b.on, recordedBy: actor.accountId, createdAt: now });
    const what = `${OPINION_LEVEL_LABELS[b.level]}${RECORD_KIND_LABELS[b.kind]}：${b.byName}`;
    await addEvent(ctx, tx, actor, id, { kind: 'recorded', note: what, data: b });
    await notifyAuthors(tx, id, { kind: `opinion.${b.kind}`, title: `您的社情民意信息《${r.title}》获${b.byName}${b.kind === 'adopted' ? '采用' : '批示'}`, body: b.text, at: now });
    await writeAudit(ctx, { action: 'opinion.record', summary: `《${r.title}》登记${what}`, targetType: 'opinion_report', targetId: id, after: b }, tx);
  });
  return getReport(ctx, id);
}

/**
 * Removes a record entered by mistake: the org's own, and never the adoption its decision made
 * (undoing a decision is not a correction).
 */
export async function removeRecord(ctx: Ctx, id: string, recordId: string): Promise<OpinionView> {
  const actor = requireAccess(ctx.actor, 'opinion.manage');
  await ctx.db.transaction(async (tx) => {
    const r = await loadReport(tx, actor, id, true);
    const [rec] = await tx.select().from(opinionReportRecord).where(and(eq(opinionReportRecord.id, recordId), eq(opinionReportRecord.reportId, id)));
    if (!rec) throw notFound('记录不存在');
    if (rec.orgId !== actor.orgId) throw forbidden('只能删除本单位登记的记录');
    if (rec.kind === 'adopted' && rec.level === r.actorOrgLevel) throw conflict('本级采用是处理结果，不能删除');
    await tx.delete(opinionReportRecord).where(eq(opinionReportRecord.id, recordId));
    const what = `${OPINION_LEVEL_LABELS[rec.level as keyof typeof OPINION_LEVEL_LABELS]}${RECORD_KIND_LABELS[rec.kind as keyof typeof RECORD_KIND_LABELS]}：${rec.byName}`;
    await addEvent(ctx, tx, actor, id, { kind: 'record_removed', note: what });
    await writeAudit(ctx, { action: 'opinion.record', summary: `《${r.title}》删除登记的${what}`, targetType: 'opinion_report', targetId: id, before: rec }, tx);
  });
  return getReport(ctx, id);
}
