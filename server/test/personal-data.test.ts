import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { sql } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PERMISSIONS } from '../core/access.js';
import { rowsOf } from '../core/sql.js';
import { seedDemo } from '../demo/demo.js';
import type { Role } from '../modules/account/account.schema.js';
import { leavesOf, MARGIN, shownIn, unknownDigits, type Leaf, type Secret } from './assembly.js';
import { signIn, testApp, type TestApp } from './harness.js';

/**
 * No one can assemble a whole phone or ID number from what the API answers, except through the audited
 * reveals. The demo is seeded; every person's phone and ID number, every account's and resident's phone,
 * every unit's and reply letter's contact phone is decrypted or read; then each role (and a signed-out
 * caller) calls every GET operation of the OpenAPI document — lists first, then each detail with ids the
 * lists gave that role — and every answer (JSON, Excel, Word) is checked: no whole value anywhere, and at
 * least 4 unknown digits of each phone and 3 of each ID number after counting what all its fields show
 * together (assembly.ts). Whole values come only from the reveals below, each writing an audit entry.
 */

type Who = Role | 'anonymous';
const LOGINS: Record<Who, string | null> = { admin: 'admin', staff: 'lixiulan', leader: 'chenzhiyuan', member: 'zhanghongmei', unit: 'wanglei', anonymous: null };
type Source = 'person' | 'account' | 'resident' | 'unit' | 'reply';

/** The audited reveals: who may call them, whose numbers they give, and the audit entry each call writes. */
const REVEALS: { route: string; may: readonly Who[]; gives: Source[]; audit: string }[] = [
  { route: '/api/members/{id}/contact', may: PERMISSIONS['member.contact'], gives: ['person'], audit: 'member.view_contact' },
  { route: '/api/members/export?contacts=full', may: PERMISSIONS['member.contact'], gives: ['person'], audit: 'member.export' },
  { route: '/api/accounts/{id}/phone', may: PERMISSIONS['account.manage'], gives: ['account'], audit: 'account.view_phone' },
  // the resident's phone, to call them back: staff, or the member answering the concern
  { route: '/api/requests/{id}/contact', may: [...PERMISSIONS['request.manage'], 'member'], gives: ['resident'], audit: 'request.view_phone' },
  // the proposers' phones, to talk with them before replying: the unit handling it and the proposals office
  { route: '/api/proposals/{id}/contacts', may: [...PERMISSIONS['proposal.manage'], 'unit'], gives: ['person', 'reply'], audit: 'proposal.view_contact' },
  { route: '/api/units/{id}/contact', may: [...PERMISSIONS['unit.manage'], 'unit'], gives: ['unit'], audit: 'unit.view_contact' },
  // the printed reply letter carries its contact person's phone for the proposers
  { route: '/api/proposal-replies/{id}/letter.docx', may: PERMISSIONS['proposal.read'], gives: ['reply'], audit: 'proposal.letter' },
];
/** Routes that are not the API's data. */
const SKIP = new Set(['/api/openapi.json', '/api/health']);
/** Values for required query parameters. */
const QUERY: Record<string, string> = { q: '远安', year: '2026', level: '1', text: '路灯不亮', kind: 'request' };
/** Detail calls per route and role: enough to meet the member themself, a colleague, another org's person. */
const PER_ROUTE = 3;

let t: TestApp;
let secrets: (Secret & { source: Source })[];
beforeAll(async () => {
  t = await testApp();
  await seedDemo(t.b);
  const dec = (s: string | null) => (s ? t.b.crypto.decrypt(s) : null);
  const digits = (s: string | null) => (s ? s.replace(/\D/g, '') : '');
  const people = await rowsOf<{ name: string; birth_date: string | null; phone_enc: string | null; id_number_enc: string | null }>(
    t.b.db,
    sql`select name, birth_date::text, phone_enc, id_number_enc from person`,
  );
  const phones = async (source: Source, q: ReturnType<typeof sql>, decrypt: boolean) =>
    (await rowsOf<{ label: string; phone: string | null }>(t.b.db, q)).map((r) => ({ source, kind: 'phone' as const, label: r.label, value: digits(decrypt ? dec(r.phone) : r.phone) }));
  secrets = [
    ...people.flatMap((p) => [
      { source: 'person' as const, kind: 'phone' as const, label: p.name, value: digits(dec(p.phone_enc)) },
      { source: 'person' as const, kind: 'id' as const, label: p.name, value: dec(p.id_number_enc) ?? '', birthDate: p.birth_date },
    ]),
    ...(await phones('account', sql`select display_name as label, phone_enc as phone from account`, true)),
    ...(await phones('resident', sql`select code as label, phone_enc as phone from request`, true)),
    ...(await phones('unit', sql`select name as label, contact_phone_enc as phone from handling_unit`, true)),
    ...(await phones('reply', sql`select letter_no as label, contact_phone_enc as phone from proposal_reply`, true)),
  ].filter((s) => s.value.length >= 7);
}, 120_000);
afterAll(() => t.close());

/** A response's leaves: JSON fields, Excel cells (keyed by their column's heading), the text of a Word file. */
async function leavesOfResponse(res: LightMyRequestResponse): Promise<Leaf[] | null> {
  const type = String(res.headers['content-type'] ?? '');
  if (type.includes('json')) return leavesOf(res.json());
  if (type.includes('spreadsheetml')) {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const out: Leaf[] = [];
    book.eachSheet((sheet) => {
      const heads = sheet.getRow(1).values as unknown[];
      sheet.eachRow((row) => row.eachCell((cell, col) => out.push({ key: String(heads[col] ?? ''), value: cell.text })));
    });
    return out;
  }
  if (type.includes('wordprocessingml')) {
    const xml = await (await JSZip.loadAsync(res.rawPayload)).file('word/document.xml')!.async('string');
    return [{ key: 'docx', value: xml.replace(/<[^>]+>/g, '') }];
  }
  return null; // images and attachments: the people's own files
}

interface Finding {
  who: Who;
  url: string;
  secret: string;
  unknown: number;
}

describe('counting what a response gives away', () => {
  const id = { kind: 'id' as const, value: '420525196207190623', birthDate: '1962-07-19', label: '郭海燕' };
  const phone = { kind: 'phone' as const, value: '13872600013', label: '郭海燕' };
  const unknown = (v: unknown, s: Secret) => unknownDigits(shownIn(leavesOf(v)), s);
  it('finds the whole ID number in what members were shown before (masked ID beside the birth date)', () => {
    expect(unknown({ idNumberMasked: '420525********0623', birthDate: '1962-07-19', gender: 'female' }, id)).toBe(0);
    expect(unknown({ idNumberMasked: '420525********0623' }, id)).toBe(7);
    // the check digit settles the one digit left
    expect(unknown({ idNumberMasked: '4205251962071906*3' }, id)).toBe(0);
    expect(unknown([{ birthDate: '1962-07-19' }, { note: '身份证 4205 2519 6207 1906 23' }], id)).toBe(0);
  });
  it('counts what the views show now: a month or year of birth, an ID number only "on file", phones 3+4', () => {
    expect(unknown({ birthMonth: '1962-07', idNumberOnFile: true, gender: 'female' }, id)).toBe(5);
    expect(unknown({ birthYear: 1962, gender: 'female' }, id)).toBe(7);
    expect(unknown({ phoneMasked: '138****0013' }, phone)).toBe(4);
    expect(unknown({ phone: '138-7260-0013' }, phone)).toBe(0);
    expect(unknown({ contact: '1387260****' }, phone)).toBe(4);
    expect(unknown([{ a: '1387260****' }, { b: '138****0013' }], phone)).toBe(0);
  });
});

describe('personal data in every response', () => {
  it('lets no role assemble a whole phone or ID number outside the audited reveals', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as {
      paths: Record<string, { get?: { parameters?: { in: string; name: string; required?: boolean; schema?: { enum?: string[] } }[] } }>;
    };
    const routes = Object.entries(doc.paths)
      .filter(([path, ops]) => ops.get && !SKIP.has(path) && !path.startsWith('/api/docs'))
      .map(([path, ops]) => ({ path, params: ops.get!.parameters ?? [] }))
      .sort((a, b) => a.path.split('{').length - b.path.split('{').length);
    const leaks: Finding[] = [];
    /** reveals that gave whole numbers without writing their audit entry */
    const unaudited: string[] = [];
    const revealed: Record<string, Set<Who>> = {};
    const auditCount = async (action: string) => (await rowsOf<{ n: number }>(t.b.db, sql`select count(*)::int as n from audit_log where action = ${action}`))[0].n;

    /** what every role so far was given: the signed-out caller needs an org's region code and a tracking code from somewhere */
    const shared = new Map<string, string[]>();
    for (const who of Object.keys(LOGINS) as Who[]) {
      const login = LOGINS[who];
      const agent = login ? await signIn(t.app, login) : null;
      const get = (url: string) => (agent ? agent.get(url) : t.app.inject({ method: 'GET', url }));
      /** what this role's answers held: ids of list items by route, ids of objects under a key, scalar values by key */
      const listed = new Map<string, string[]>();
      const listedItems = new Map<string, Record<string, unknown>[]>();
      const underKey = new Map<string, string[]>();
      const byKey = new Map<string, string[]>();
      const add = (m: Map<string, string[]>, k: string, v: string) => {
        for (const into of m === byKey ? [m, shared] : [m]) {
          const l = into.get(k) ?? into.set(k, []).get(k)!;
          if (!l.includes(v)) l.push(v);
        }
      };
      const harvest = (v: unknown, key = '') => {
        if (Array.isArray(v)) for (const x of v) (x && typeof x === 'object' && 'id' in x ? add(underKey, key, String(x.id)) : null, harvest(x, key));
        else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) (typeof x === 'string' ? add(byKey, k, x) : null, harvest(x, k));
      };
      const answers = new Map<string, unknown>();
      /**
       * Values for a route's first path parameter: the role's own record first (members/me, units/mine), then the
       * first, middle and last of the list at the path before it; else ids of objects under the key the path
       * names (proposal-replies → replies), or values of the parameter's name (regionCode, a tracking code).
       */
      const candidates = (base: string, param: string, tail: string): string[] => {
        const own = [...listed].filter(([path]) => path.startsWith(`${base}/`)).flatMap(([, ids]) => ids);
        // of the list, those showing something masked first (the people with a phone on file)
        const items = listedItems.get(base) ?? [];
        const all = [...items.filter((i) => JSON.stringify(i).includes('*')), ...items].map((i) => String(i.id));
        const fromList = [...new Set([...own, all[0], all[Math.floor(items.length / 2)], all[items.length - 1]].filter(Boolean))];
        if (fromList.length) return fromList;
        if (param === 'id') return (underKey.get(tail) ?? []).slice(0, PER_ROUTE);
        const fromItems = [...listedItems].find(([path]) => path.endsWith(`/${tail}`))?.[1].map((i) => i[param]).filter((v): v is string => typeof v === 'string');
        return (fromItems?.length ? fromItems : (byKey.get(param) ?? underKey.get(tail) ?? shared.get(param) ?? [])).slice(0, PER_ROUTE);
      };

      const call = async (url: string, route: string) => {
        const reveal = REVEALS.find((r) => r.route === route);
        const before = reveal ? await auditCount(reveal.audit) : 0;
        const res = await get(url);
        expect(res.statusCode, `${who} GET ${url}`).toBeLessThan(500);
        const leaves = res.statusCode === 200 ? await leavesOfResponse(res) : leavesOf(res.json());
        if (!leaves) return res;
        if (res.statusCode === 200 && String(res.headers['content-type']).includes('json')) answers.set(url, res.json());
        // the numbers this call may give whole (a number can be several people's: a member's phone is often their account's)
        const allowed = new Set(reveal?.may.includes(who) && res.statusCode === 200 ? secrets.filter((s) => reveal.gives.includes(s.source)).map((s) => s.value) : []);
        let whole = false;
        const shown = shownIn(leaves);
        for (const s of secrets) {
          const unknown = unknownDigits(shown, s);
          if (unknown === 0 && allowed.has(s.value)) {
            whole = true;
            continue;
          }
          if (unknown < MARGIN[s.kind]) leaks.push({ who, url, secret: `${s.source} ${s.kind} of ${s.label}`, unknown });
        }
        if (whole) {
          (revealed[reveal!.route] ??= new Set()).add(who);
          if ((await auditCount(reveal!.audit)) !== before + 1) unaudited.push(`${who} GET ${url}`);
        }
        return res;
      };

      for (const r of routes) {
        const query = r.params.filter((p) => p.in === 'query');
        const pathParams = r.params.filter((p) => p.in === 'path').map((p) => p.name);
        const q = new URLSearchParams();
        for (const p of query) if (p.required) q.set(p.name, p.schema?.enum?.[0] ?? QUERY[p.name] ?? byKey.get(p.name)?.[0] ?? shared.get(p.name)?.[0] ?? '');
        if (query.some((p) => p.name === 'pageSize')) q.set('pageSize', '200');
        const suffix = q.size ? `?${q}` : '';
        if (!pathParams.length) {
          const res = await call(`${r.path}${suffix}`, r.path);
          if (res.statusCode !== 200 || !String(res.headers['content-type']).includes('json')) continue;
          const body = res.json();
          const items = Array.isArray(body) ? body : Array.isArray(body?.items) ? body.items : body && typeof body === 'object' && 'id' in body ? [body] : [];
          listed.set(r.path, items.map((i: { id: string }) => String(i.id)));
          listedItems.set(r.path, items);
          harvest(body);
          continue;
        }
        // the first parameter from the list at the path before it (or objects under the key its segment names), the next from the parent's answer
        const [first, second] = pathParams;
        const base = r.path.slice(0, r.path.indexOf(`/{${first}}`));
        const firsts = candidates(base, first, base.split('/').pop()!.split('-').pop()!);
        for (const f of firsts) {
          let url = r.path.replace(`{${first}}`, f);
          if (second) {
            const parent = answers.get(url.slice(0, url.indexOf(`/{${second}}`)).replace(/\/[^/]+$/, '')) as Record<string, unknown> | undefined;
            const seg = url.slice(0, url.indexOf(`/{${second}}`)).split('/').pop()!;
            const inner = (parent?.[seg] as { id: string }[] | undefined)?.[0]?.id;
            if (!inner) continue;
            url = url.replace(`{${second}}`, inner);
          }
          const res = await call(`${url}${suffix}`, r.path);
          if (res.statusCode === 200 && String(res.headers['content-type']).includes('json')) harvest(res.json());
        }
      }
      // the full export, asked for explicitly
      await call('/api/members/export?contacts=full', '/api/members/export?contacts=full');
    }

    expect(leaks).toEqual([]);
    expect(unaudited).toEqual([]);
    // the walk reached the reveals, for those allowed them (a walk that reached none would prove nothing)
    expect(Object.fromEntries(Object.entries(revealed).map(([k, v]) => [k, [...v].sort()]))).toEqual({
      '/api/members/{id}/contact': ['admin', 'staff'],
      '/api/members/export?contacts=full': ['admin', 'staff'],
      '/api/accounts/{id}/phone': ['admin'],
      '/api/requests/{id}/contact': expect.arrayContaining(['admin', 'staff']),
      '/api/proposals/{id}/contacts': expect.arrayContaining(['staff', 'unit']),
      '/api/units/{id}/contact': expect.arrayContaining(['staff', 'unit']),
      '/api/proposal-replies/{id}/letter.docx': expect.arrayContaining(['staff', 'unit']),
    });
  }, 120_000);
});
