import { sql } from 'drizzle-orm';
import { buildAccount, buildCommittee, buildMember, buildOrg, buildSector, buildTerm } from '../../demo/builders.js';
import { buildGroup } from '../../demo/groups.js';
import { rowsOf } from '../../core/sql.js';
import { signIn, type TestApp } from '../../test/harness.js';
import { indexDoc } from '../search/search.index.js';
import { plenarySession } from '../term/term.table.js';
import { handlingUnit, handlingUnitAccount } from '../unit/unit.table.js';
import type { ProposalKind, ProposalStatus, ProposerKind } from './proposal.schema.js';
import { proposal, proposalAssignment, proposalEvent, proposalReply, proposalSigner } from './proposal.table.js';

/**
 * The proposals' test county, built by direct inserts (no proposal service involved):
 *
 * - the clock is set to **2026-03-02 10:00 China time** (a Monday, `FIXTURE_NOW`);
 * - term 十届 (current) with 十届四次会议 2025-01-08…01-11 and 十届五次会议 2026-03-09…03-12, so
 *   with the default 45-day window today is inside the collection window of 五次会议 (kind 'plenary');
 *   move the clock past 2026-03-12 and new proposals are interim (平时提案) of 五次会议;
 * - members with accounts (phones set, so masking shows): 张红梅 zhang, 杨德明 yang, 郭海燕 guo
 *   (sector 经济界 / 农业界, in group 第一活动小组 whose convener is zhang), and 刘建国 without account;
 * - staff 李秀兰 (li), admin (admin), leader 陈志远 (chen);
 * - handling units 县住房和城乡建设局 (wang), 县交通运输局 (sun), 县财政局 (zhao), each with a 'unit' account.
 *
 * Logins are `${tag}zhang`, `${tag}li`, … (password Xieshang@2026); `fx.as('zhang')` signs in.
 * Moving the clock by more than the idle timeout (30 minutes) ends sign-in sessions: sign in again after.
 */
export const FIXTURE_NOW = '2026-03-02T02:00:00Z';

/** Moves the test clock to a moment (forwards or backwards). */
export const setClock = (t: TestApp, at: string | Date) => t.clock.advance(new Date(at).getTime() - t.clock.now().getTime());

export async function proposalFixture(t: TestApp, tag = 'pp') {
  setClock(t, FIXTURE_NOW);
  const b = t.b;
  const org = await buildOrg(b, { name: `中国人民政治协商会议远安县委员会${tag}`, shortName: `远安县政协${tag}` });
  const term = await buildTerm(b, { org, number: 10, startDate: '2022-01-10', isCurrent: true });
  const [session4] = await b.db
    .insert(plenarySession)
    .values({ orgId: org.id, termId: term.id, number: 4, name: '十届四次会议', startDate: '2025-01-08', endDate: '2025-01-11' })
    .returning();
  const [session] = await b.db
    .insert(plenarySession)
    .values({ orgId: org.id, termId: term.id, number: 5, name: '十届五次会议', startDate: '2026-03-09', endDate: '2026-03-12' })
    .returning();
  const economy = await buildSector(b, { org, name: '经济界', sort: 1 });
  const farming = await buildSector(b, { org, name: '农业界', sort: 2 });
  const committee = await buildCommittee(b, { org, name: '提案委员会', shortName: '提案委', sectors: [economy] });
  const person = async (key: string, name: string, sector: { id: string }, phone: string, workUnit: string) => {
    const { account } = await buildAccount(b, { org, roles: ['member'], loginName: `${tag}${key}`, displayName: name });
    const { member } = await buildMember(b, { org, sector, name, accountId: account.id, phone, workUnit, terms: [term] });
    return { account, member, name, login: `${tag}${key}` };
  };
  const zhang = await person('zhang', '张红梅', economy, '13907171001', '远安县鸣凤镇卫生院');
  const yang = await person('yang', '杨德明', farming, '13907171002', '远安县花林寺镇农业服务中心');
  const guo = await person('guo', '郭海燕', economy, '13907171003', '远安县第一高级中学');
  const liu = (await buildMember(b, { org, sector: farming, name: '刘建国', phone: '13907171004', terms: [term] })).member;
  const group = await buildGroup(b, { org, name: '第一活动小组', convener: zhang.member, members: [yang.member] });
  const staff = (await buildAccount(b, { org, roles: ['staff'], loginName: `${tag}li`, displayName: '李秀兰' })).account;
  const admin = (await buildAccount(b, { org, roles: ['admin'], loginName: `${tag}admin`, displayName: '系统管理员' })).account;
  const leader = (await buildAccount(b, { org, roles: ['leader'], loginName: `${tag}chen`, displayName: '陈志远' })).account;
  const unit = async (key: string, name: string, shortName: string, person: string, sort: number) => {
    const [u] = await b.db.insert(handlingUnit).values({ orgId: org.id, name, shortName, contactName: person, contactPhoneEnc: b.crypto.encrypt(`0717-381${sort}00${sort}`), sort }).returning();
    const { account } = await buildAccount(b, { org, roles: ['unit'], loginName: `${tag}${key}`, displayName: person });
    await b.db.insert(handlingUnitAccount).values({ orgId: org.id, unitId: u.id, accountId: account.id });
    return { unit: u, account, login: `${tag}${key}` };
  };
  const housing = await unit('wang', '县住房和城乡建设局', '县住建局', '王磊', 1);
  const transport = await unit('sun', '县交通运输局', '县交通局', '孙丽', 2);
  const finance = await unit('zhao', '县财政局', '县财政局', '赵刚', 3);
  const logins = { zhang: zhang.login, yang: yang.login, guo: guo.login, li: `${tag}li`, admin: `${tag}admin`, chen: `${tag}chen`, wang: housing.login, sun: transport.login, zhao: finance.login };
  return {
    t,
    tag,
    org,
    term,
    session,
    session4,
    sectors: { economy, farming },
    committee,
    group,
    zhang,
    yang,
    guo,
    liu,
    staff,
    admin,
    leader,
    units: { housing, transport, finance },
    logins,
    /** signs in as one of the fixture's people: 'zhang' | 'yang' | 'guo' | 'li' | 'admin' | 'chen' | 'wang' | 'sun' | 'zhao' */
    as: (who: keyof typeof logins) => signIn(t.app, logins[who]),
  };
}
export type ProposalFixture = Awaited<ReturnType<typeof proposalFixture>>;

type SignerSpec = { id: string } | { member: { id: string }; status: 'confirmed' | 'invited' | 'declined' | 'lapsed' };

export interface ProposalSpec {
  status?: ProposalStatus;
  /** in order; the first is the first proposer. A bare member is 'confirmed'. Default: [zhang] */
  signers?: SignerSpec[];
  /** 立案号: default the next in the session for filed-or-later (and merged) proposals, null before */
  number?: number | null;
  title?: string;
  situation?: string;
  analysis?: string;
  suggestion?: string;
  category?: string;
  kind?: ProposalKind;
  sessionId?: string;
  proposerKind?: ProposerKind;
  bodyName?: string | null;
  bodyId?: string | null;
  mergedIntoId?: string | null;
  keyStatus?: 'shortlisted' | 'approved' | null;
  mayPublish?: boolean;
  /** also write its search row (default true) */
  index?: boolean;
}

const NUMBERED: ProposalStatus[] = ['filed', 'merged', 'assigned', 'replied', 'closed'];
const REVIEWED: ProposalStatus[] = ['returned', 'filed', 'declined', 'converted', 'merged', 'assigned', 'replied', 'closed'];

/** What a member's own proposal states besides its text, for a PUT (which sends the whole proposal). */
export const MEMBER_PROPOSAL = { proposerKind: 'member', bodyId: null, bodyName: null, sealNoted: false, coSignerIds: [], suggestedUnitIds: [], fileIds: [], mayPublish: true, fromLeadId: null } as const;

export const PROPOSAL_TEXT = {
  situation: '我县农村生活污水收集处理设施覆盖率不高，部分村组污水直排沟渠，影响人居环境和水源安全。',
  analysis: '主要原因是建设资金不足，已建设施运维管护责任不清，部分设施建成后闲置。',
  suggestion: '建议统筹整合涉农资金，分年度推进农村生活污水治理，明确乡镇和村组管护责任，建立运维经费保障机制，并将治理成效纳入乡镇年度考核。',
};

/** A proposal row in any status, with its signers (and a 'created' timeline entry), straight into the database. */
export async function insertProposal(fx: ProposalFixture, s: ProposalSpec = {}) {
  const db = fx.t.b.db;
  const now = fx.t.clock.now();
  const status = s.status ?? 'draft';
  const sessionId = s.sessionId ?? fx.session.id;
  let number = s.number;
  if (number === undefined) {
    if (NUMBERED.includes(status)) {
      const [n] = await rowsOf<{ n: number }>(db, sql`select coalesce(max(number), 0)::int + 1 as n from proposal where session_id = ${sessionId}`);
      number = n.n;
    } else number = null;
  }
  const after = status !== 'draft';
  const [row] = await db
    .insert(proposal)
    .values({
      orgId: fx.org.id,
      termId: fx.term.id,
      sessionId,
      kind: s.kind ?? 'plenary',
      number,
      title: s.title ?? '关于加快推进农村生活污水治理的建议',
      situation: s.situation ?? PROPOSAL_TEXT.situation,
      analysis: s.analysis ?? PROPOSAL_TEXT.analysis,
      suggestion: s.suggestion ?? PROPOSAL_TEXT.suggestion,
      category: s.category ?? '生态文明建设',
      proposerKind: s.proposerKind ?? 'member',
      bodyName: s.bodyName ?? null,
      bodyId: s.bodyId ?? null,
      mayPublish: s.mayPublish ?? true,
      status,
      oneMatterConfirmed: NUMBERED.includes(status),
      submittedAt: after ? now : null,
      reviewedAt: REVIEWED.includes(status) ? now : null,
      reviewedBy: REVIEWED.includes(status) ? fx.staff.id : null,
      mergedIntoId: s.mergedIntoId ?? null,
      assignedAt: ['assigned', 'replied', 'closed'].includes(status) ? now : null,
      repliedAt: ['replied', 'closed'].includes(status) ? now : null,
      closedAt: status === 'closed' ? now : null,
      keyStatus: s.keyStatus ?? null,
      createdBy: fx.zhang.account.id,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  const signers = s.signers ?? [fx.zhang.member];
  if (signers.length)
    await db.insert(proposalSigner).values(
      signers.map((x, position) => {
        const member = 'member' in x ? x.member : x;
        const st = 'member' in x ? x.status : 'confirmed';
        return { orgId: fx.org.id, proposalId: row.id, memberId: member.id, position, status: st, invitedAt: now, respondedAt: st === 'invited' ? null : now };
      }),
    );
  await db.insert(proposalEvent).values({ orgId: fx.org.id, proposalId: row.id, kind: 'created', actorName: '张红梅', actorAccountId: fx.zhang.account.id, at: now });
  if (s.index ?? true)
    await indexDoc(db, {
      kind: 'proposal',
      refId: row.id,
      orgId: fx.org.id,
      title: row.title,
      body: [row.situation, row.analysis, row.suggestion].join('\n'),
      status,
      category: row.category,
      isPublic: false,
      createdAt: now,
    });
  return row;
}

/** The given fields without those left undefined (so the defaults below stay). */
const defined = <T extends object>(o: T) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;

/** A unit's assignment on a proposal, straight into the database (the proposal's status is the caller's). */
export async function insertAssignment(
  fx: ProposalFixture,
  proposalId: string,
  unitId: string,
  a: Partial<Pick<typeof proposalAssignment.$inferInsert, 'role' | 'status' | 'round' | 'dueOn' | 'objectionDueOn' | 'maxDueOn' | 'assignedAt' | 'objectedAt' | 'objectionReason'>> & {
    role?: 'sole' | 'lead' | 'co' | 'separate';
    status?: 'handling' | 'objected' | 'withdrawn' | 'replied' | 'signed_off';
  } = {},
) {
  const at = a.assignedAt ?? fx.t.clock.now();
  const [row] = await fx.t.b.db
    .insert(proposalAssignment)
    .values({
      orgId: fx.org.id,
      proposalId,
      unitId,
      role: 'sole',
      status: 'handling',
      assignedBy: fx.staff.id,
      objectionDueOn: '2026-03-09',
      dueOn: '2026-06-02',
      maxDueOn: '2026-09-02',
      ...defined(a),
      assignedAt: at,
      createdAt: at,
    })
    .returning();
  return row;
}

/** A sent reply letter of an assignment, straight into the database (the contact phone given in clear, stored encrypted). */
export async function insertReply(
  fx: ProposalFixture,
  assignment: { id: string; proposalId: string; unitId: string; round?: number },
  { contactPhone = '0717-3812345', ...r }: Partial<Pick<typeof proposalReply.$inferInsert, 'body' | 'category' | 'letterNo' | 'followUpOn' | 'signer' | 'contactName' | 'status' | 'round' | 'sentAt'>> & { contactPhone?: string } = {},
) {
  const category = r.category ?? 'B';
  const [row] = await fx.t.b.db
    .insert(proposalReply)
    .values({
      orgId: fx.org.id,
      proposalId: assignment.proposalId,
      assignmentId: assignment.id,
      unitId: assignment.unitId,
      round: assignment.round ?? 1,
      letterNo: '远住建函〔2026〕12号',
      body: '张红梅委员：您提出的关于加快推进农村生活污水治理的建议收悉。我局高度重视，已会同县财政局制定三年行动方案，今年完成 20 个村的污水收集管网建设。',
      followUpOn: category === 'B' ? '2026-12-31' : null,
      signer: '王磊',
      contactName: '李明',
      contactPhoneEnc: contactPhone ? fx.t.b.crypto.encrypt(contactPhone) : null,
      sentBy: fx.units.housing.account.id,
      sentAt: fx.t.clock.now(),
      ...defined(r),
      category,
    })
    .returning();
  return row;
}
