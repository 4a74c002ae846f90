import { and, asc, eq, inArray } from 'drizzle-orm';
import { requireAccess } from '../../core/access.js';
import type { Ctx } from '../../core/context.js';
import { conflict, notFound } from '../../core/errors.js';
import { writeAudit } from '../audit/audit.service.js';
import { plenarySession, term } from './term.table.js';
import { sessionName, termName, type SessionBody, type TermBody, type TermView } from './term.schema.js';

/** The org's terms, newest first, each with its plenary sessions: two queries. */
export async function listTerms(ctx: Ctx): Promise<TermView[]> {
  const actor = requireAccess(ctx.actor, 'structure.read');
  const terms = await ctx.db.select().from(term).where(eq(term.orgId, actor.orgId)).orderBy(asc(term.number));
  const sessions = terms.length
    ? await ctx.db.select().from(plenarySession).where(inArray(plenarySession.termId, terms.map((t) => t.id))).orderBy(asc(plenarySession.number))
    : [];
  return terms.reverse().map((t) => ({
    id: t.id,
    number: t.number,
    name: t.name,
    startDate: t.startDate,
    endDate: t.endDate,
    isCurrent: t.isCurrent,
    sessions: sessions
      .filter((s) => s.termId === t.id)
      .map((s) => ({ id: s.id, number: s.number, name: s.name, startDate: s.startDate, endDate: s.endDate })),
  }));
}

export async function createTerm(ctx: Ctx, body: TermBody) {
  const actor = requireAccess(ctx.actor, 'structure.manage');
  await ctx.db.transaction(async (tx) => {
    const clash = await tx.select({ id: term.id }).from(term).where(and(eq(term.orgId, actor.orgId), eq(term.number, body.number)));
    if (clash.length) throw conflict(`${termName(body.number)}已存在`, [{ path: 'number', message: `${termName(body.number)}已存在` }]);
    if (body.isCurrent) await tx.update(term).set({ isCurrent: false }).where(eq(term.orgId, actor.orgId));
    const [row] = await tx
      .insert(term)
      .values({ orgId: actor.orgId, number: body.number, name: termName(body.number), startDate: body.startDate, endDate: body.endDate ?? null, isCurrent: body.isCurrent })
      .returning();
    await writeAudit(ctx, { action: 'term.create', summary: `新建${row.name}`, targetType: 'term', targetId: row.id, after: body }, tx);
  });
  return listTerms(ctx);
}

/** Marks one term as the current one (本届); the others stop being current. */
export async function setCurrentTerm(ctx: Ctx, id: string) {
  const actor = requireAccess(ctx.actor, 'structure.manage');
  await ctx.db.transaction(async (tx) => {
    const [row] = await tx.select().from(term).where(and(eq(term.orgId, actor.orgId), eq(term.id, id)));
    if (!row) throw notFound('届次不存在');
    await tx.update(term).set({ isCurrent: false }).where(eq(term.orgId, actor.orgId));
    await tx.update(term).set({ isCurrent: true }).where(eq(term.id, id));
    await writeAudit(ctx, { action: 'term.current', summary: `将${row.name}设为本届`, targetType: 'term', targetId: id }, tx);
  });
  return listTerms(ctx);
}

export async function createSession(ctx: Ctx, termId: string, body: SessionBody) {
  const actor = requireAccess(ctx.actor, 'structure.manage');
  await ctx.db.transaction(async (tx) => {
    const [t] = await tx.select().from(term).where(and(eq(term.orgId, actor.orgId), eq(term.id, termId)));
    if (!t) throw notFound('届次不存在');
    const name = sessionName(t.number, body.number);
    const clash = await tx.select({ id: plenarySession.id }).from(plenarySession).where(and(eq(plenarySession.termId, termId), eq(plenarySession.number, body.number)));
    if (clash.length) throw conflict(`${name}已存在`, [{ path: 'number', message: `${name}已存在` }]);
    const [row] = await tx
      .insert(plenarySession)
      .values({ orgId: actor.orgId, termId, number: body.number, name, startDate: body.startDate, endDate: body.endDate ?? null })
      .returning();
    await writeAudit(ctx, { action: 'session.create', summary: `新建${name}`, targetType: 'session', targetId: row.id, after: body }, tx);
  });
  return listTerms(ctx);
}
