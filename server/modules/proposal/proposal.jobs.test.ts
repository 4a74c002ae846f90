import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lapseCoSignInvitations, runProposalReminders } from '../../core/jobs.js';
import { testApp, type TestApp } from '../../test/harness.js';
import { FIXTURE_NOW, insertProposal, proposalFixture, type ProposalFixture } from './proposal.fixture.js';
import { handling, SIGN_OFF_TEXT } from './proposal.handling.fixture.js';
import { proposal, proposalSigner } from './proposal.table.js';

let t: TestApp;
let fx: ProposalFixture;
let h: ReturnType<typeof handling>;
beforeAll(async () => {
  t = await testApp();
  fx = await proposalFixture(t, 'pj');
  h = handling(fx);
});
afterAll(() => t.close());

const jobCtx = () => ({ db: t.deps.database.db, clock: t.clock, crypto: t.deps.crypto });
const at = (date: string) => h.moveTo(`${date}T02:00:00Z`); // 10:00 in China
const to = async (proposalId: string, kind: string) => (await h.messages(proposalId, kind)).map((m) => m.accountId);
const remind = async () => {
  await runProposalReminders(jobCtx());
  await runProposalReminders(jobCtx());
};

describe('deadline reminders', () => {
  it('the unit hears 10 working days before its deadline, once; staff hear once it has passed; an extension is a new deadline', async () => {
    h.moveTo(FIXTURE_NOW);
    const x = await h.assigned('single', ['housing']); // due 2026-06-02
    const wang = fx.units.housing.account.id;
    await remind();
    at('2026-05-18'); // 10 working days on is 06-01
    await remind();
    expect(await to(x.id, 'proposal.due')).toEqual([]);
    at('2026-05-19');
    await remind();
    expect(await to(x.id, 'proposal.due')).toEqual([wang]);
    const [msg] = await h.messages(x.id, 'proposal.due');
    expect(msg.body).toContain('答复期限为 2026-06-02');
    at('2026-06-02'); // the deadline itself: not overdue yet
    await remind();
    expect(await to(x.id, 'proposal.overdue')).toEqual([]);
    at('2026-06-03');
    await remind();
    expect(await to(x.id, 'proposal.overdue')).toEqual([fx.staff.id]);
    expect(await to(x.id, 'proposal.due')).toEqual([wang]);
    // an extension to 07-15: reminded again before the new deadline
    const ext = h.ok(await (await h.unitAs('housing')).post(`/api/proposal-assignments/${x.a('housing')}/extensions`, { dueOn: '2026-07-15', reason: '涉及跨部门资金统筹，需待县政府常务会议研究。' }));
    h.ok(await (await h.as('li')).post(`/api/proposal-extensions/${h.assignmentOf(ext, 'housing').extensions[0].id}/decision`, { approve: true }));
    at('2026-06-30');
    await remind();
    expect(await to(x.id, 'proposal.due')).toEqual([wang]);
    at('2026-07-01'); // 10 working days on is 07-15
    await remind();
    expect(await to(x.id, 'proposal.due')).toEqual([wang, wang]);
    // once replied, nothing more
    h.ok(await h.contact('housing', x.a('housing')));
    h.ok(await h.reply('housing', x.a('housing')));
    at('2026-07-20');
    await remind();
    expect(await to(x.id, 'proposal.overdue')).toEqual([fx.staff.id]);
  });

  it('a co-handling unit is reminded of its input date; once signed off, it is not overdue', async () => {
    h.moveTo(FIXTURE_NOW);
    const x = await h.assigned('lead', ['housing', 'transport']); // co input due 2026-04-02
    at('2026-03-18');
    await remind();
    expect(await to(x.id, 'proposal.due')).toEqual([]);
    at('2026-03-19');
    await remind();
    expect(await to(x.id, 'proposal.due')).toEqual([fx.units.transport.account.id]);
    expect((await h.messages(x.id, 'proposal.due'))[0].title).toContain('会办意见即将到期');
    h.ok(await (await h.unitAs('transport')).post(`/api/proposal-assignments/${x.a('transport')}/sign-off`, { text: SIGN_OFF_TEXT }));
    at('2026-04-03');
    await remind();
    expect(await to(x.id, 'proposal.overdue')).toEqual([]);
  });

  it('counts working days in the org’s own calendar', async () => {
    h.moveTo(FIXTURE_NOW);
    const x = await h.assigned('single', ['finance']); // due 2026-06-02
    await t.b.db.execute(sql`update org set settings = jsonb_set(settings, '{calendar}', '{"holidays": ["2026-05-20"], "workdays": []}') where id = ${fx.org.id}`);
    try {
      at('2026-05-18'); // with a local day off on 05-20, 10 working days on is 06-02 (nationally 06-01)
      await remind();
      expect(await to(x.id, 'proposal.due')).toEqual([fx.units.finance.account.id]);
    } finally {
      await t.b.db.execute(sql`update org set settings = settings - 'calendar' where id = ${fx.org.id}`);
    }
  });
});

describe('co-sign invitations', () => {
  it('lapse after the deadline, once; the first proposer is told', async () => {
    h.moveTo(FIXTURE_NOW);
    const p = await insertProposal(fx, { status: 'draft', signers: [fx.zhang.member, { member: fx.yang.member, status: 'invited' }, { member: fx.guo.member, status: 'confirmed' }] });
    await t.b.db.update(proposal).set({ coSignDueAt: new Date(t.clock.now().getTime() + 3_600_000) }).where(eq(proposal.id, p.id));
    await lapseCoSignInvitations(jobCtx());
    const statuses = async () => (await t.b.db.select().from(proposalSigner).where(eq(proposalSigner.proposalId, p.id))).map((s) => s.status).sort();
    expect(await statuses()).toEqual(['confirmed', 'confirmed', 'invited']);
    t.clock.advance(2 * 3_600_000);
    expect(await lapseCoSignInvitations(jobCtx())).toBe(1);
    expect(await lapseCoSignInvitations(jobCtx())).toBe(0);
    expect(await statuses()).toEqual(['confirmed', 'confirmed', 'lapsed']);
    const msgs = await h.messages(p.id, 'proposal.cosign');
    expect(msgs).toEqual([expect.objectContaining({ accountId: fx.zhang.account.id, body: '杨德明未在期限内答复联名邀请，不再列为联名提案者。' })]);
    expect(await h.events(p.id)).toContain('cosign_lapsed');
  });
});
