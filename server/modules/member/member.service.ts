import { and, eq, inArray, or, type SQL } from 'drizzle-orm';
import { pinyin } from 'pinyin-pro';
import { requireAccess, type OrgActor } from '../../core/access.js';
import type { Ctx, Executor } from '../../core/context.js';
import { conflict, fieldError, notFound } from '../../core/errors.js';
import { writeAudit } from '../audit/audit.service.js';
import { memberGroup } from '../group/group.table.js';
import { partyOrgMember } from '../party/party.table.js';
import { committee, sector } from '../sector/sector.table.js';
import { term } from '../term/term.table.js';
import { fromIdNumber } from './idcard.js';
import { member, memberCommittee, memberTerm, person } from './member.table.js';
import { selectMembers } from './member.list.js';
import { memberSnapshot, presentMember } from './member.presenter.js';
import type { MemberBody, MemberLeaveBody, MemberUpdateBody, MemberView } from './member.schema.js';
import { readerOf, ID_ON_FILE } from './member.visibility.js';

/** 张红梅 → { namePinyin: 'zhanghongmei', nameInitials: 'zhm' } (surname readings: 单 shan, 曾 zeng). */
export function pinyinOf(name: string) {
  const syllables = pinyin(name, { toneType: 'none', type: 'array', surname: 'head', nonZh: 'removed' });
  return { namePinyin: syllables.join('').toLowerCase(), nameInitials: syllables.map((s) => s[0] ?? '').join('').toLowerCase() };
}

/** The member as the actor may see them (member.visibility.ts). */
async function loadMember(db: Executor, ctx: Ctx, actor: OrgActor, id: string): Promise<MemberView> {
  const [r] = await selectMembers(db).where(and(eq(member.orgId, actor.orgId), eq(member.id, id)));
  if (!r) throw notFound('委员不存在或不属于本组织');
  return presentMember(r.m, r.p, r.rel, ctx.crypto, readerOf(actor, r.p.accountId));
}

export async function getMember(ctx: Ctx, id: string) {
  const actor = requireAccess(ctx.actor, 'member.read');
  return loadMember(ctx.db, ctx, actor, id);
}

/** Every referenced sector, committee and term must be the org's own. */
async function checkRefs(db: Executor, orgId: string, b: MemberUpdateBody) {
  if (b.sectorId) {
    const [s] = await db.select({ id: sector.id }).from(sector).where(and(eq(sector.orgId, orgId), eq(sector.id, b.sectorId)));
    if (!s) throw fieldError('sectorId', '所选界别不存在');
  }
  if (b.committeeIds?.length) {
    const found = await db.select({ id: committee.id }).from(committee).where(and(eq(committee.orgId, orgId), inArray(committee.id, b.committeeIds)));
    if (found.length !== new Set(b.committeeIds).size) throw fieldError('committeeIds', '所选专委会不存在');
  }
  if (b.termIds?.length) {
    const found = await db.select({ id: term.id }).from(term).where(and(eq(term.orgId, orgId), inArray(term.id, b.termIds)));
    if (found.length !== new Set(b.termIds).size) throw fieldError('termIds', '所选届次不存在');
  }
}

/** The person behind an ID number or phone, if any org already knows them. */
async function findPerson(db: Executor, ctx: Ctx, b: Pick<MemberBody, 'phone' | 'idNumber'>) {
  const conds = [
    b.idNumber ? eq(person.idNumberHash, ctx.crypto.blindIndex(b.idNumber)) : undefined,
    b.phone ? eq(person.phoneHash, ctx.crypto.blindIndex(b.phone)) : undefined,
  ].filter(Boolean) as SQL[];
  if (!conds.length) return undefined;
  const found = await db.select().from(person).where(or(...conds));
  if (found.length > 1) throw conflict('该身份证号与手机号分别属于两个不同的人，请核对');
  return found[0];
}

const personValues = (ctx: Ctx, b: MemberUpdateBody) => {
  const v: Partial<typeof person.$inferInsert> = {};
  if (b.name !== undefined) Object.assign(v, { name: b.name }, pinyinOf(b.name));
  if (b.gender !== undefined) v.gender = b.gender;
  if (b.birthDate !== undefined) v.birthDate = b.birthDate;
  if (b.ethnicity !== undefined) v.ethnicity = b.ethnicity;
  if (b.phone !== undefined) {
    v.phoneEnc = b.phone ? ctx.crypto.encrypt(b.phone) : null;
    v.phoneHash = b.phone ? ctx.crypto.blindIndex(b.phone) : null;
  }
  if (b.idNumber !== undefined) {
    v.idNumberEnc = b.idNumber ? ctx.crypto.encrypt(b.idNumber) : null;
    v.idNumberHash = b.idNumber ? ctx.crypto.blindIndex(b.idNumber) : null;
    if (b.idNumber) {
      const stated = fromIdNumber(b.idNumber);
      if (b.gender && b.gender !== stated.gender) throw fieldError('gender', '性别与身份证号不符');
      if (b.birthDate && b.birthDate !== stated.birthDate) throw fieldError('birthDate', '出生日期与身份证号不符');
      Object.assign(v, stated);
    }
  }
  return v;
};

async function setLinks(tx: Executor, orgId: string, memberId: string, b: MemberUpdateBody) {
  if (b.committeeIds) {
    await tx.delete(memberCommittee).where(eq(memberCommittee.memberId, memberId));
    if (b.committeeIds.length)
      await tx.insert(memberCommittee).values([...new Set(b.committeeIds)].map((committeeId) => ({ orgId, memberId, committeeId })));
  }
  if (b.termIds) {
    await tx.delete(memberTerm).where(eq(memberTerm.memberId, memberId));
    if (b.termIds.length) await tx.insert(memberTerm).values([...new Set(b.termIds)].map((termId) => ({ orgId, memberId, termId })));
  }
}

/**
 * Adds a member. A person already known (by ID number or phone) — a member of another org, say — is
 * the same person: their membership here is added to them, not a second person.
 */
export async function createMember(ctx: Ctx, b: MemberBody): Promise<MemberView> {
  const actor = requireAccess(ctx.actor, 'member.manage');
  return ctx.db.transaction(async (tx) => {
    await checkRefs(tx, actor.orgId, b);
    let p = await findPerson(tx, ctx, b);
    if (p) {
      // the same person only under the same name, and never told who else holds the number
      const path = b.idNumber && p.idNumberHash === ctx.crypto.blindIndex(b.idNumber) ? 'idNumber' : 'phone';
      if (p.name !== b.name) throw conflict('该号码已登记在另一姓名下，请核对姓名和号码', [{ path, message: '已登记在另一姓名下' }]);
      if (b.idNumber && p.idNumberHash && p.idNumberHash !== ctx.crypto.blindIndex(b.idNumber))
        throw conflict('该手机号已登记，但身份证号与登记的不符，请核对', [{ path: 'idNumber', message: '与登记的身份证号不符' }]);
      const [already] = await tx.select({ id: member.id }).from(member).where(and(eq(member.orgId, actor.orgId), eq(member.personId, p.id)));
      if (already) throw conflict(`${p.name} 已是本组织委员`);
      // another org's entry fills in only the contact details not yet on file; what is on file stands
      const fill: MemberUpdateBody = { phone: !p.phoneEnc && b.phone ? b.phone : undefined, idNumber: !p.idNumberEnc && b.idNumber ? b.idNumber : undefined };
      if (fill.phone || fill.idNumber) [p] = await tx.update(person).set(personValues(ctx, fill)).where(eq(person.id, p.id)).returning();
    } else {
      [p] = await tx.insert(person).values({ ...(personValues(ctx, b) as typeof person.$inferInsert), gender: b.gender }).returning();
    }
    const [m] = await tx
      .insert(member)
      .values({ orgId: actor.orgId, personId: p.id, sectorId: b.sectorId, party: b.party, standing: b.standing, position: b.position, workUnit: b.workUnit })
      .returning();
    await setLinks(tx, actor.orgId, m.id, b);
    const view = await loadMember(tx, ctx, actor, m.id);
    await writeAudit(ctx, { action: 'member.create', summary: `新增委员 ${view.name}（${view.sector.name}）`, targetType: 'member', targetId: m.id, after: memberSnapshot(view) }, tx);
    return view;
  });
}

export async function updateMember(ctx: Ctx, id: string, b: MemberUpdateBody): Promise<MemberView> {
  const actor = requireAccess(ctx.actor, 'member.manage');
  return ctx.db.transaction(async (tx) => {
    const before = await loadMember(tx, ctx, actor, id);
    await checkRefs(tx, actor.orgId, b);
    if (b.phone || b.idNumber) {
      const other = await findPerson(tx, ctx, { phone: b.phone, idNumber: b.idNumber });
      if (other && other.id !== before.personId) throw conflict('该手机号或身份证号已属于另一位委员', [{ path: b.idNumber ? 'idNumber' : 'phone', message: '已属于另一位委员' }]);
    }
    if (b.party && b.party !== '中共' && before.party === '中共') {
      const [office] = await tx.select({ id: partyOrgMember.id }).from(partyOrgMember).where(eq(partyOrgMember.memberId, id)).limit(1);
      if (office) throw conflict(`${before.name} 在党组织中，党派不能改为${b.party}；请先在党组织中调出`, [{ path: 'party', message: '请先在党组织中调出' }]);
    }
    const pv = personValues(ctx, b);
    if (Object.keys(pv).length) await tx.update(person).set(pv).where(eq(person.id, before.personId));
    const mv: Partial<typeof member.$inferInsert> = {};
    for (const k of ['sectorId', 'party', 'standing', 'position', 'workUnit'] as const) if (b[k] !== undefined) Object.assign(mv, { [k]: b[k] });
    if (Object.keys(mv).length) await tx.update(member).set(mv).where(eq(member.id, id));
    await setLinks(tx, actor.orgId, id, b);
    const after = await loadMember(tx, ctx, actor, id);
    await writeAudit(
      ctx,
      {
        action: 'member.update',
        summary: `修改委员 ${after.name} 的信息`,
        targetType: 'member',
        targetId: id,
        before: memberSnapshot(before),
        // the snapshot shows no digit of the ID number, so a new one is said in words
        after: { ...memberSnapshot(after), ...(b.idNumber !== undefined && { idNumber: b.idNumber ? `${ID_ON_FILE}（本次填写）` : null }) },
      },
      tx,
    );
    return after;
  });
}

/** 离任: the member stays, with their history, marked as left. */
export async function leaveMember(ctx: Ctx, id: string, b: MemberLeaveBody): Promise<MemberView> {
  const actor = requireAccess(ctx.actor, 'member.manage');
  return ctx.db.transaction(async (tx) => {
    const before = await loadMember(tx, ctx, actor, id);
    if (before.status === 'left') throw conflict(`${before.name} 已于 ${before.leftAt} 离任`);
    await tx.update(member).set({ status: 'left', leftAt: b.leftAt, leftReason: b.reason }).where(eq(member.id, id));
    // offices end with the membership: groups they lead or convene, and their places in party organisations
    const led = await tx.update(memberGroup).set({ leaderId: null }).where(eq(memberGroup.leaderId, id)).returning({ name: memberGroup.name });
    const convened = await tx.update(memberGroup).set({ convenerId: null }).where(eq(memberGroup.convenerId, id)).returning({ name: memberGroup.name });
    const party = await tx.delete(partyOrgMember).where(eq(partyOrgMember.memberId, id)).returning({ id: partyOrgMember.partyOrgId });
    const after = await loadMember(tx, ctx, actor, id);
    const ended = [...led.map((g) => `${g.name}带组领导`), ...convened.map((g) => `${g.name}召集人`), ...(party.length ? [`${party.length} 个党组织的职务`] : [])];
    await writeAudit(
      ctx,
      {
        action: 'member.leave',
        summary: `委员 ${after.name} 离任：${b.reason}${ended.length ? `（同时卸任${ended.join('、')}）` : ''}`,
        targetType: 'member',
        targetId: id,
        before: { status: 'active' },
        after: { ...b, ended },
      },
      tx,
    );
    return after;
  });
}

/** The whole phone and ID number, for admin and staff; every view is audited. */
export async function revealMemberContact(ctx: Ctx, id: string) {
  const actor = requireAccess(ctx.actor, 'member.contact');
  const [r] = await ctx.db
    .select({ p: person })
    .from(member)
    .innerJoin(person, eq(person.id, member.personId))
    .where(and(eq(member.orgId, actor.orgId), eq(member.id, id)));
  if (!r) throw notFound('委员不存在或不属于本组织');
  await writeAudit(ctx, { action: 'member.view_contact', summary: `查看委员 ${r.p.name} 的完整手机号和身份证号`, targetType: 'member', targetId: id });
  return {
    phone: r.p.phoneEnc ? ctx.crypto.decrypt(r.p.phoneEnc) : null,
    idNumber: r.p.idNumberEnc ? ctx.crypto.decrypt(r.p.idNumberEnc) : null,
  };
}

/** The signed-in person's own membership of the current org (null when they are not a member here). */
export async function myMembership(ctx: Ctx): Promise<MemberView | null> {
  const actor = requireAccess(ctx.actor, 'org.read');
  const [r] = await selectMembers(ctx.db).where(and(eq(member.orgId, actor.orgId), eq(person.accountId, actor.accountId)));
  return r ? presentMember(r.m, r.p, r.rel, ctx.crypto, 'self') : null;
}
