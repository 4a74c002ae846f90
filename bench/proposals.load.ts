/**
 * Loads the proposals benchmark's org: terms 六届…十届 with five plenary sessions each, 1,000 members,
 * 远安's handling units, and 50,000 proposals (2,000 a session) with their signers, unit assignments,
 * replies, ratings, timelines and search rows. Everything is generated in Node and written with
 * column-array inserts (`insert … select * from unnest($1::uuid[], …)`, 5,000 rows a statement); the
 * timelines by one set-based INSERT … SELECT; the search rows through indexDocs (the app's jieba words).
 *
 * The latest session is the one being handled now: 300 proposals wait for review, 100 for assignment,
 * 1,100 are with the units (due dates spread so that some are overdue), 200 are replied and waiting for
 * ratings; every earlier session is handled and rated. 2.5% are declined, as many merged and converted.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { addMonths, chinaDate, addDays } from '../server/core/workdays.js';
import type { Database } from '../server/db/index.js';
import { buildAccount, buildOrg, buildTerm, type Builder, type OrgRow } from '../server/demo/builders.js';
import { buildMembers } from '../server/demo/bulk.js';
import { seedUnits } from '../server/demo/units.js';
import { plenarySession } from '../server/modules/term/term.table.js';
import { handlingUnitAccount } from '../server/modules/unit/unit.table.js';
import { indexDocs, type SearchDocInput } from '../server/modules/search/search.index.js';
import { proposalTexts } from './proposals.texts.js';
import { log } from './support.js';

export const TERMS = [6, 7, 8, 9, 10];
export const PER_SESSION = 2000;
export const MEMBERS = 1000;
const DAY = 86_400_000;
const CATEGORIES = ['A', 'A', 'A', 'A', 'A', 'A', 'A', 'A', 'A', 'A', 'A', 'B', 'B', 'B', 'B', 'B', 'B', 'C', 'C', 'D'];
const RATINGS = [...Array<string>(16).fill('satisfied'), 'basic', 'basic', 'basic', 'unsatisfied'];

export interface LoadedProposals {
  org: OrgRow;
  sessions: { id: string; termId: string; name: string; startDate: string }[];
  /** the session being handled now */
  current: { id: string; name: string };
  units: Map<string, string>;
  /** unit name → a 'unit' login of it */
  unitLogins: Map<string, string>;
  staffLogin: string;
  memberLogin: string;
  counts: Record<string, number>;
  seconds: { generate: number; search: number; vacuum: number };
}

type Row = Record<string, unknown>;

/** `insert into table (cols) select * from unnest($1::type[], …)` in chunks. */
/** the bare driver's query */
export type Query = (text: string, params: unknown[]) => Promise<{ rows: Record<string, unknown>[] }>;

async function insertColumns(query: Query, table: string, columns: [name: string, type: string][], rows: Row[], chunk = 5000) {
  for (let i = 0; i < rows.length; i += chunk) {
    const part = rows.slice(i, i + chunk);
    const arrays = columns.map(([c]) => part.map((r) => r[c] ?? null));
    const text = `insert into ${table} (${columns.map(([c]) => c).join(', ')}) select * from unnest(${columns.map(([, t], k) => `$${k + 1}::${t}[]`).join(', ')})`;
    await query(text, arrays);
  }
}

const hash = (s: string) => {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
};

export async function loadProposals(database: Database, b: Builder, query: Query, regionCode: string): Promise<LoadedProposals> {
  const t0 = performance.now();
  const now = new Date();
  const thisYear = now.getUTCFullYear();
  const org = await buildOrg(b, { name: '基准测试县政协（提案）', shortName: '提案基准县', regionCode });
  // 十届 began four years before this year's session, so its fifth session is this year's
  const sessions: LoadedProposals['sessions'] = [];
  for (const n of TERMS) {
    const startYear = thisYear - 4 - (10 - n) * 5;
    const term = await buildTerm(b, { org, number: n, startDate: `${startYear}-01-10`, isCurrent: n === 10 });
    const rows = await b.db
      .insert(plenarySession)
      .values([1, 2, 3, 4, 5].map((k) => ({ orgId: org.id, termId: term.id, number: k, name: `${'六七八九十'[n - 6]}届${'一二三四五'[k - 1]}次会议`, startDate: `${startYear + k - 1}-01-08`, endDate: `${startYear + k - 1}-01-11` })))
      .returning();
    sessions.push(...rows.map((r) => ({ id: r.id, termId: r.termId, name: r.name, startDate: r.startDate })));
  }
  const current = sessions[sessions.length - 1];
  await buildMembers(b, org, MEMBERS, { term: { id: current.termId } });
  const memberIds = (await query('select id from member where org_id = $1 order by created_at, id', [org.id])).rows.map((r) => String(r.id));
  const units = await seedUnits(b, org.id);
  const { account: staff } = await buildAccount(b, { org, roles: ['staff'], displayName: '李秀兰' });
  const { account: memberAccount } = await buildAccount(b, { org, roles: ['member'], displayName: '张红梅' });
  await query('update person set account_id = $1 where id = (select person_id from member where id = $2)', [memberAccount.id, memberIds[10]]);
  const unitLogins = new Map<string, string>();
  for (const name of ['县住房和城乡建设局', '县交通运输局', '县教育局', '县农业农村局', '县卫生健康局']) {
    const { account } = await buildAccount(b, { org, roles: ['unit'] });
    await b.db.insert(handlingUnitAccount).values({ orgId: org.id, unitId: units.get(name)!, accountId: account.id });
    unitLogins.set(name, account.loginName);
  }

  log(`proposals: generating ${(sessions.length * PER_SESSION).toLocaleString('en-US')} proposals in ${sessions.length} sessions`);
  const next = proposalTexts(7);
  const proposals: Row[] = [];
  const signers: Row[] = [];
  const assignments: Row[] = [];
  const replies: Row[] = [];
  const ratings: Row[] = [];
  const docs: SearchDocInput[] = [];
  for (const [si, s] of sessions.entries()) {
    const isCurrent = si === sessions.length - 1;
    const opens = new Date(`${s.startDate}T01:00:00Z`).getTime();
    let number = 0;
    const filedIds: string[] = [];
    for (let j = 0; j < PER_SESSION; j++) {
      const g = next();
      const id = randomUUID();
      const plenary = j < PER_SESSION * 0.8;
      // plenary: the 40 days before the session; interim: the year after it (the current session's: until a week ago)
      const span = isCurrent ? Math.max(30, (now.getTime() - opens) / DAY - 7) : 330;
      const submitted = new Date(plenary ? opens - (40 - (j * 40) / (PER_SESSION * 0.8)) * DAY : opens + 5 * DAY + ((j - PER_SESSION * 0.8) / (PER_SESSION * 0.2)) * span * DAY);
      const created = new Date(submitted.getTime() - 2 * DAY);
      let status: string;
      if (j % 40 === 0) status = 'declined';
      else if (j % 40 === 1 && filedIds.length) status = 'merged';
      else if (j % 40 === 2) status = 'converted';
      else if (!isCurrent) status = 'closed';
      else {
        // the current session, by the row's place in it: interim proposals are the recent ones
        const k = j % 2000;
        status = k >= 1700 ? 'submitted' : k >= 1600 ? 'filed' : k < 500 ? 'closed' : k < 700 ? 'replied' : 'assigned';
      }
      const reviewed = new Date(Math.max(submitted.getTime() + 3 * DAY, plenary ? opens + 12 * DAY : 0));
      const numbered = !['declined', 'converted', 'submitted'].includes(status);
      if (numbered) number++;
      const handled = ['assigned', 'replied', 'closed'].includes(status);
      // the current session's open items were assigned 0–100 days ago, so some are past their due date
      const assignedAt = status === 'assigned' ? new Date(now.getTime() - ((j * 37) % 100) * DAY - 3600_000) : new Date(reviewed.getTime() + 8 * DAY);
      const repliedAt = status === 'replied' ? new Date(now.getTime() - ((j % 14) + 1) * DAY) : new Date(assignedAt.getTime() + (40 + (j % 45)) * DAY);
      const closedAt = new Date(repliedAt.getTime() + 12 * DAY);
      const joint = j % 10 < 3;
      const signerIds = [memberIds[(j * 7 + si * 131) % memberIds.length]];
      if (joint) signerIds.push(memberIds[(j * 7 + si * 131 + 17) % memberIds.length], memberIds[(j * 7 + si * 131 + 389) % memberIds.length]);
      const mode = !handled ? null : g.units.length > 1 && j % 3 !== 0 ? 'lead' : 'single';
      proposals.push({
        id,
        org_id: org.id,
        term_id: s.termId,
        session_id: s.id,
        kind: plenary ? 'plenary' : 'interim',
        number: numbered ? number : null,
        title: g.title,
        situation: g.situation,
        analysis: g.analysis,
        suggestion: g.suggestion,
        category: g.category,
        proposer_kind: 'member',
        status,
        one_matter_confirmed: numbered,
        submitted_at: submitted,
        reviewed_at: status === 'submitted' ? null : reviewed,
        reviewed_by: status === 'submitted' ? null : staff.id,
        decline_ground: status === 'declined' ? 'no_suggestion' : null,
        decision_reason: status === 'converted' ? '转为社情民意信息' : status === 'merged' ? '内容相近，并案办理' : null,
        converted_to: status === 'converted' ? 'opinion' : null,
        merged_into_id: status === 'merged' ? filedIds[filedIds.length - 1] : null,
        handling_mode: mode,
        assigned_at: handled ? assignedAt : null,
        replied_at: status === 'replied' || status === 'closed' ? repliedAt : null,
        closed_at: status === 'closed' ? closedAt : null,
        publish_mode: status === 'closed' && j % 4 === 0 ? 'full' : null,
        published_at: status === 'closed' && j % 4 === 0 ? closedAt : null,
        created_by: null,
        created_at: created,
        updated_at: status === 'closed' ? closedAt : submitted,
      });
      if (numbered && status !== 'merged') filedIds.push(id);
      for (const [pos, m] of signerIds.entries()) signers.push({ org_id: org.id, proposal_id: id, member_id: m, position: pos, status: 'confirmed', invited_at: created, responded_at: created });
      docs.push({ kind: 'proposal', refId: id, orgId: org.id, title: g.title, body: [g.situation, g.analysis, g.suggestion].join('\n'), status, category: g.category, isPublic: false, createdAt: created });
      if (!handled) continue;
      const day = chinaDate(assignedAt);
      const names = mode === 'lead' ? g.units : [g.units[0]];
      for (const [k, name] of names.entries()) {
        const role = mode === 'lead' ? (k === 0 ? 'lead' : 'co') : 'sole';
        const aid = randomUUID();
        const replying = role !== 'co';
        const done = status !== 'assigned';
        assignments.push({
          id: aid,
          org_id: org.id,
          proposal_id: id,
          unit_id: units.get(name)!,
          role,
          status: done ? (replying ? 'replied' : 'signed_off') : 'handling',
          round: 1,
          assigned_at: assignedAt,
          assigned_by: staff.id,
          objection_due_on: addDays(day, 7),
          due_on: addMonths(day, role === 'co' ? 1 : 3),
          max_due_on: addMonths(day, 6),
          sign_off_text: done && !replying ? '同意主办单位答复意见。' : null,
          signed_off_at: done && !replying ? new Date(repliedAt.getTime() - 5 * DAY) : null,
          created_at: assignedAt,
        });
        if (!done || !replying) continue;
        const rid = randomUUID();
        const category = CATEGORIES[hash(id) % CATEGORIES.length];
        replies.push({
          id: rid,
          org_id: org.id,
          proposal_id: id,
          assignment_id: aid,
          unit_id: units.get(name)!,
          round: 1,
          kind: 'reply',
          letter_no: `远${k}函〔${repliedAt.getUTCFullYear()}〕${number}号`,
          body: g.reply,
          category,
          follow_up_on: category === 'B' ? addDays(chinaDate(repliedAt), 180) : null,
          signer: '王建军',
          contact_name: '刘晓峰',
          contact_phone_enc: b.crypto.encrypt('0717-3812061'),
          status: 'sent',
          sent_by: null,
          sent_at: repliedAt,
        });
        if (status !== 'closed') continue;
        for (const [p, m] of signerIds.entries())
          ratings.push({ org_id: org.id, proposal_id: id, reply_id: rid, member_id: m, handling: RATINGS[(hash(rid) + p) % RATINGS.length], result: RATINGS[(hash(rid) + p * 7) % RATINGS.length], at: closedAt });
      }
    }
  }

  log(`proposals: writing ${proposals.length} proposals, ${signers.length} signers, ${assignments.length} assignments, ${replies.length} replies, ${ratings.length} ratings`);
  await insertColumns(query, 'proposal', [
    ['id', 'uuid'], ['org_id', 'uuid'], ['term_id', 'uuid'], ['session_id', 'uuid'], ['kind', 'text'], ['number', 'int'], ['title', 'text'], ['situation', 'text'],
    ['analysis', 'text'], ['suggestion', 'text'], ['category', 'text'], ['proposer_kind', 'text'], ['status', 'text'], ['one_matter_confirmed', 'boolean'],
    ['submitted_at', 'timestamptz'], ['reviewed_at', 'timestamptz'], ['reviewed_by', 'uuid'], ['decline_ground', 'text'], ['decision_reason', 'text'],
    ['converted_to', 'text'], ['merged_into_id', 'uuid'], ['handling_mode', 'text'], ['assigned_at', 'timestamptz'], ['replied_at', 'timestamptz'],
    ['closed_at', 'timestamptz'], ['publish_mode', 'text'], ['published_at', 'timestamptz'], ['created_by', 'uuid'], ['created_at', 'timestamptz'], ['updated_at', 'timestamptz'],
  ], proposals);
  await insertColumns(query, 'proposal_signer', [['org_id', 'uuid'], ['proposal_id', 'uuid'], ['member_id', 'uuid'], ['position', 'int'], ['status', 'text'], ['invited_at', 'timestamptz'], ['responded_at', 'timestamptz']], signers);
  await insertColumns(query, 'proposal_assignment', [
    ['id', 'uuid'], ['org_id', 'uuid'], ['proposal_id', 'uuid'], ['unit_id', 'uuid'], ['role', 'text'], ['status', 'text'], ['round', 'int'], ['assigned_at', 'timestamptz'],
    ['assigned_by', 'uuid'], ['objection_due_on', 'date'], ['due_on', 'date'], ['max_due_on', 'date'], ['sign_off_text', 'text'], ['signed_off_at', 'timestamptz'], ['created_at', 'timestamptz'],
  ], assignments);
  await insertColumns(query, 'proposal_reply', [
    ['id', 'uuid'], ['org_id', 'uuid'], ['proposal_id', 'uuid'], ['assignment_id', 'uuid'], ['unit_id', 'uuid'], ['round', 'int'], ['kind', 'text'], ['letter_no', 'text'],
    ['body', 'text'], ['category', 'text'], ['follow_up_on', 'date'], ['signer', 'text'], ['contact_name', 'text'], ['contact_phone_enc', 'text'], ['status', 'text'], ['sent_by', 'uuid'], ['sent_at', 'timestamptz'],
  ], replies);
  await insertColumns(query, 'proposal_rating', [['org_id', 'uuid'], ['proposal_id', 'uuid'], ['reply_id', 'uuid'], ['member_id', 'uuid'], ['handling', 'text'], ['result', 'text'], ['at', 'timestamptz']], ratings);
  // the timelines, set-based: one event per step each proposal went through
  await query(
    `insert into proposal_event (org_id, proposal_id, kind, actor_account_id, actor_name, note, at)
     select p.org_id, p.id, e.kind, e.actor, e.name, null, e.at from proposal p
     cross join lateral (values ('created', null::uuid, '委员', p.created_at), ('submitted', null, '委员', p.submitted_at),
       (case p.status when 'declined' then 'declined' when 'converted' then 'converted' when 'merged' then 'merged' else 'filed' end, p.reviewed_by, '李秀兰', p.reviewed_at),
       ('assigned', p.reviewed_by, '李秀兰', p.assigned_at), ('replied', null, '承办单位', p.replied_at), ('closed', null, '系统', p.closed_at)) e(kind, actor, name, at)
     where p.org_id = $1 and e.at is not null`,
    [org.id],
  );
  const t1 = performance.now();
  log(`proposals: search rows through indexDocs (jieba), ${docs.length.toLocaleString('en-US')}`);
  for (let i = 0; i < docs.length; i += 5000) await indexDocs(database.db, docs.slice(i, i + 5000));
  const t2 = performance.now();
  await database.db.execute(sql`vacuum analyze`);
  const t3 = performance.now();
  const counts: Record<string, number> = {};
  for (const table of ['proposal', 'proposal_signer', 'proposal_assignment', 'proposal_reply', 'proposal_rating', 'proposal_event', 'search_doc'])
    counts[table] = Number((await query(`select count(*)::int as n from ${table}`, [])).rows[0].n);
  return {
    org,
    sessions,
    current: { id: current.id, name: current.name },
    units,
    unitLogins,
    staffLogin: staff.loginName,
    memberLogin: memberAccount.loginName,
    counts,
    seconds: { generate: (t1 - t0) / 1000, search: (t2 - t1) / 1000, vacuum: (t3 - t2) / 1000 },
  };
}
