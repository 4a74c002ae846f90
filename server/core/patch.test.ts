import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAccount, buildCommittee, buildMember, buildOrg, buildSector, buildTerm } from '../demo/builders.js';
import { signIn, testApp, type Agent } from '../test/harness.js';
import { makeIdNumber } from '../modules/member/idcard.js';
import { REPORT_BODY } from '../modules/opinion/opinion.fixture.js';

/**
 * PATCH changes exactly the fields sent — generated from the OpenAPI document: for every PATCH
 * operation, for every field of its body (nested fields one by one), one valid changed value is sent
 * alone and the whole record, read back through the API, may differ only there. A PATCH operation
 * without a fixture below fails, so a new one cannot escape.
 */

type Json = Record<string, unknown>;
interface JsonSchema {
  type?: string | string[];
  enum?: unknown[];
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  anyOf?: JsonSchema[];
}
interface Fixture {
  /** the record's id for `{id}` (none for an org's singleton settings) */
  id?: () => string;
  /** where the whole record is read back */
  read: (id?: string) => string;
  /** where a body field shows in the record, when not under its own name, `<name>Masked`, `<name>` for `<name>Id` or `<name>s` for `<name>Ids` */
  at?: (field: string) => string;
  /** valid changed values the schema cannot give (references, patterns, formats), from the record as it is now */
  values?: Record<string, (now: Json) => unknown>;
  /** parts of the record any change touches (a timestamp, the history) */
  touched?: string[];
}

const t = await testApp();
await t.app.ready();
afterAll(() => t.close());
const doc = t.app.swagger() as { paths: Record<string, Record<string, { requestBody?: { content: { 'application/json': { schema: JsonSchema } } } }>> };
const ops = Object.entries(doc.paths).flatMap(([path, methods]) =>
  Object.entries(methods)
    .filter(([m]) => m === 'patch')
    .map(([, op]) => ({ key: `PATCH ${path}`, path, body: op.requestBody?.content['application/json'].schema ?? {} })),
);

/** The body's fields, nested objects' fields one by one ('calendar.holidays'). */
const leaves = (s: JsonSchema, prefix = ''): { field: string; schema: JsonSchema }[] =>
  Object.entries(s.properties ?? {}).flatMap(([k, v]) =>
    v.type === 'object' && v.properties && !v.required?.length ? leaves(v, `${prefix}${k}.`) : [{ field: `${prefix}${k}`, schema: v }],
  );
const nest = (field: string, value: unknown): Json => field.split('.').reduceRight<unknown>((v, k) => ({ [k]: v }), value) as Json;
const get = (o: unknown, path: string) => path.split('.').reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Json)[k] : undefined), o);
const matches = (pattern: string, v: string) => {
  try {
    return new RegExp(pattern, 'u').test(v);
  } catch {
    return new RegExp(pattern).test(v);
  }
};

/** A valid value other than `now`, from the schema alone; undefined when the fixture must say. */
function changed(s: JsonSchema, now: unknown): unknown {
  if (s.anyOf) return s.anyOf.map((x) => changed(x, now)).find((v) => v !== undefined);
  if (s.enum) return s.enum.find((v) => v !== now);
  const type = Array.isArray(s.type) ? s.type.find((x) => x !== 'null') : s.type;
  if (type === 'boolean') return typeof now === 'boolean' ? !now : undefined;
  if ((type === 'integer' || type === 'number') && typeof now === 'number') {
    if (s.maximum === undefined || now + 1 <= s.maximum) return now + 1;
    return s.minimum === undefined || now - 1 >= s.minimum ? now - 1 : undefined;
  }
  if (type !== 'string') return undefined;
  let v: string;
  if (s.format === 'date' && typeof now === 'string') v = new Date(Date.parse(`${now}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  else if (s.format) return undefined;
  else {
    const base = typeof now === 'string' ? now : '';
    v = `${base}改`.padEnd(s.minLength ?? 0, '改');
    if (s.maxLength !== undefined && v.length > s.maxLength) v = `${base.slice(0, s.maxLength - 1)}${base.endsWith('改') ? '订' : '改'}`;
  }
  return s.pattern && !matches(s.pattern, v) ? undefined : v;
}

/** Where the record differs: leaf paths, arrays whole. */
function differences(a: unknown, b: unknown, path = ''): string[] {
  const isObj = (v: unknown): v is Json => !!v && typeof v === 'object' && !Array.isArray(v);
  if (isObj(a) && isObj(b))
    return [...new Set([...Object.keys(a), ...Object.keys(b)])].flatMap((k) => differences(a[k], b[k], path ? `${path}.${k}` : k));
  return JSON.stringify(a) === JSON.stringify(b) ? [] : [path];
}
const within = (path: string, parts: string[]) => parts.some((p) => path === p || path.startsWith(`${p}.`));
/** The record's parts a body field shows in, by the naming the views follow. */
const shownAt = (field: string, record: Json, f: Fixture) => {
  if (f.at) return [f.at(field)];
  return Object.keys(record).filter((k) => k === field || k === `${field}Masked` || field === `${k}Id` || field === `${k.replace(/s$/, '')}Ids`);
};

let admin: Agent;
const ids: Record<string, string> = {};
const other: Record<string, string> = {};

beforeAll(async () => {
  const org = await buildOrg(t.b, { name: '中国人民政治协商会议远安县委员会', shortName: '远安县政协' });
  const economy = await buildSector(t.b, { org, name: '经济界' });
  other.sector = (await buildSector(t.b, { org, name: '医药卫生界' })).id;
  const proposals = await buildCommittee(t.b, { org, name: '提案委员会', shortName: '提案委', sectors: [economy] });
  const ethnic = await buildCommittee(t.b, { org, name: '民族宗教和社会法制委员会', shortName: '民宗社法委', sectors: [economy] });
  other.committee = (await buildCommittee(t.b, { org, name: '经济和农业农村委员会', shortName: '经济委' })).id;
  const ninth = await buildTerm(t.b, { org, number: 9, startDate: '2017-01-10', isCurrent: false });
  const tenth = await buildTerm(t.b, { org, number: 10, startDate: '2022-01-10' });
  other.term = (await buildTerm(t.b, { org, number: 11, startDate: '2027-01-10', isCurrent: false })).id;
  const { member } = await buildMember(t.b, {
    org,
    sector: economy,
    name: '马学文',
    gender: 'male',
    birthDate: '1968-04-12',
    ethnicity: '回族',
    party: '民建',
    standing: true,
    position: 'standing',
    workUnit: '远安县鸣凤镇清真食品有限公司董事长',
    phone: '13872600021',
    idNumber: makeIdNumber('420525', '1968-04-12', 'male', 3),
    committees: [proposals, ethnic],
    terms: [ninth, tenth],
  });
  ids.member = member.id;
  ids.twin = (
    await buildMember(t.b, {
      org,
      sector: economy,
      name: '马秀兰',
      gender: 'female',
      ethnicity: '回族',
      party: '民建',
      standing: true,
      position: 'standing',
      workUnit: '远安县回族小学校长',
      committees: [proposals],
      terms: [tenth],
    })
  ).member.id;
  await buildAccount(t.b, { org, roles: ['admin', 'staff'], loginName: 'liujing', displayName: '刘静' });
  admin = await signIn(t.app, 'liujing');
  ids.account = (await buildAccount(t.b, { org, roles: ['unit'], loginName: 'zhouping', displayName: '周平', phone: '13872600031' })).account.id;
  // a report a member wrote and sent in, waiting in the office's queue
  const { account: writerAccount } = await buildAccount(t.b, { org, roles: ['member'], loginName: 'zhanghm', displayName: '张红梅' });
  await buildMember(t.b, { org, sector: economy, name: '张红梅', accountId: writerAccount.id });
  const writer = await signIn(t.app, 'zhanghm');
  const report = (await writer.post('/api/opinion-reports', { title: '关于解决山区留守老人看病难问题的建议', body: REPORT_BODY })).json();
  expect((await writer.post(`/api/opinion-reports/${report.id}/submit`)).statusCode).toBe(200);
  ids.report = report.id;
});

const FIXTURES: Record<string, Fixture> = {
  'PATCH /api/members/{id}': {
    id: () => ids.member,
    read: (id) => `/api/members/${id}`,
    values: {
      ethnicity: (now) => (now.ethnicity === '满族' ? '回族' : '满族'),
      sectorId: () => other.sector,
      committeeIds: () => [other.committee],
      termIds: () => [other.term],
      phone: () => '13972600099',
      // the same birth date and gender, so only the number changes
      idNumber: (now) => makeIdNumber('420525', now.birthDate as string, now.gender as 'male' | 'female', 8),
    },
  },
  'PATCH /api/accounts/{id}': { id: () => ids.account, read: (id) => `/api/accounts/${id}`, values: { phone: () => '13972600032' } },
  'PATCH /api/orgs/current/settings': { read: () => '/api/orgs/current', at: (f) => `settings.${f}` },
  'PATCH /api/opinion-reports/{id}': { id: () => ids.report, read: (id) => `/api/opinion-reports/${id}`, touched: ['updatedAt', 'history'] },
  'PATCH /api/request-rules': { read: () => '/api/request-rules' },
  'PATCH /api/proposal-rules': {
    read: () => '/api/proposal-rules',
    at: (f) => (f.startsWith('calendar.') ? f : `rules.${f}`),
    values: {
      categories: (now) => [...(get(now, 'rules.categories') as string[]), '民族宗教'],
      replyCategories: (now) => (get(now, 'rules.replyCategories') as Json[]).map((c, i) => (i === 0 ? { ...c, label: `${c.label}（含部分采纳）` } : c)),
      'calendar.holidays': (now) => [...(get(now, 'calendar.holidays') as string[]), '2026-10-08'],
      'calendar.workdays': (now) => [...(get(now, 'calendar.workdays') as string[]), '2026-10-11'],
    },
  },
};

describe('a partial change keeps the rest of the record', () => {
  it('changes a member’s phone and nothing else (the data loss of issue 11)', async () => {
    const before = (await admin.get(`/api/members/${ids.twin}`)).json();
    expect(before).toMatchObject({ ethnicity: '回族', standing: true, position: 'standing', workUnit: '远安县回族小学校长', committees: [{ name: '提案委' }], terms: [{ name: before.terms[0].name }] });
    const res = await admin.patch(`/api/members/${ids.twin}`, { phone: '13972600077' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ ...before, phoneMasked: res.json().phoneMasked });
    expect(res.json().phoneMasked).not.toBe(before.phoneMasked);
    expect((await admin.get(`/api/members/${ids.twin}`)).json()).toEqual(res.json());
  });

  it('keeps every rule when several are changed at once, one per request', async () => {
    const rules = { firstAnswerDays: 9, remindBeforeHours: 30, phoneRetentionDays: 200, autoCloseDays: 20, perPhonePerDay: 5, perIpPerDay: 40, challengeAfterPerIp: 6, photoMBPerIpPerDay: 80, followsPerIpPerDay: 25 };
    const answers = await Promise.all(Object.entries(rules).map(([k, v]) => admin.patch('/api/request-rules', { [k]: v })));
    expect(answers.map((r) => r.statusCode)).toEqual(answers.map(() => 200));
    expect((await admin.get('/api/request-rules')).json()).toEqual(rules);
    const settings = await Promise.all([admin.patch('/api/orgs/current/settings', { idleTimeoutMinutes: 45 }), admin.patch('/api/orgs/current/settings', { auditRetentionDays: 365 })]);
    expect(settings.map((r) => r.statusCode)).toEqual([200, 200]);
    expect((await admin.get('/api/orgs/current')).json().settings).toEqual({ idleTimeoutMinutes: 45, auditRetentionDays: 365 });
    const proposalRules = await Promise.all([
      admin.patch('/api/proposal-rules', { coSignWorkdays: 7 }),
      admin.patch('/api/proposal-rules', { publishWorkdays: 15 }),
      admin.patch('/api/proposal-rules', { calendar: { holidays: ['2026-10-09'] } }),
      admin.patch('/api/proposal-rules', { calendar: { workdays: ['2026-10-10'] } }),
    ]);
    expect(proposalRules.map((r) => r.statusCode)).toEqual([200, 200, 200, 200]);
    const view = (await admin.get('/api/proposal-rules')).json();
    expect(view.rules).toMatchObject({ coSignWorkdays: 7, publishWorkdays: 15 });
    expect(view.calendar).toEqual({ holidays: ['2026-10-09'], workdays: ['2026-10-10'] });
  });
});

describe('every PATCH operation changes exactly the fields sent', () => {
  it('finds the PATCH operations in the OpenAPI document', () => {
    expect(ops.length).toBeGreaterThanOrEqual(6);
    expect(Object.keys(FIXTURES).filter((k) => !ops.some((o) => o.key === k))).toEqual([]); // no fixture for a route that is gone
  });

  for (const op of ops) {
    describe(op.key, () => {
      it('has a fixture saying how to find and read back its record', () => {
        expect(FIXTURES[op.key], `${op.key} needs a fixture in server/core/patch.test.ts`).toBeDefined();
      });
      const f = FIXTURES[op.key];
      if (!f) return;
      for (const { field, schema } of leaves(op.body)) {
        it(`sends ${field} alone`, async () => {
          const id = f.id?.();
          const before = (await admin.get(f.read(id))).json() as Json;
          const parts = shownAt(field, before, f);
          const value = f.values?.[field] ? f.values[field](before) : changed(schema, get(before, parts[0] ?? field));
          expect(value, `no valid changed value for ${field}: add one to the fixture's values`).toBeDefined();
          const res = await admin.patch(op.path.replace('{id}', id ?? ''), nest(field, value));
          expect(res.statusCode, res.body).toBe(200);
          const after = (await admin.get(f.read(id))).json() as Json;
          const diff = differences(before, after);
          expect(diff.filter((p) => !within(p, [...parts, ...(f.touched ?? [])])), `${field} changed other fields`).toEqual([]);
          expect(diff.filter((p) => within(p, parts)).length, `${field} did not change`).toBeGreaterThan(0);
        });
      }
    });
  }
});

/** PUTs that are not "the whole record": what they leave out is kept, never reset. */
const PUT_KEEPS_LEFT_OUT: Record<string, string> = {
  'PUT /api/places/{id}': 'sort left out keeps the place where it is',
  'PUT /api/party-orgs/{id}': 'sort left out keeps the organisation where it is',
};

describe('every PUT states the whole record', () => {
  const puts = Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods)
      .filter(([m]) => m === 'put')
      .map(([, op]) => ({ key: `PUT ${path}`, body: op.requestBody?.content['application/json'].schema ?? {} })),
  );
  it('requires every field of its body, so a field left out is refused rather than reset', () => {
    expect(puts.length).toBeGreaterThan(10);
    const optional = puts
      .filter((p) => !PUT_KEEPS_LEFT_OUT[p.key])
      .flatMap((p) => Object.keys(p.body.properties ?? {}).filter((k) => !p.body.required?.includes(k)).map((k) => `${p.key} ${k}`));
    expect(optional).toEqual([]);
  });

  it('refuses a change of a concern category that leaves `active` out, and the category stays off', async () => {
    const list = (await admin.post('/api/request-categories', { name: '民族团结', sort: 90, active: false })).json() as { id: string; name: string; active: boolean }[];
    const made = list.find((c) => c.name === '民族团结')!;
    const res = await admin.put(`/api/request-categories/${made.id}`, { name: '民族团结进步', committeeId: null, sort: 90 });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details).toEqual([{ path: 'active', message: '缺少此项（修改须提交全部内容）' }]);
    const now = ((await admin.get('/api/request-categories')).json() as typeof list).find((c) => c.id === made.id);
    expect(now).toMatchObject({ name: '民族团结', active: false });
  });
});
