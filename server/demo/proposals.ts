import { eq, sql } from 'drizzle-orm';
import type { Actor } from '../core/access.js';
import type { Clock } from '../core/clock.js';
import type { Ctx } from '../core/context.js';
import { rowsOf } from '../core/sql.js';
import { addDays, chinaDate } from '../core/workdays.js';
import { account } from '../modules/account/account.table.js';
import { org } from '../modules/org/org.table.js';
import { pinyinOf } from '../modules/member/member.service.js';
import { person } from '../modules/member/member.table.js';
import { assignProposal } from '../modules/proposal/proposal.assign.js';
import { recordContact, reportFollowUp, signOff } from '../modules/proposal/proposal.handle.js';
import { addSupervision, decideKey, setSupervisors } from '../modules/proposal/proposal.key.js';
import { publishProposal } from '../modules/proposal/proposal.publish.js';
import { rateOnBehalf, rateReply } from '../modules/proposal/proposal.rating.js';
import { rehandle, replyToProposal } from '../modules/proposal/proposal.reply.js';
import { reviewProposal } from '../modules/proposal/proposal.review.js';
import { numberLabel, type Rating } from '../modules/proposal/proposal.schema.js';
import { createProposal, respondInvitation, submitProposal } from '../modules/proposal/proposal.service.js';
import { pickSession, sessionsOf } from '../modules/proposal/proposal.session.js';
import { handlingUnitAccount } from '../modules/unit/unit.table.js';
import { buildAccount, type Builder } from './builders.js';
import { PROPOSALS, type Body, type ProposalSpec, type ReplySpec, type Who } from './proposals.data.js';
import { unitSpec } from './units.js';

const H = 3_600_000;
const D = 24 * H;

/** A moment of a China date at a given hour (China time). */
/** a collective proposer (not a member) */
const isBody = (by: ProposalSpec['by']): by is Body => typeof by === 'object' && !Array.isArray(by);

const dayAt = (date: string, hour: number, minute = 0) => new Date(`${date}T${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}:00+08:00`);

interface Person {
  memberId: string;
  name: string;
  accountId: string;
  /** acting through the member's own account */
  ctx: Ctx;
}
interface Made {
  id: string;
  number: number | null;
  sessionName: string;
  /** confirmed proposers, in order (the merged proposals' proposers of a main one added once they merge) */
  proposers: Person[];
  assignments: { id: string; unit: string; role: string }[];
  /** the current reply of each replying unit */
  replies: Map<string, string>;
}
interface Step {
  at: Date;
  run: () => Promise<void>;
}

/**
 * 远安's proposals (proposals.data.ts) made through the proposal services, each step by the person who
 * takes it (the member, the co-signers, the proposals office, the unit's contact, the proposers again)
 * at its own moment on a demo clock, all proposals' steps in time order: numbers follow the order of
 * filing, deadlines and the timeline are what the rules make of those dates. Members and units that
 * act get an account (as they would in a county using the platform); 张红梅, 杨德明, 郭海燕, 王磊
 * (县住建局) and 孙莉 (县交通局) are the demo logins among them.
 */
export async function seedProposals(b: Builder, orgId: string, units: Map<string, string>, now = new Date()) {
  let t = now;
  const clock: Clock = { now: () => new Date(t) };
  const latest = now.getTime() - 10 * 60_000;
  const ctxOf = (actor: Actor): Ctx => ({ db: b.db, clock, crypto: b.crypto, actor, ip: null, userAgent: 'demo' });
  const actorOf = (a: { id: string; loginName: string; displayName: string }, role: Actor['roles'][number]): Actor => ({
    sessionId: 'demo',
    accountId: a.id,
    loginName: a.loginName,
    displayName: a.displayName,
    mustChangePassword: false,
    csrfToken: '',
    orgId,
    roles: [role],
  });
  const taken = new Set((await b.db.select({ l: account.loginName }).from(account)).map((r) => r.l));
  const loginFor = (name: string) => {
    const base = pinyinOf(name).namePinyin || 'user';
    let login = base;
    for (let k = 2; taken.has(login); k++) login = `${base}${k}`;
    taken.add(login);
    return login;
  };
  const [home] = await b.db.select().from(org).where(eq(org.id, orgId));
  const accountBy = async (loginName: string) => (await b.db.select().from(account).where(eq(account.loginName, loginName)))[0];
  const staff = ctxOf(actorOf(await accountBy('lixiulan'), 'staff'));

  // the members who write, co-sign and rate, each with an account
  const members = await rowsOf<{ id: string; name: string; sector: string; account_id: string | null; person_id: string }>(
    b.db,
    sql`select m.id, p.name, s.name as sector, p.account_id, p.id as person_id from member m join person p on p.id = m.person_id join sector s on s.id = m.sector_id
      where m.org_id = ${orgId} and m.status = 'active' and m.position not in ('chair', 'vice_chair', 'secretary_general') order by m.created_at, m.id`,
  );
  const people = new Map<string, Person>();
  const personOf = async (who: Who): Promise<Person> => {
    const m = typeof who === 'string' ? members.find((x) => x.name === who) : members.filter((x) => x.sector === who[0])[who[1] % members.filter((x) => x.sector === who[0]).length];
    if (!m) throw new Error(`demo proposals: no member ${JSON.stringify(who)}`);
    const known = people.get(m.id);
    if (known) return known;
    let accountId = m.account_id;
    if (!accountId) {
      ({ account: { id: accountId } } = await buildAccount(b, { org: home, roles: ['member'], loginName: loginFor(m.name), displayName: m.name }));
      await b.db.update(person).set({ accountId }).where(eq(person.id, m.person_id));
    }
    const [a] = await b.db.select().from(account).where(eq(account.id, accountId));
    const p = { memberId: m.id, name: m.name, accountId, ctx: ctxOf(actorOf(a, 'member')) };
    people.set(m.id, p);
    return p;
  };
  // the units' contacts: the demo logins where linked (seedUnits), else an account of the contact person
  const unitCtx = new Map<string, Ctx>();
  const unitOf = async (name: string) => {
    const known = unitCtx.get(name);
    if (known) return known;
    const unitId = units.get(name)!;
    const [linked] = await rowsOf<{ id: string; login_name: string; display_name: string }>(
      b.db,
      sql`select a.id, a.login_name, a.display_name from handling_unit_account ua join account a on a.id = ua.account_id where ua.unit_id = ${unitId} limit 1`,
    );
    let a = linked ? { id: linked.id, loginName: linked.login_name, displayName: linked.display_name } : null;
    if (!a) {
      const u = unitSpec(name);
      const made = await buildAccount(b, { org: home, roles: ['unit'], loginName: loginFor(u.contactName), displayName: u.contactName });
      await b.db.insert(handlingUnitAccount).values({ orgId, unitId, accountId: made.account.id });
      a = made.account;
    }
    const c = ctxOf(actorOf(a, 'unit'));
    unitCtx.set(name, c);
    return c;
  };
  const accountIdOf = async (login: string) => (await accountBy(login))?.id ?? null;

  const sessions = await sessionsOf(b.db, orgId);
  const made = new Map<string, Made>();
  const letterSeq = new Map<string, number>();
  const steps: Step[] = [];

  /** every proposal's moments, then its steps */
  const times = new Map<string, { submit: Date; review: Date }>();
  for (const [i, s] of PROPOSALS.entries()) {
    const day = s.on ?? chinaDate(new Date(now.getTime() - (s.ago ?? 0) * D));
    const submit = dayAt(day, 9 + (i % 8), (i * 7) % 60);
    const picked = pickSession(sessions, day, 45);
    const plenary = picked?.kind === 'plenary';
    const rev = s.t?.review ?? 4;
    let review = plenary ? new Date(Math.max(submit.getTime() + 3 * D, dayAt(addDays(picked!.session.endDate ?? picked!.session.startDate, 8), 9).getTime() + (i % 6) * H)) : new Date(submit.getTime() + rev * D);
    if (s.into) review = new Date(Math.max(review.getTime(), times.get(s.into)!.review.getTime() + 2 * H));
    times.set(s.title, { submit, review });
  }

  for (const [i, s] of PROPOSALS.entries()) {
    const { submit, review } = times.get(s.title)!;
    const after = (days: number, base = submit) => new Date(base.getTime() + days * D);
    const assign = s.t?.assign != null ? after(s.t.assign) : after(8, review);
    const contact = s.t?.contact != null ? after(s.t.contact) : after(25, assign);
    const sign = s.t?.signOff != null ? after(s.t.signOff) : after(35, assign);
    const reply = s.t?.reply != null ? after(s.t.reply) : after(50 + (i % 10), assign);
    const rate = s.t?.rate != null ? after(s.t.rate) : after(8 + (i % 5), reply);
    const step = (at: Date, run: () => Promise<void>) => steps.push({ at, run });
    const writer = isBody(s.by) ? s.by.convener : s.by;
    const co = s.co ?? [];
    const created = s.flow === 'draft' ? submit : new Date(submit.getTime() - (co.length ? 2 : 1) * D);

    step(created, async () => {
      const w = await personOf(writer);
      const body = await bodyOf(s);
      const coSigners = [...(await Promise.all(co.map(personOf))), ...(await Promise.all((s.invite ?? []).map(personOf)))];
      const v = await createProposal(w.ctx, {
        title: s.title,
        situation: s.situation,
        analysis: s.analysis,
        suggestion: s.suggestion,
        category: s.category,
        ...body,
        coSignerIds: coSigners.map((c) => c.memberId),
        suggestedUnitIds: (s.units ?? []).map((u) => units.get(unitSpec(u).name)!),
        fileIds: [],
        mayPublish: true,
        fromLeadId: null,
      });
      made.set(s.title, { id: v.id, number: null, sessionName: v.session.name, proposers: [w], assignments: [], replies: new Map() });
    });
    if (s.flow === 'draft') continue;
    for (const [k, c] of co.entries())
      step(new Date(created.getTime() + (20 + k * 3) * H), async () => {
        const p = await personOf(c);
        await respondInvitation(p.ctx, made.get(s.title)!.id, { accept: true });
        made.get(s.title)!.proposers.push(p);
      });
    step(submit, async () => {
      const v = await submitProposal((await personOf(writer)).ctx, made.get(s.title)!.id);
      made.get(s.title)!.sessionName = v.session.name;
    });
    if (s.flow === 'submitted') continue;

    step(review, async () => {
      const m = made.get(s.title)!;
      const v = await reviewProposal(
        staff,
        m.id,
        s.flow === 'declined'
          ? { action: 'decline', ground: s.decline!.ground, reason: s.decline!.reason }
          : s.flow === 'returned'
            ? { action: 'return', reason: s.reason! }
            : s.flow === 'converted'
              ? { action: 'convert', to: 'opinion', proposerConsent: true, reason: s.reason! }
              : s.flow === 'merged'
                ? { action: 'merge', intoId: made.get(s.into!)!.id, reason: s.reason! }
                : { action: 'file', oneMatterConfirmed: true, note: '' },
      );
      m.number = v.number;
      if (s.flow === 'merged') made.get(s.into!)!.proposers.push(...m.proposers);
    });
    if (['returned', 'declined', 'converted', 'merged', 'filed'].includes(s.flow)) continue;

    if (s.key) {
      const key = s.key;
      step(after(1, review), async () => void (await decideKey(staff, made.get(s.title)!.id, { action: 'shortlist', note: '' })));
      const approve = after(5, assign);
      step(approve, async () => {
        const id = made.get(s.title)!.id;
        await decideKey(staff, id, { action: 'approve', decidedOn: chinaDate(approve), note: key.note });
        const supervisors = await Promise.all(key.supervisors.map(async (x) => ({ accountId: x.login ? await accountIdOf(x.login) : null, name: x.name, title: x.title })));
        await setSupervisors(staff, id, { supervisors });
      });
      for (const v of key.supervisions) {
        const on = after(v.after, assign);
        step(on, async () => void (await addSupervision(staff, made.get(s.title)!.id, { kind: v.kind, on: chinaDate(on), place: v.place, participants: v.participants, note: v.note })));
      }
    }

    const plan = s.assign!;
    step(assign, async () => {
      const m = made.get(s.title)!;
      const v = await assignProposal(staff, m.id, { mode: plan.mode, unitIds: plan.units.map((u) => units.get(unitSpec(u).name)!), note: '' });
      m.assignments = v.assignments.map((a) => ({ id: a.id, unit: a.unit.name, role: a.role }));
    });
    const replying = plan.mode === 'lead' ? [plan.units[0]] : plan.units;
    const coUnits = plan.mode === 'lead' ? plan.units.slice(1) : [];
    for (const [k, u] of replying.entries()) {
      const note = s.contact?.[k] ?? s.contact?.[0];
      if (note) step(after(k * 0.2, contact), () => contactOnce(s.title, u, note[0], note[1], after(k * 0.2, contact)));
    }
    for (const [k, u] of coUnits.entries())
      if (s.signOff?.[k] && (s.flow !== 'assigned' || sign < new Date(latest)))
        step(after(k * 0.1, sign), async () => {
          const a = made.get(s.title)!.assignments.find((x) => x.unit === u)!;
          await signOff(await unitOf(u), a.id, { text: s.signOff![k] });
        });
    if (s.flow === 'assigned') continue;

    for (const [k, r] of (s.replies ?? []).entries()) step(after(k * 0.2, reply), () => sendReply(s, r, after(k * 0.2, reply)));
    if (s.flow === 'replied') continue;

    const ratingsOf = (rs: Rating[] | undefined, comment: string, onBehalf: boolean) => async () => {
      const m = made.get(s.title)!;
      for (const replyId of m.replies.values())
        for (const [k, p] of m.proposers.entries()) {
          const r = rs?.[k] ?? 'satisfied';
          const text = r === 'unsatisfied' ? comment : r === 'basic' ? '办理态度较好，但部分问题还需要继续推进。' : '';
          if (onBehalf) await rateOnBehalf(staff, replyId, { memberId: p.memberId, handling: r === 'unsatisfied' ? 'basic' : r, result: r, comment: `电话征询，委员口述${text ? `：${text}` : ''}` });
          else await rateReply(p.ctx, replyId, { handling: r === 'unsatisfied' ? 'basic' : r, result: r, comment: text });
        }
    };
    step(rate, ratingsOf(s.ratings, s.rateComment ?? '', !!s.onBehalf));
    let last = rate;
    if (s.rehandle) {
      const again = s.rehandle;
      const back = after(3, rate);
      step(back, async () => {
        const a = made.get(s.title)!.assignments.find((x) => x.unit === again.reply.unit)!;
        await rehandle(staff, a.id, { reason: again.reason, dueOn: addDays(chinaDate(back), 45) });
      });
      step(after(12, back), () => contactOnce(s.title, again.reply.unit, 'visit', '局主要负责同志带队登门拜访提案者，通报凤山社区、西门社区集中充电设施选址和建设进度，请提案者一同到现场察看。', after(12, back)));
      step(after(30, back), () => sendReply(s, again.reply, after(30, back)));
      last = after(38, back);
      step(last, ratingsOf(again.ratings, '', false));
    }
    // "being solved" replies: the unit reports once the promised date comes (if it has come)
    for (const [k, r] of (s.replies ?? []).entries())
      if (r.cat === 'B' && !r.followUp) {
        const due = after(85 + k, reply);
        if (due.getTime() < latest)
          step(due, async () => {
            const a = made.get(s.title)!.assignments.find((x) => x.unit === r.unit)!;
            await reportFollowUp(await unitOf(r.unit), a.id, { body: `按照答复中的承诺，${s.title.replace(/^关于|的建议$/g, '')}列入计划的事项已按期推进落实，具体情况已向提案者当面通报，今后我们将继续跟踪落实。`, signer: unitSpec(r.unit).head });
          });
      }
    if (s.publish) {
      const pub = s.publish;
      step(after(5, last), async () => void (await publishProposal(staff, made.get(s.title)!.id, pub.mode === 'summary' ? { mode: 'summary', summary: pub.summary! } : pub.mode === 'full' ? { mode: 'full' } : { mode: 'withheld', reason: pub.reason! })));
    }
  }

  async function bodyOf(s: ProposalSpec) {
    if (!isBody(s.by)) return { proposerKind: 'member' as const, bodyId: null, bodyName: null, sealNoted: false };
    const body = s.by;
    if (body.kind === 'party' || body.kind === 'people_org') return { proposerKind: body.kind, bodyId: null, bodyName: body.name, sealNoted: true };
    const table = sql.raw(body.kind === 'sector' ? 'sector' : 'member_group');
    const [row] = await rowsOf<{ id: string }>(b.db, sql`select id from ${table} where org_id = ${orgId} and name = ${body.name}`);
    return { proposerKind: body.kind, bodyId: row.id, bodyName: null, sealNoted: true };
  }

  async function contactOnce(title: string, unit: string, method: Parameters<typeof recordContact>[2]['method'], note: string, at: Date) {
    const m = made.get(title)!;
    const a = m.assignments.find((x) => x.unit === unit)!;
    await recordContact(await unitOf(unit), a.id, { method, on: chinaDate(at), memberIds: m.proposers.map((p) => p.memberId), note });
  }

  async function sendReply(s: ProposalSpec, r: ReplySpec, at: Date) {
    const m = made.get(s.title)!;
    const u = unitSpec(r.unit);
    const a = m.assignments.find((x) => x.unit === u.name)!;
    const year = chinaDate(at).slice(0, 4);
    const seq = (letterSeq.get(u.name + year) ?? 8 + (u.letter.length % 5)) + 1;
    letterSeq.set(u.name + year, seq);
    const collective = isBody(s.by) ? s.by.name : null;
    const to = collective ?? (m.proposers.length > 1 ? `${m.proposers[0].name}等委员` : `${m.proposers[0].name}委员`);
    const we = u.name.endsWith('分局') ? '我分局' : u.name.endsWith('局') ? '我局' : u.name.endsWith('法院') ? '我院' : u.name.endsWith('公司') ? '我公司' : u.name.endsWith('政府') ? '我镇' : u.name === '县妇联' ? '我会' : '我们';
    const you = collective || m.proposers.length > 1 ? '你们' : '您';
    const body = [
      `${to}：`,
      `${you}提出的《${s.title}》（${m.sessionName}第${String(m.number).padStart(4, '0')}号提案）收悉。${we}高度重视，经认真研究，现答复如下：`,
      r.body,
      `感谢${you}对${we.slice(1)}工作的关心和支持，欢迎继续提出宝贵意见和建议。`,
    ].join('\n');
    const followUpOn = r.cat === 'B' ? chinaDate(new Date(r.followUp ? now.getTime() + r.followUp * D : at.getTime() + 90 * D)) : null;
    const v = await replyToProposal(await unitOf(u.name), a.id, { letterNo: `${u.letter}〔${year}〕${seq}号`, body, category: r.cat, followUpOn, signer: u.head, contactName: u.contactName, contactPhone: u.contactPhone });
    const current = v.replies.find((x) => x.assignmentId === a.id && x.status === 'sent' && x.kind === 'reply');
    if (current) m.replies.set(u.name, current.id);
  }

  steps.sort((x, y) => x.at.getTime() - y.at.getTime());
  for (const s of steps) {
    t = new Date(Math.min(s.at.getTime(), latest));
    await s.run();
  }
  return { proposals: made.size, numbers: [...made.values()].map((m) => numberLabel(m.number)) };
}

