import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAccount, buildMember } from '../../demo/builders.js';
import { buildGroup, buildPlace } from '../../demo/groups.js';
import { signIn, testApp, type Agent, type TestApp } from '../../test/harness.js';
import { groupPlace } from '../group/group.table.js';
import { member } from '../member/member.table.js';
import { insertProposal, proposalFixture, type ProposalFixture } from '../proposal/proposal.fixture.js';
import { ensureCategories } from '../request/request.category.js';
import { freshPhone } from '../request/request.fixture.js';
import { requestCategory } from '../request/request.table.js';

/**
 * What a search finds is what its links open: over real concerns (raised through the public page and
 * routed to groups), opinion reports and proposals, each user finds exactly the items whose own page
 * lets them in, and every hit's page answers 200 for them.
 */

let t: TestApp;
let fx: ProposalFixture;
let loneMember: string;
let loneMemberId: string;
const ids: Record<string, string> = {};
const keyOf = (id: string) => Object.entries(ids).find(([, v]) => v === id)?.[0] ?? id;

const PAGE_OF: Record<string, string> = { request: '/api/requests', opinion_report: '/api/opinion-reports', proposal: '/api/proposals' };

beforeAll(async () => {
  t = await testApp();
  fx = await proposalFixture(t, 'sv');
  const b = t.b;
  const town = await buildPlace(b, { org: fx.org, name: '鸣凤镇' });
  const taiping = await buildPlace(b, { org: fx.org, name: '太平村', parent: town });
  const baiyun = await buildPlace(b, { org: fx.org, name: '白云村', parent: town });
  const luyuan = await buildPlace(b, { org: fx.org, name: '鹿苑村', parent: town });
  // 第一活动小组 (zhang convenes, yang) covers 太平村; 第二活动小组 (guo convenes) 白云村; 鹿苑村 nobody
  await b.db.insert(groupPlace).values({ orgId: fx.org.id, groupId: fx.group.id, placeId: taiping.id });
  await buildGroup(b, { org: fx.org, name: '第二活动小组', convener: fx.guo.member, places: [baiyun] });
  const { account: lone } = await buildAccount(b, { org: fx.org, roles: ['member'], displayName: '吴晓梅' });
  loneMemberId = (await buildMember(b, { org: fx.org, name: '吴晓梅', accountId: lone.id, terms: [fx.term] })).member.id;
  loneMember = lone.loginName;
  await ensureCategories(b.db, fx.org.id);
  const [category] = await b.db.select().from(requestCategory).where(eq(requestCategory.orgId, fx.org.id));
  const raise = async (key: string, placeId: string, title: string) => {
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/public/orgs/${fx.org.regionCode}/requests`,
      payload: { categoryId: category.id, placeId, title, content: `${title}，下雨天污水漫到路上，希望尽快疏通。`, phone: freshPhone(), consent: true },
      remoteAddress: `10.77.0.${Object.keys(ids).length + 1}`,
    });
    expect(res.statusCode, res.body).toBe(200);
    const track = await t.app.inject({ method: 'GET', url: `/api/public/requests/${res.json().code}` });
    expect(track.statusCode).toBe(200);
    const staff = await fx.as('li');
    const list = (await staff.get(`/api/requests?q=${res.json().code}`)).json();
    ids[key] = list.items[0].id;
  };
  await raise('groupA', taiping.id, '太平村排水沟堵塞');
  await raise('groupB', baiyun.id, '白云村排水沟堵塞');
  await raise('publishedB', baiyun.id, '白云村老街排水沟堵塞');
  await raise('nobody', luyuan.id, '鹿苑村排水沟堵塞');
  const guo = await fx.as('guo');
  expect((await guo.post(`/api/requests/${ids.publishedB}/answer`, { answer: '已联系村委会组织疏通排水沟，本周完成。', outcome: 'solved' })).statusCode).toBe(200);
  expect((await (await fx.as('li')).post(`/api/requests/${ids.publishedB}/publish`, { publish: true })).statusCode).toBe(200);

  const report = async (key: string, who: 'zhang' | 'guo', submit: boolean) => {
    const agent = await fx.as(who);
    const res = await agent.post('/api/opinion-reports', { title: `关于农村排水沟清淤管护的建议（${key}）`, body: '农村排水沟长期无人清淤，雨季污水漫溢。建议明确村组管护责任，每年汛前集中清淤一次，所需经费纳入村级公益事业预算。' });
    expect(res.statusCode, res.body).toBe(200);
    ids[key] = res.json().id;
    if (submit) expect((await agent.post(`/api/opinion-reports/${ids[key]}/submit`)).statusCode).toBe(200);
  };
  await report('reportDraftZhang', 'zhang', false);
  await report('reportGuo', 'guo', true);
  await report('reportDraftGuo', 'guo', false);

  const title = '关于加强农村排水沟建设的建议';
  ids.proposalDraftZhang = (await insertProposal(fx, { status: 'draft', title, signers: [fx.zhang.member] })).id;
  ids.proposalDraftGuo = (await insertProposal(fx, { status: 'draft', title, signers: [fx.guo.member] })).id;
  ids.proposalSubmittedGuo = (await insertProposal(fx, { status: 'submitted', title, signers: [fx.guo.member] })).id;
  ids.proposalFiledGuo = (await insertProposal(fx, { status: 'filed', title, signers: [fx.guo.member] })).id;
});
afterAll(() => t.close());

interface Hit {
  kind: string;
  refId: string;
}
/** The keys found for 排水沟, after checking that every hit's page opens for the same user. */
async function found(agent: Agent) {
  const res = await agent.get(`/api/search?q=${encodeURIComponent('排水沟')}&pageSize=50`);
  expect(res.statusCode, res.body).toBe(200);
  const hits = res.json().items as Hit[];
  for (const h of hits) expect((await agent.get(`${PAGE_OF[h.kind]}/${h.refId}`)).statusCode, `${keyOf(h.refId)} opens`).toBe(200);
  return hits.map((h) => keyOf(h.refId)).sort();
}

describe('a search finds what its links open', () => {
  it('a member of group A: their group’s concerns and the published ones, never group B’s unpublished; their own drafts, no one else’s', async () => {
    const zhang = await fx.as('zhang');
    expect(await found(zhang)).toEqual(['groupA', 'proposalDraftZhang', 'proposalFiledGuo', 'publishedB', 'reportDraftZhang'].sort());
    // and the pages of what it leaves out refuse them too
    expect((await zhang.get(`/api/requests/${ids.groupB}`)).statusCode).toBe(403);
    expect((await zhang.get(`/api/requests/${ids.nobody}`)).statusCode).toBe(403);
    expect((await zhang.get(`/api/opinion-reports/${ids.reportGuo}`)).statusCode).toBe(404);
    expect((await zhang.get(`/api/proposals/${ids.proposalSubmittedGuo}`)).statusCode).toBe(404);
  });

  it('a member of group B: theirs, not group A’s', async () => {
    const guo = await fx.as('guo');
    expect(await found(guo)).toEqual(
      ['groupB', 'proposalDraftGuo', 'proposalFiledGuo', 'proposalSubmittedGuo', 'publishedB', 'reportDraftGuo', 'reportGuo'].sort(),
    );
  });

  it('a member of no group: the published concerns and filed proposals only', async () => {
    expect(await found(await signIn(t.app, loneMember))).toEqual(['proposalFiledGuo', 'publishedB']);
  });

  it('a member whose membership has ended: what the public sees, as on the proposal pages', async () => {
    const agent = await signIn(t.app, loneMember);
    await t.b.db.update(member).set({ status: 'left' }).where(eq(member.id, loneMemberId));
    try {
      expect(await found(agent)).toEqual(['publishedB']);
    } finally {
      await t.b.db.update(member).set({ status: 'active' }).where(eq(member.id, loneMemberId));
    }
  });

  it('staff and leaders: every concern, submitted reports and proposals, no one’s drafts', async () => {
    const expected = ['groupA', 'groupB', 'nobody', 'proposalFiledGuo', 'proposalSubmittedGuo', 'publishedB', 'reportGuo'].sort();
    expect(await found(await fx.as('li'))).toEqual(expected);
    expect(await found(await fx.as('chen'))).toEqual(expected);
  });

  it('similar items follow the same rule', async () => {
    const zhang = await fx.as('zhang');
    const res = await zhang.get(`/api/search/similar?kind=request&id=${ids.groupA}`);
    expect(res.statusCode, res.body).toBe(200);
    const keys = (res.json().items as Hit[]).map((h) => keyOf(h.refId));
    expect(keys).toContain('publishedB');
    expect(keys).not.toContain('groupB');
    expect(keys).not.toContain('nobody');
    expect((await zhang.get(`/api/search/similar?kind=request&id=${ids.groupB}`)).statusCode).toBe(404);
  });

  it('a member of another group reads a published concern as the public does: no resident’s name or number', async () => {
    const detail = (await (await fx.as('zhang')).get(`/api/requests/${ids.publishedB}`)).json();
    expect(detail.residentName).toBeNull();
    expect(detail.phoneMasked).toBeNull();
    expect(detail.can).toMatchObject({ claim: false, answer: false, viewContact: false, escalate: false, seeResident: false });
    const own = (await (await fx.as('guo')).get(`/api/requests/${ids.publishedB}`)).json();
    expect(own.phoneMasked).toMatch(/^139\*{4}\d{4}$/);
  });
});
