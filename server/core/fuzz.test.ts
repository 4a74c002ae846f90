import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { rowsOf } from './sql.js';
import { buildAccount, buildCommittee, buildMember, buildOrg, buildSector, buildTerm, type OrgRow } from '../demo/builders.js';
import { buildGroup, buildPartyOrg, buildPlace } from '../demo/groups.js';
import { ensureCategories } from '../modules/request/request.category.js';
import { signIn, testApp, type Agent, type TestApp } from '../test/harness.js';

/**
 * Generated from the app's own OpenAPI document: every operation (path × method) is sent malformed
 * values — NUL and other control characters in body fields, query and path parameters, wrong types,
 * over-long strings, huge numbers, impossible dates, invalid ids, malformed JSON, a wrong content
 * type — anonymously and signed in as an admin who is also staff and a leader. Requests are otherwise
 * valid and name records that exist, so a wrong value reaches as deep as it can. Whatever the answer,
 * it is never a 5xx, every error is the one error shape, and a refused request changes no row.
 * Each place gets a control character and one more wrong value drawn from its kind (seeded, so a
 * failure can be sent again); every operation is covered on each run.
 */

type Schema = {
  type?: string;
  format?: string;
  pattern?: string;
  enum?: unknown[];
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  anyOf?: Schema[];
  oneOf?: Schema[];
  default?: unknown;
};
interface Operation {
  method: string;
  path: string;
  params: { name: string; in: 'path' | 'query'; required?: boolean; schema: Schema }[];
  body?: Schema;
}
interface Probe {
  what: string;
  url: string;
  payload?: string | Buffer;
  contentType?: string;
}

let seed = 20261206;
const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
const pick = <T,>(list: readonly T[]) => list[Math.floor(rand() * list.length)];

/** Records of the fixture, found by the name of the field or the path that refers to them. */
let ids: Record<string, string> = {};
const idFor = (name: string) => ids[name.replace(/Ids?$/, '')] ?? ids.fallback;
/** The record a path's {id} names: the resource segment after /api ("/api/party-orgs/{id}/…" → partyOrg). */
const PATH_RESOURCES: Record<string, string> = {
  accounts: 'account', members: 'member', sectors: 'sector', committees: 'committee', terms: 'term', places: 'place',
  groups: 'group', 'party-orgs': 'partyOrg', 'request-categories': 'category', requests: 'request',
};

/** Strings tried in turn until one fits a field's pattern and length (dates, codes, phones, names…). */
const CANDIDATES = ['测试内容：村口路灯不亮已有一个多月', 'zhangsan', '2026-03-02', '420525', '13912345678', 'ABCD2345', '汉族', '0717-1234567'];

function sample(s: Schema, name = '', depth = 0): unknown {
  const choice = s.anyOf ?? s.oneOf;
  if (choice) return sample(pick(choice), name, depth);
  if (s.enum) return s.enum[0];
  switch (s.type) {
    case 'string': {
      if (s.format === 'uuid') return idFor(name);
      if (s.format === 'date') return '2026-03-02';
      if (s.format === 'date-time') return '2026-03-02T08:00:00.000Z';
      const fits = (v: string) => (!s.pattern || new RegExp(s.pattern, 'u').test(v)) && v.length >= (s.minLength ?? 0) && v.length <= (s.maxLength ?? Infinity);
      const found = CANDIDATES.find(fits) ?? '测'.repeat(Math.max(s.minLength ?? 1, 1));
      // names differ from one request to the next, so a repeated create meets no "already exists"
      const unique = `${found}${pick(['甲', '乙', '丙', '丁', '戊'])}${Math.floor(rand() * 1000)}`;
      return fits(unique) ? unique : found;
    }
    case 'integer':
    case 'number': {
      const low = s.minimum ?? 0;
      return low + Math.floor(rand() * (Math.min(s.maximum ?? low + 100, low + 100) - low + 1));
    }
    case 'boolean':
      return true;
    case 'array':
      return depth > 3 ? [] : Array.from({ length: Math.max(s.minItems ?? 0, 1) }, () => sample(s.items ?? {}, name, depth + 1)).slice(0, s.maxItems ?? Infinity);
    case 'object':
      // the required fields only: an optional one is sent when it is the one made wrong
      return Object.fromEntries(Object.entries(s.properties ?? {}).filter(([k]) => s.required?.includes(k)).map(([k, v]) => [k, depth > 3 ? null : sample(v, k, depth + 1)]));
  }
  return s.default ?? null;
}

const CONTROLS = ['\u0000', '\u0000', '\u0007', '\u0008', '\u000b', '\u001b[31m', '\u007f'];
const plain = (s: Schema) => (s.anyOf ?? s.oneOf)?.[0] ?? s;

/** One wrong value for a body field of this schema, drawn from its kind. */
function wrongValue(s: Schema): [string, unknown] {
  const b = plain(s);
  if (b.type === 'string' && b.format === 'date') return pick([['year 0', '0000-01-01'], ['year 9999', '9999-12-31'], ['impossible date', '2026-02-30']] as const);
  if (b.type === 'string' && b.format === 'uuid') return pick([['invalid uuid', 'not-a-uuid'], ['random id', randomUUID()], ['over-long', 'a'.repeat(300)]] as const);
  if (b.type === 'string') return pick([['over-long string', '长'.repeat(20_000)], ['wrong type (object)', { $gt: '' }], ['empty', ''], ['only spaces', '   ']] as const);
  if (b.type === 'integer' || b.type === 'number') return pick([['huge number', 1e308], ['beyond int64', 2 ** 64], ['below int32', -2_147_483_649], ['fraction', 1.5], ['numeric string', '1']] as const);
  if (b.type === 'array') return pick([['array of NUL strings', ['\u0000']], ['wrong type (string)', 'x'], ['many items', Array.from({ length: 2_000 }, () => randomUUID())]] as const);
  if (b.type === 'object') return pick([['wrong type (array)', []], ['empty object', {}]] as const);
  return ['wrong type (string)', 'yes'];
}

/** One wrong value for a path parameter or (with its name) a query parameter, as it would arrive in a URL. */
function wrongParam(s: Schema, queryName?: string): [string, string] {
  const b = plain(s);
  if (b.type === 'integer' || b.type === 'number') return pick([['huge number', '9'.repeat(400)], ['not a number', 'abc'], ['negative', '-99999999999'], ['fraction', '1.5']] as const);
  if (b.format === 'uuid') return pick([['invalid uuid', 'not-a-uuid'], ['uuid with a quote', `${randomUUID()}'`], ['random id', randomUUID()]] as const);
  if (b.format === 'date') return pick([['impossible date', '2026-02-30'], ['year 0', '0000-01-01'], ['year 9999', '9999-12-31']] as const);
  const repeated: [string, string][] = queryName ? [['repeated', `1&${queryName}=2`]] : [];
  return pick([['over-long string', encodeURIComponent('长'.repeat(2_000))], ['SQL-like', encodeURIComponent("' or 1=1 --")], ...repeated]);
}
const controlParam = (): [string, string] => pick([['NUL', 'a%00b'], ['line feed', 'a%0Ab'], ['tab', 'a%09b'], ['escape', '%1B%5B31m'], ['DEL', 'a%7Fb']] as const);

function operations(doc: { paths: Record<string, Record<string, { parameters?: Operation['params']; requestBody?: { content: Record<string, { schema: Schema }> } }>> }) {
  const ops: Operation[] = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      ops.push({ method: method.toUpperCase(), path, params: op.parameters ?? [], body: op.requestBody?.content['application/json']?.schema });
    }
  }
  // deletions last, so the records they remove are there for the other operations
  return ops.sort((a, b) => Number(a.method === 'DELETE') - Number(b.method === 'DELETE'));
}

function validParam(op: Operation, name: string, s: Schema, org: OrgRow) {
  if (name === 'regionCode') return org.regionCode;
  if (name === 'code') return ids.requestCode;
  if (name === 'id' && plain(s).format === 'uuid') return ids[PATH_RESOURCES[op.path.split('/')[2]]] ?? ids.fallback;
  return String(sample(s, name));
}

/** The probes of one operation: the valid request, then one wrong thing at a time. */
function probes(op: Operation, org: OrgRow): Probe[] {
  const pathParams = op.params.filter((p) => p.in === 'path');
  const queryParams = op.params.filter((p) => p.in === 'query');
  const requiredQuery = Object.fromEntries(queryParams.filter((p) => p.required).map((p) => [p.name, encodeURIComponent(validParam(op, p.name, p.schema, org))]));
  const urlWith = (pathOver: Record<string, string> = {}, queryOver: Record<string, string> = {}) => {
    let url = op.path;
    for (const p of pathParams) url = url.replace(`{${p.name}}`, pathOver[p.name] ?? encodeURIComponent(validParam(op, p.name, p.schema, org)));
    const query = Object.entries({ ...requiredQuery, ...queryOver }).map(([k, v]) => `${k}=${v}`);
    return query.length ? `${url}?${query.join('&')}` : url;
  };
  const validBody = op.body ? (sample(op.body) as Record<string, unknown>) : undefined;
  const body = validBody && JSON.stringify(validBody);
  const list: Probe[] = [{ what: 'valid', url: urlWith(), payload: body }];
  for (const p of pathParams) {
    list.push({ what: `path ${p.name}: over-long`, url: urlWith({ [p.name]: 'a'.repeat(150) }), payload: body });
    for (const [what, v] of [controlParam(), wrongParam(p.schema)]) list.push({ what: `path ${p.name}: ${what}`, url: urlWith({ [p.name]: v }), payload: body });
  }
  for (const p of queryParams) {
    const wrong = [controlParam(), wrongParam(p.schema, p.name)];
    if (plain(p.schema).format === 'date') wrong.push(['year 0', '0000-01-01']);
    for (const [what, v] of wrong) list.push({ what: `query ${p.name}: ${what}`, url: urlWith({}, { [p.name]: v }), payload: body });
  }
  if (op.body && validBody) {
    for (const [field, s] of Object.entries(op.body.properties ?? {})) {
      const control = pick(CONTROLS);
      const wrong: [string, unknown][] = [[`control character ${JSON.stringify(control)}`, `${String(sample(s, field))}${control}`], wrongValue(s)];
      // a date PostgreSQL cannot hold, everywhere a date is taken
      if (plain(s).format === 'date') wrong.push(['year 0', '0000-01-01']);
      for (const [what, v] of wrong) {
        list.push({ what: `body ${field}: ${what}`, url: urlWith(), payload: JSON.stringify({ ...validBody, [field]: v }) });
      }
      // one level down: a field of the objects in an array, or of a nested object
      const inner = s.type === 'array' ? s.items : s.type === 'object' ? s : undefined;
      const subFields = Object.keys(inner?.properties ?? {});
      if (inner && subFields.length) {
        const sub = pick(subFields);
        const innerValue = { ...(sample(inner, field) as object), [sub]: `a\u0000b` };
        list.push({ what: `body ${field}.${sub}: NUL`, url: urlWith(), payload: JSON.stringify({ ...validBody, [field]: s.type === 'array' ? [innerValue] : innerValue }) });
      }
    }
    list.push({ what: 'malformed JSON', url: urlWith(), payload: body!.slice(0, -2) });
    list.push(
      pick([
        { what: 'body is an array', url: urlWith(), payload: JSON.stringify([validBody]) },
        { what: 'body is a string with NUL', url: urlWith(), payload: JSON.stringify('\u0000') },
        { what: 'key with NUL', url: urlWith(), payload: JSON.stringify({ ...validBody, 'a\u0000b': 1 }) },
        { what: 'deeply nested', url: urlWith(), payload: '['.repeat(50_000) + ']'.repeat(50_000) },
        { what: 'form-encoded', url: urlWith(), payload: 'a=1&b=%00', contentType: 'application/x-www-form-urlencoded' },
        { what: 'proto key', url: urlWith(), payload: JSON.stringify({ ...validBody }).replace(/^\{/, '{"__proto__":{"x":1},') },
      ]),
    );
  } else if (op.method !== 'GET') {
    list.push({ what: 'unexpected binary body', url: urlWith(), payload: Buffer.from([0, 1, 2, 255, 0xfe, 0]), contentType: 'application/octet-stream' });
    list.push({ what: 'unexpected JSON body with NUL', url: urlWith(), payload: JSON.stringify({ a: '\u0000' }) });
  }
  return list;
}

let t: TestApp;
let org: OrgRow;
let admin: Agent;
/** Row changes in any table, counted by triggers in the same transaction (a rolled-back change does not count). */
const changes = async () => (await rowsOf<{ n: number; last: string }>(t.b.db, sql`select n::int as n, last from fuzz_change`))[0];

beforeAll(async () => {
  t = await testApp();
  org = await buildOrg(t.b);
  await buildAccount(t.b, { org, roles: ['admin', 'staff', 'leader'], loginName: 'fuzzadmin' });
  const { account } = await buildAccount(t.b, { org, roles: ['member'] });
  const sector = await buildSector(t.b, { org });
  const committee = await buildCommittee(t.b, { org, sectors: [sector] });
  const term = await buildTerm(t.b, { org });
  const township = await buildPlace(t.b, { org, name: '鸣凤镇' });
  const village = await buildPlace(t.b, { org, name: '太平村', parent: township });
  const { member } = await buildMember(t.b, { org, sector, committees: [committee], terms: [term], accountId: account.id });
  const group = await buildGroup(t.b, { org, convener: member, places: [village] });
  const partyOrg = await buildPartyOrg(t.b, { org, kind: 'branch', members: [{ member }] });
  await ensureCategories(t.b.db, org.id);
  const [category] = await rowsOf<{ id: string }>(t.b.db, sql`select id from request_category where org_id = ${org.id} limit 1`);
  const raised = await t.app.inject({
    method: 'POST',
    url: `/api/public/orgs/${org.regionCode}/requests`,
    payload: { categoryId: category.id, placeId: village.id, title: '太平村路灯不亮', content: '太平村三组通往村委会的路灯坏了一个多月。', phone: '13912345678', consent: true },
  });
  expect(raised.statusCode).toBe(200);
  const [request] = await rowsOf<{ id: string; code: string }>(t.b.db, sql`select id, code from request where code = ${raised.json().code}`);
  ids = {
    org: org.id, account: account.id, sector: sector.id, committee: committee.id, term: term.id, place: village.id, township: township.id,
    member: member.id, convener: member.id, leader: member.id, keeper: member.id, target: member.id, coSigner: member.id, authorMember: member.id,
    group: group.id, partyOrg: partyOrg.id, category: category.id, request: request.id, requestCode: request.code, liaisonAccount: account.id,
    fallback: randomUUID(),
  };
  admin = await signIn(t.app, 'fuzzadmin');
  for (const statement of [
    'create table fuzz_change (n bigint not null, last text)',
    'insert into fuzz_change values (0, null)',
    `create function fuzz_bump() returns trigger language plpgsql as $$
      begin update fuzz_change set n = n + 1, last = tg_table_name; return null; end $$`,
    `do $$ declare t text; begin
      for t in select tablename from pg_tables where schemaname = 'public' and tablename <> 'fuzz_change' loop
        execute format('create trigger fuzz_bump after insert or update or delete on %I for each row execute function fuzz_bump()', t);
      end loop; end $$`,
  ])
    await t.b.db.execute(sql.raw(statement));
});
afterAll(() => t.close());

/** A failed sign-in is refused and still recorded: the audit log and the account's failure counter (lockout). */
const auditedRefusal = (op: Operation, status: number) => op.path === '/api/auth/login' && (status === 401 || status === 423);

const shapeProblem = (res: LightMyRequestResponse): string | null => {
  if (!String(res.headers['content-type']).startsWith('application/json')) return `content-type ${res.headers['content-type']}`;
  let body: { error?: { code?: unknown; message?: unknown; details?: { path?: unknown; message?: unknown }[] } };
  try {
    body = res.json();
  } catch {
    return 'not JSON';
  }
  const e = body.error;
  if (Object.keys(body).join() !== 'error' || !e || Object.keys(e).sort().join() !== 'code,details,message') return 'not { error: { code, message, details } }';
  if (typeof e.code !== 'string' || !/^[A-Z_]+$/.test(e.code)) return `code ${String(e.code)}`;
  if (typeof e.message !== 'string' || !/[\u4e00-\u9fa5]/.test(e.message)) return `message not Chinese: ${String(e.message)}`;
  if (!Array.isArray(e.details)) return 'details not an array';
  for (const d of e.details) {
    if (Object.keys(d).sort().join() !== 'message,path' || typeof d.path !== 'string' || typeof d.message !== 'string') return `detail ${JSON.stringify(d)}`;
  }
  return null;
};

it('answers every operation, fed malformed values anonymously and signed in, without a 5xx, in the one error shape, changing nothing when it refuses', async () => {
  const doc = (await t.app.inject({ url: '/api/openapi.json' })).json();
  const ops = operations(doc);
  expect(ops.length).toBeGreaterThan(150);
  const failures: string[] = [];
  const reached = new Set<string>();
  let sent = 0;
  let before = await changes();
  for (const op of ops) {
    const all = probes(op, org);
    // signing out would end the fuzzing session: that one is probed anonymously only
    const runs = [['anonymous', all] as const, ...(op.path === '/api/auth/logout' ? [] : [['admin', all] as const])];
    for (const [who, list] of runs) {
      for (const p of list) {
        const headers: Record<string, string> = who === 'admin' ? { 'x-csrf-token': admin.csrf } : {};
        if (p.payload !== undefined) headers['content-type'] = p.contentType ?? 'application/json';
        const where = `${who} ${op.method} ${p.url.slice(0, 120)} (${p.what})`;
        const res = await t.app
          .inject({ method: op.method as 'GET', url: p.url, payload: p.payload, headers, cookies: who === 'admin' ? { xs_session: admin.cookie } : {} })
          .catch((err: Error) => err);
        sent++;
        // a response broken off half-way (a download that failed after its first bytes)
        if (res instanceof Error) {
          failures.push(`${where}: ${res.message}`);
          before = await changes();
          continue;
        }
        reached.add(`${op.method} ${op.path}`);
        if (res.statusCode >= 500) failures.push(`${where}: ${res.statusCode} ${res.body.slice(0, 200)}`);
        const after = await changes();
        if (res.statusCode >= 400) {
          const problem = shapeProblem(res);
          if (problem) failures.push(`${where}: ${res.statusCode} ${problem}`);
          if (after.n !== before.n && !auditedRefusal(op, res.statusCode)) failures.push(`${where}: refused with ${res.statusCode} but changed ${after.n - before.n} row(s), last in ${after.last}`);
        }
        before = after;
        // anonymous callers are turned away at the door from every route that is not public
        if (who === 'anonymous' && res.statusCode === 401 && p === list[0]) break;
      }
    }
  }
  expect(failures).toEqual([]);
  expect(reached.size).toBe(ops.length);
  expect(sent).toBeGreaterThan(1_500);
}, 120_000);
