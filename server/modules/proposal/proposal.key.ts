import { asc, eq, sql } from 'drizzle-orm';
import { requireAccess, type OrgActor } from '../../core/access.js';
import type { Ctx, Executor } from '../../core/context.js';
import { conflict, fieldError } from '../../core/errors.js';
import { rowsOf, valueList } from '../../core/sql.js';
import { chinaDate } from '../../core/workdays.js';
import { writeAudit } from '../audit/audit.service.js';
import { notify } from '../notification/notification.service.js';
import { addEvent, loadProposal, notifyProposers, type ProposalRow } from './proposal.access.js';
import { SUPERVISION_KIND_LABELS, type KeyBody, type ProposalView, type SupervisionBody, type SupervisorsBody } from './proposal.schema.js';
import { proposal, proposalSupervision, proposalSupervisor } from './proposal.table.js';
import { getProposal } from './proposal.view.js';
import { assertAction } from './proposal.workflow.js';

/**
 * 重点提案: staff shortlist a filed proposal, the chair's meeting approves it (its date recorded),
 * named leaders supervise it (those with an account see it in scope=supervised) through recorded
 * supervision events (座谈, 调研, 视察, 督办会).
 */

const book = (p: ProposalRow) => `《${p.title}》`;

/** Tells the supervising leaders who have an account. */
async function notifySupervisors(tx: Executor, p: ProposalRow, accountIds: string[], m: { kind: string; title: string; body?: string; at: Date }) {
  await notify(
    tx,
    [...new Set(accountIds)].map((accountId) => ({ orgId: p.orgId, accountId, ...m, link: `/proposals/${p.id}`, targetType: 'proposal', targetId: p.id })),
  );
}

const supervisorAccounts = async (tx: Executor, id: string) =>
  (await tx.select({ accountId: proposalSupervisor.accountId }).from(proposalSupervisor).where(eq(proposalSupervisor.proposalId, id))).flatMap((s) => (s.accountId ? [s.accountId] : []));

/** Shortlist (拟定), approve by the chair's meeting (确定), or drop (取消) a key proposal. */
export async function decideKey(ctx: Ctx, id: string, b: KeyBody): Promise<ProposalView> {
  const actor = requireAccess(ctx.actor, 'proposal.manage');
  await ctx.db.transaction(async (tx) => {
    const p = await loadProposal(tx, actor, id, true);
    assertAction(p.status, 'key');
    const now = ctx.clock.now();
    const before = { keyStatus: p.keyStatus, keyDecidedOn: p.keyDecidedOn, keyNote: p.keyNote };
    if (b.action === 'shortlist') {
      if (p.keyStatus) throw conflict(p.keyStatus === 'approved' ? '该提案已确定为重点提案' : '该提案已拟定为重点提案');
      await tx.update(proposal).set({ keyStatus: 'shortlisted', keyNote: b.note || null, updatedAt: now }).where(eq(proposal.id, id));
      await addEvent(ctx, tx, actor, id, { kind: 'key_shortlisted', note: b.note || null });
      await writeAudit(ctx, { action: 'proposal.key', summary: `拟定重点提案${book(p)}`, targetType: 'proposal', targetId: id, before, after: { keyStatus: 'shortlisted', keyNote: b.note } }, tx);
    } else if (b.action === 'approve') {
      if (p.keyStatus !== 'shortlisted') throw conflict(p.keyStatus === 'approved' ? '该提案已确定为重点提案' : '请先拟定为重点提案，再按主席会议的决定确定');
      if (b.decidedOn > chinaDate(now)) throw fieldError('decidedOn', '主席会议日期不能晚于今天');
      await tx.update(proposal).set({ keyStatus: 'approved', keyDecidedOn: b.decidedOn, keyNote: b.note || p.keyNote, updatedAt: now }).where(eq(proposal.id, id));
      await addEvent(ctx, tx, actor, id, { kind: 'key_approved', note: `${b.decidedOn} 主席会议确定${b.note ? `：${b.note}` : ''}`, data: { decidedOn: b.decidedOn } });
      await notifyProposers(tx, id, { kind: 'proposal.key', title: `您的提案被确定为重点提案：${book(p)}`, body: `经 ${b.decidedOn} 主席会议研究，您的提案${book(p)}被确定为重点提案，将由领导督办。`, at: now });
      await writeAudit(ctx, { action: 'proposal.key', summary: `确定重点提案${book(p)}（${b.decidedOn} 主席会议）`, targetType: 'proposal', targetId: id, before, after: { keyStatus: 'approved', keyDecidedOn: b.decidedOn } }, tx);
    } else {
      if (!p.keyStatus) throw conflict('该提案不是重点提案');
      const supervisors = await supervisorAccounts(tx, id);
      await tx.delete(proposalSupervisor).where(eq(proposalSupervisor.proposalId, id));
      await tx.update(proposal).set({ keyStatus: null, keyDecidedOn: null, keyNote: null, updatedAt: now }).where(eq(proposal.id, id));
      await addEvent(ctx, tx, actor, id, { kind: 'key_dropped', note: b.note });
      if (p.keyStatus === 'approved') {
        await notifyProposers(tx, id, { kind: 'proposal.key', title: `您的提案${book(p)}不再列为重点提案`, body: b.note, at: now });
        await notifySupervisors(tx, p, supervisors, { kind: 'proposal.key', title: `${book(p)}已取消重点提案，不再需要您督办`, body: b.note, at: now });
      }
      await writeAudit(ctx, { action: 'proposal.key', summary: `取消重点提案${book(p)}：${b.note}`, targetType: 'proposal', targetId: id, before, after: { keyStatus: null, note: b.note } }, tx);
    }
  });
  return getProposal(ctx, id);
}

/** The accounts among `ids` that are leaders, staff or admins of the org. */
async function officeAccounts(tx: Executor, actor: OrgActor, ids: string[]) {
  if (!ids.length) return new Set<string>();
  const rows = await rowsOf<{ account_id: string }>(
    tx,
    sql`select distinct ar.account_id from account_role ar join account a on a.id = ar.account_id
      where ar.org_id = ${actor.orgId} and ar.role in ('leader', 'staff', 'admin') and not a.disabled and ar.account_id in ${valueList(ids)}`,
  );
  return new Set(rows.map((r) => r.account_id));
}

/** The supervising leaders of an approved key proposal, as a whole list; newly named ones with an account are told. */
export async function setSupervisors(ctx: Ctx, id: string, b: SupervisorsBody): Promise<ProposalView> {
  const actor = requireAccess(ctx.actor, 'proposal.manage');
  await ctx.db.transaction(async (tx) => {
    const p = await loadProposal(tx, actor, id, true);
    if (p.keyStatus !== 'approved') throw conflict('重点提案经主席会议确定后才能指定督办领导');
    const ids = b.supervisors.flatMap((s) => (s.accountId ? [s.accountId] : []));
    if (new Set(ids).size !== ids.length) throw fieldError('supervisors', '同一领导账号不能重复指定');
    const ok = await officeAccounts(tx, actor, ids);
    b.supervisors.forEach((s, i) => {
      if (s.accountId && !ok.has(s.accountId)) throw fieldError(`supervisors.${i}.accountId`, `${s.name}的账号不是本组织的领导或机关工作人员账号`);
    });
    const before = await tx.select().from(proposalSupervisor).where(eq(proposalSupervisor.proposalId, id)).orderBy(asc(proposalSupervisor.sort));
    await tx.delete(proposalSupervisor).where(eq(proposalSupervisor.proposalId, id));
    await tx.insert(proposalSupervisor).values(b.supervisors.map((s, sort) => ({ orgId: actor.orgId, proposalId: id, accountId: s.accountId, name: s.name, title: s.title, sort })));
    const now = ctx.clock.now();
    const names = b.supervisors.map((s) => `${s.name}（${s.title}）`).join('、');
    await addEvent(ctx, tx, actor, id, { kind: 'supervisors_set', note: names, data: b.supervisors });
    const had = new Set(before.map((s) => s.accountId));
    await notifySupervisors(
      tx,
      p,
      ids.filter((a) => !had.has(a)),
      { kind: 'proposal.supervise', title: `请您督办重点提案${book(p)}`, body: `督办领导：${names}`, at: now },
    );
    await writeAudit(
      ctx,
      { action: 'proposal.key', summary: `确定重点提案${book(p)}的督办领导：${names}`, targetType: 'proposal', targetId: id, before: before.map(({ accountId, name, title }) => ({ accountId, name, title })), after: b.supervisors },
      tx,
    );
  });
  return getProposal(ctx, id);
}

/** A supervision event (座谈, 调研, 视察, 督办会) on a key proposal being handled or done. */
export async function addSupervision(ctx: Ctx, id: string, b: SupervisionBody): Promise<ProposalView> {
  const actor = requireAccess(ctx.actor, 'proposal.manage');
  await ctx.db.transaction(async (tx) => {
    const p = await loadProposal(tx, actor, id, true);
    assertAction(p.status, 'supervise');
    if (p.keyStatus !== 'approved') throw conflict('只有经主席会议确定的重点提案才能登记督办');
    const now = ctx.clock.now();
    if (b.on > chinaDate(now)) throw fieldError('on', '督办日期不能晚于今天');
    const [row] = await tx
      .insert(proposalSupervision)
      .values({ orgId: actor.orgId, proposalId: id, kind: b.kind, on: b.on, place: b.place, participants: b.participants, note: b.note, recordedBy: actor.accountId, createdAt: now })
      .returning({ id: proposalSupervision.id });
    const label = SUPERVISION_KIND_LABELS[b.kind];
    await addEvent(ctx, tx, actor, id, { kind: 'supervised', note: `${b.on} ${label}${b.place ? `（${b.place}）` : ''}：${b.note}`, data: { supervisionId: row.id, ...b } });
    await notifyProposers(tx, id, { kind: 'proposal.supervised', title: `您的重点提案${book(p)}开展了领导督办（${label}）`, body: b.note, at: now });
    await writeAudit(ctx, { action: 'proposal.key', summary: `登记重点提案${book(p)}的督办：${b.on} ${label}`, targetType: 'proposal', targetId: id, after: b }, tx);
  });
  return getProposal(ctx, id);
}

/** The org's leaders with an account, to link as supervisors (their key proposals then show on their pages). */
export async function supervisorOptions(ctx: Ctx): Promise<{ id: string; displayName: string }[]> {
  const actor = requireAccess(ctx.actor, 'proposal.manage');
  return rowsOf<{ id: string; displayName: string }>(
    ctx.db,
    sql`select a.id, a.display_name as "displayName" from account a join account_role ar on ar.account_id = a.id
      where ar.org_id = ${actor.orgId} and ar.role = 'leader' and not a.disabled order by a.display_name`,
  );
}
