/**
 * The members part's import and export, through the real endpoints: a 5,000-row roster .xlsx as an
 * office fills it in, checked and applied into a fresh org (then applied again: updates), and the
 * org's roster exported (masked, and with contacts=full) while this process's memory is sampled.
 */
import v8 from 'node:v8';
import vm from 'node:vm';
import ExcelJS from 'exceljs';
import { buildAccount, buildOrg, type Builder } from '../server/demo/builders.js';
import { buildMembers } from '../server/demo/bulk.js';
import { COMMITTEES, ETHNIC, GIVEN_FEMALE, GIVEN_MALE, MIXED_PARTIES, SECTORS, SURNAMES, UNITS } from '../server/demo/organisation.js';
import { rosterXlsx } from '../server/demo/roster.js';
import { makeIdNumber } from '../server/modules/member/idcard.js';
import { MEMBER_COLUMNS } from '../server/modules/member/member.export.js';
import type { BenchDb } from './databases.js';
import { log, met, signInSession, sleep, type Session } from './support.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const DAY_MS = 86_400_000;
const BIRTH_FROM = Date.UTC(1950, 0, 1);
/** a region and phone prefixes buildMembers never uses: the file's people are all new to the database */
const REGION = '420582';
const PHONE_PREFIXES = ['137', '138', '188', '189'];
/** every 5th row is a standing member or above: the `standing=true` export has a fifth of the roster */
const STANDING_EVERY = 5;

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;
const MiB = (n: number) => `${n < 0 ? '−' : ''}${(Math.abs(n) / 2 ** 20).toFixed(1)} MiB`;
/** "no memory growth with size": 5× the rows may hold at most this much more live heap (an in-memory workbook of 5,000 rows takes 15 MiB) */
const LIVE_SLACK = 4 * 2 ** 20;

/** Row i of the roster: unique phone (i ↦ suffix a bijection mod 10⁸) and ID number (one birth date per row, i < 14,600). */
function rosterRow(i: number) {
  const [sector, sectorParty] = SECTORS[i % SECTORS.length];
  const female = i % 3 === 1;
  const given = female ? GIVEN_FEMALE : GIVEN_MALE;
  const name = `${SURNAMES[(i * 17) % SURNAMES.length]}${given[(i * 5 + Math.floor(i / 60)) % given.length]}`;
  const birthDate = new Date(BIRTH_FROM + ((i * 7) % 14_600) * DAY_MS).toISOString().slice(0, 10);
  const party = sectorParty ?? MIXED_PARTIES[i % MIXED_PARTIES.length];
  const committees = COMMITTEES.filter(([, , linked]) => linked.includes(sector)).map(([, short]) => short);
  const position =
    i % STANDING_EVERY ? (i % 7 ? '委员' : '') : i === 0 ? '主席' : i <= 4 * STANDING_EVERY ? '副主席' : i === 5 * STANDING_EVERY ? '秘书长' : '常委';
  const units = UNITS[sector] ?? UNITS.default;
  const ethnicity = ETHNIC[i % ETHNIC.length];
  const phone = PHONE_PREFIXES[i % PHONE_PREFIXES.length] + String((i * 7919 + 31_400_000) % 100_000_000).padStart(8, '0');
  return [
    name,
    female ? '女' : '男',
    birthDate.slice(0, 7).replace('-', '.'),
    i % 11 === 4 ? ethnicity.replace(/族$/, '') : ethnicity, // 土家 for 土家族, as offices write it
    sector,
    party === '中共' && i % 4 === 0 ? '中共党员' : party,
    committees.slice(0, i % 4 === 0 ? 2 : 1).join('、'),
    position,
    units[i % units.length],
    phone,
    makeIdNumber(REGION, birthDate, female ? 'female' : 'male', i % 100),
  ];
}

interface ExportFigures {
  what: string;
  seconds: number;
  bytes: number;
  rows: number;
  /** growth of this process's RSS and V8 heap (garbage included) at their most, sampled every 50 ms; RSS at the end */
  rssPeak: number;
  rssEnd: number;
  heapPeak: number;
  /** growth of the live V8 heap at its most: a second download, with a full GC before each sample */
  liveHeapPeak: number;
}

/** POST /api/members/import?mode=…; the seconds to the answer, and the answer, which must be `expected`. */
async function upload(db: BenchDb, address: string, s: Session, file: Buffer, mode: 'check' | 'apply', expected: { created: number; updated: number }) {
  const t0 = performance.now();
  const res = await fetch(`${address}/api/members/import?mode=${mode}`, {
    method: 'POST',
    headers: { 'content-type': XLSX, 'x-csrf-token': s.csrf, cookie: s.cookie },
    body: new Uint8Array(file),
  });
  const body = (await res.json()) as { rows: number; created: number; updated: number; applied: boolean };
  const seconds = (performance.now() - t0) / 1000;
  if (res.status !== 200 || body.created !== expected.created || body.updated !== expected.updated || body.applied !== (mode === 'apply'))
    throw new Error(`${db.label}: import mode=${mode}: expected ${JSON.stringify(expected)}, the server answered ${res.status} ${JSON.stringify(body).slice(0, 600)}`);
  log(`${db.label}: import mode=${mode}: ${seconds.toFixed(2)} s, ${JSON.stringify(body)}`);
  return seconds;
}

/** Runs `run` sampling this process's memory; with `live`, after a full GC each time (slower: not timed). */
async function sampled<T>(run: () => Promise<T>, live: boolean) {
  gc();
  await sleep(100); // V8 hands freed pages back to the system after the GC
  gc();
  const start = process.memoryUsage();
  let [rss, heap] = [start.rss, start.heapUsed];
  const sampler = setInterval(() => {
    if (live) gc();
    const m = process.memoryUsage();
    [rss, heap] = [Math.max(rss, m.rss), Math.max(heap, m.heapUsed)];
  }, live ? 100 : 50);
  try {
    const result = await run();
    return { result, rssPeak: rss - start.rss, rssEnd: process.memoryUsage().rss - start.rss, heapPeak: heap - start.heapUsed };
  } finally {
    clearInterval(sampler);
  }
}

/** The whole body of GET `url`. */
async function fetchAll(db: BenchDb, url: string, cookie: string) {
  const res = await fetch(url, { headers: { cookie } });
  if (res.status !== 200 || !res.body) throw new Error(`${db.label}: ${url}: ${res.status} ${await res.text()}`);
  const chunks: Uint8Array[] = [];
  const reader = res.body.getReader();
  for (let r = await reader.read(); !r.done; r = await reader.read()) chunks.push(r.value);
  return Buffer.concat(chunks);
}

/** Downloads `url` (timed, memory sampled; then again for the live heap); parses it and checks it has `rows` data rows. */
async function download(db: BenchDb, url: string, cookie: string, rows: number, what: string): Promise<ExportFigures & { sheet: ExcelJS.Worksheet }> {
  const t0 = performance.now();
  const { result: file, rssPeak, rssEnd, heapPeak } = await sampled(() => fetchAll(db, url, cookie), false);
  const seconds = (performance.now() - t0) / 1000;
  const { heapPeak: liveHeapPeak } = await sampled(() => fetchAll(db, url, cookie), true);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(file as unknown as ArrayBuffer);
  const sheet = book.getWorksheet('委员名单');
  const headings = (sheet?.getRow(1).values as unknown[] | undefined)?.slice(1);
  if (!sheet || JSON.stringify(headings) !== JSON.stringify(MEMBER_COLUMNS.map((c) => c.header)))
    throw new Error(`${db.label}: ${url}: no sheet 委员名单 with the roster's headings (${JSON.stringify(headings)})`);
  const read = sheet.actualRowCount - 1;
  if (read !== rows) throw new Error(`${db.label}: ${url}: ${read} data rows read back, expected ${rows}`);
  const m = { rssPeak, rssEnd, heapPeak, liveHeapPeak };
  log(`${db.label}: export ${what}: ${seconds.toFixed(2)} s, ${file.length} bytes, ${read} rows; growth: ${JSON.stringify(m, (_k, v) => (typeof v === 'number' ? MiB(v) : v))}`);
  return { what, seconds, bytes: file.length, rows: read, ...m, sheet };
}

/** A fresh org with 远安's sectors, committees and a current term; its roster imported, re-imported, exported. */
export async function measureImportExport(db: BenchDb, b: Builder, address: string, count: number) {
  const org = await buildOrg(b, { name: '基准测试导入县政协' });
  await buildMembers(b, org, 0); // the structure only: 21 sectors, 6 committees, the current term
  const { account } = await buildAccount(b, { org, roles: ['staff'] });
  const session = await signInSession(address, account.loginName);
  const rows = Array.from({ length: count }, (_, i) => rosterRow(i));
  const file = await rosterXlsx(rows);

  log(`${db.label}: importing ${count} members from an .xlsx of ${file.length} bytes`);
  const imp = {
    fileBytes: file.length,
    check: await upload(db, address, session, file, 'check', { created: count, updated: 0 }),
    apply: await upload(db, address, session, file, 'apply', { created: count, updated: 0 }),
    reapply: await upload(db, address, session, file, 'apply', { created: 0, updated: count }),
  };

  const url = `${address}/api/members/export`;
  const standing = Math.ceil(count / STANDING_EVERY);
  await download(db, `${url}?standing=true`, session.cookie, standing, 'warm-up'); // loads and compiles the streaming writer
  const exports: ExportFigures[] = [];
  const keep = async (f: Promise<ExportFigures & { sheet: ExcelJS.Worksheet }>) => {
    const { sheet, ...figures } = await f;
    exports.push(figures);
    return sheet;
  };
  await keep(download(db, `${url}?standing=true`, session.cookie, standing, `${standing.toLocaleString('en-US')} members (standing=true), masked`));
  const masked = await keep(download(db, url, session.cookie, count, `${count.toLocaleString('en-US')} members, masked`));
  const full = await keep(download(db, `${url}?contacts=full`, session.cookie, count, `${count.toLocaleString('en-US')} members, contacts=full`));
  const phonesOf = (sheet: ExcelJS.Worksheet) => new Set((sheet.getColumn(MEMBER_COLUMNS.findIndex((c) => c.header === '手机号') + 1).values as unknown[]).slice(2).map(String));
  const [shown, whole] = [phonesOf(masked), phonesOf(full)];
  if (rows.some((r) => !whole.has(r[9]) || shown.has(r[9]))) throw new Error(`${db.label}: the contacts=full export lacks phones of the file, or the masked one shows them`);
  return { imp, exports, count };
}

export type IoFigures = Awaited<ReturnType<typeof measureImportExport>>;

/** The import and export rows of the ratio / target table for one database. */
export function ioRatios(label: string, { imp, exports, count }: IoFigures): [string, string, string, string][] {
  const n = count.toLocaleString('en-US');
  const s = (x: number) => `${x.toFixed(2)} s`;
  const [small, large] = exports;
  return [
    [`${label}: import ${n} members from .xlsx (${(imp.fileBytes / 1024).toFixed(0)} KiB), mode=check`, s(imp.check), '—', '—'],
    [`${label}: import, mode=apply (created ${n})`, s(imp.apply), '< 10 s', met(imp.apply < 10)],
    [`${label}: the same file again, mode=apply (updated ${n})`, s(imp.reapply), '< 10 s', met(imp.reapply < 10)],
    ...exports.map((e): [string, string, string, string] => [
      `${label}: GET /api/members/export, ${e.what}: whole download; size; rows read back; growth of RSS at peak / at end, of heap and live heap at peak`,
      `${s(e.seconds)}; ${(e.bytes / 1024).toFixed(0)} KiB; ${e.rows.toLocaleString('en-US')}; ${MiB(e.rssPeak)} / ${MiB(e.rssEnd)}, ${MiB(e.heapPeak)}, ${MiB(e.liveHeapPeak)}`,
      '—',
      '—',
    ]),
    [
      `${label}: export, streamed: growth of the live heap, ${large.what} − ${small.what}`,
      `${MiB(large.liveHeapPeak)} − ${MiB(small.liveHeapPeak)}`,
      `< ${MiB(LIVE_SLACK)}`,
      met(large.liveHeapPeak - small.liveHeapPeak < LIVE_SLACK),
    ],
  ];
}
