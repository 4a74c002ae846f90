import { eq, sql } from 'drizzle-orm';
import type { Actor } from '../core/access.js';
import type { Clock } from '../core/clock.js';
import type { Ctx } from '../core/context.js';
import { rowsOf } from '../core/sql.js';
import { account } from '../modules/account/account.table.js';
import { org } from '../modules/org/org.table.js';
import { applyAnswer, answerRequest } from '../modules/request/request.answer.js';
import { ensureCategories, updateCategory, categoriesOf } from '../modules/request/request.category.js';
import { escalateRequests } from '../modules/request/request.escalation.js';
import { raiseRequest } from '../modules/request/request.raise.js';
import { rateRequest } from '../modules/request/request.rating.js';
import type { AnswerBody } from '../modules/request/request.schema.js';
import { request } from '../modules/request/request.table.js';
import { assignRequest, claimRequest, hideRequest, lockRequest, publishRequest, routeRequest } from '../modules/request/request.workflow.js';
import type { Builder } from './builders.js';
import { CONCERNS, ESCALATIONS, type ConcernSpec } from './requests.data.js';

const H = 3_600_000;
const D = 24 * H;
/** categories routed to a special committee in the demo (by the committees' names in organisation.ts) */
const CATEGORY_COMMITTEES: Record<string, string> = { 教育医疗: '教科卫体委员会', 农业农村: '经济和农业农村委员会', 就业创业: '社会和法制委员会' };

interface GroupInfo {
  id: string;
  name: string;
  convener: { id: string; name: string; account_id: string | null } | null;
  members: { id: string; name: string }[];
}

/**
 * ~60 residents' concerns of 远安 over the last three months, in every state, made through the
 * services (raised through the public path, so routed by the real rules; claimed, assigned, answered,
 * rated, published, hidden, merged, reopened, escalated), each step at its own time on a demo clock.
 * 张红梅 (convener of 第十一活动小组) acts through her account; members who have no account yet
 * answer through `applyAnswer`, the answer step itself, after staff assigned them.
 */
export async function seedRequests(b: Builder, orgId: string, now = new Date()) {
  let t = new Date(now.getTime() - 92 * D);
  const clock: Clock = { now: () => new Date(t) };
  const at = (when: Date) => {
    t = new Date(Math.min(when.getTime(), now.getTime() - 10 * 60_000));
  };
  const [o] = await b.db.select().from(org).where(eq(org.id, orgId));
  const accountBy = async (loginName: string) => (await b.db.select().from(account).where(eq(account.loginName, loginName)))[0];
  const [staffAcc, zhangAcc] = [await accountBy('lixiulan'), await accountBy('zhanghongmei')];
  const actor = (a: typeof staffAcc, role: 'staff' | 'member'): Actor => ({
    sessionId: 'demo',
    accountId: a.id,
    loginName: a.loginName,
    displayName: a.displayName,
    mustChangePassword: false,
    csrfToken: '',
    orgId,
    roles: [role],
  });
  const ctxOf = (who: Actor | null): Ctx => ({ db: b.db, clock, crypto: b.crypto, actor: who, ip: null, userAgent: 'demo' });
  const resident = ctxOf(null);
  const staff = ctxOf(actor(staffAcc, 'staff'));
  const zhang = zhangAcc ? ctxOf(actor(zhangAcc, 'member')) : null;

  await ensureCategories(b.db, orgId);
  const committees = await rowsOf<{ id: string; name: string }>(b.db, sql`select id, name from committee where org_id = ${orgId}`);
  for (const c of await categoriesOf(b.db, orgId)) {
    const committee = committees.find((k) => k.name === CATEGORY_COMMITTEES[c.name]);
    if (committee) await updateCategory(staff, c.id, { name: c.name, committeeId: committee.id, sort: c.sort, active: true });
  }
  const categories = new Map((await categoriesOf(b.db, orgId)).map((c) => [c.name, c.id]));
  const places = new Map(
    (await rowsOf<{ id: string; full: string }>(b.db, sql`select pl.id, coalesce(up.name, '') || pl.name as full from place pl left join place up on up.id = pl.parent_id where pl.org_id = ${orgId}`)).map((p) => [p.full, p.id]),
  );
  const groups = await rowsOf<GroupInfo>(
    b.db,
    sql`select g.id, g.name,
        (select json_build_object('id', m.id, 'name', p.name, 'account_id', p.account_id) from member m join person p on p.id = m.person_id where m.id = g.convener_id) as convener,
        coalesce((select json_agg(json_build_object('id', m.id, 'name', p.name) order by m.created_at) from group_member gm join member m on m.id = gm.member_id join person p on p.id = m.person_id
          where gm.group_id = g.id and m.id is distinct from g.leader_id and m.id is distinct from g.convener_id and m.status = 'active'), '[]'::json) as members
      from member_group g where g.org_id = ${orgId}`,
  );
  const codes = new Map<string, { id: string; code: string }>();
  const specs = [...CONCERNS].sort((x, y) => y.d - x.d);
  for (const [i, s] of specs.entries()) {
    const raisedAt = new Date(now.getTime() - s.d * D + ((i * 5) % 12) * H - 4 * H);
    at(raisedAt);
    const body = {
      categoryId: categories.get(s.c)!,
      placeId: places.get(s.p)!,
      title: s.t,
      content: s.x,
      name: s.n,
      phone: `1357170${String(1000 + i).padStart(4, '0')}`,
      consent: true as const,
      photoIds: [],
    };
    if (!body.categoryId || !body.placeId) throw new Error(`demo concern "${s.t}": unknown category or place`);
    const { code } = await raiseRequest(resident, o.regionCode, body);
    const [row] = await b.db.select({ id: request.id, groupId: request.groupId }).from(request).where(eq(request.code, code));
    codes.set(s.t, { id: row.id, code });
    let groupId = row.groupId;
    if (s.route) {
      at(new Date(raisedAt.getTime() + 20 * H));
      groupId = groups.find((g) => g.name === s.route)!.id;
      await routeRequest(staff, row.id, { groupId, note: '该诉求涉及全镇，请小组牵头了解情况' });
    }
    await advance(s, i, raisedAt, row.id, groupId);
  }

  /** claim or assignment, the answer, the rating, publication, each a little later */
  async function advance(s: ConcernSpec, i: number, raisedAt: Date, id: string, groupId: string | null) {
    if (!s.claim && !s.a) return;
    const g = groups.find((x) => x.id === groupId);
    if (!g?.convener) return;
    const isZhang = !!zhang && g.convener.account_id === zhangAcc?.id;
    const answerer = i % 3 === 0 || !g.members.length ? g.convener : g.members[i % g.members.length];
    // days to the answer: from a few hours to just past the week, as in a real office
    const ad = s.ad ?? 0.3 + ((i * 7) % 16) / 2;
    at(new Date(raisedAt.getTime() + Math.min(1, ad / 2) * D));
    if (isZhang) await claimRequest(zhang!, id);
    else await assignRequest(staff, id, answerer.id);
    if (!s.a) return;
    at(new Date(raisedAt.getTime() + ad * D));
    const answer: AnswerBody = {
      answer: s.a,
      outcome: s.o ?? 'solved',
      department: s.dep,
      mergedIntoCode: s.into ? codes.get(s.into)!.code : undefined,
      photoIds: [],
    };
    if (isZhang) await answerRequest(zhang!, id, answer);
    else
      await b.db.transaction(async (tx) => {
        const row = await lockRequest(tx, orgId, id);
        await applyAnswer(tx, staff, row, answer, { memberId: answerer.id, actor: { accountId: null, name: answerer.name, role: 'member' }, onBehalf: false });
      });
    const code = [...codes.values()].find((c) => c.id === id)!.code;
    if (s.s) {
      at(new Date(raisedAt.getTime() + (ad + 1.2) * D));
      await rateRequest(resident, code, { rating: s.s, comment: s.cm });
    }
    if (s.pub || s.hide) {
      at(new Date(raisedAt.getTime() + (ad + 2) * D));
      if (s.pub) await publishRequest(staff, id, true);
      else await hideRequest(staff, id, s.hide!);
    }
  }

  for (const [k, e] of ESCALATIONS.entries()) {
    at(new Date(now.getTime() - (3 - k) * D));
    const ids = e.of.map((title) => codes.get(title)!.id);
    const [author] = await rowsOf<{ member_id: string | null }>(b.db, sql`select member_id from request where id = ${ids[0]}`);
    await escalateRequests(staff, { kind: e.kind, requestIds: ids, title: e.title, note: e.note, authorMemberId: e.kind === 'opinion_report' ? (author?.member_id ?? undefined) : undefined });
  }
  return codes.size;
}
