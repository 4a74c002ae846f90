/**
 * The proposals part, on one org of 50,000 proposals across five terms (proposals.load.ts), on the
 * real PostgreSQL, one request at a time as a user makes them:
 *
 * - the staff review queue (GET /api/proposals?scope=review) and a unit's queue (scope=unit, five
 *   units' accounts in turn): p50 / p95 / p99, target p99 < 50 ms;
 * - similar proposals while drafting (GET /api/proposals/similar?title=&text=, 200 new drafts): p95 < 100 ms;
 * - the Excel list of one session (GET /api/proposals/export.xlsx?sessionId=…, 2,000 rows): < 5 s.
 *
 * Each beside its bare-driver baseline: the statements the endpoint sent for that very request
 * (captured from drizzle's logger, the sign-in session's own statements left out) replayed one after
 * another through `pg`, so the difference is what the layers above the SQL cost (HTTP, session check,
 * zod, presenting, jieba for similar, building the workbook for the export).
 *
 *   BENCH_PROPOSAL_ITERATIONS   requests per queue measurement (default 500); each measurement also
 *                               stops after BENCH_PROPOSAL_BUDGET seconds (default 60) once it has 20
 *   BENCH_EXPLAIN=1             also log EXPLAIN (ANALYZE, BUFFERS) of each endpoint's slowest statement
 */
import { randomBytes } from 'node:crypto';
import { buildApp } from '../server/app.js';
import { systemClock } from '../server/core/clock.js';
import { aesGcmFieldCrypto } from '../server/core/crypto.js';
import { migrate } from '../server/db/index.js';
import type { Builder } from '../server/demo/builders.js';
import { captureQueries, onPostgres, type BenchDb, type LoggedQuery } from './databases.js';
import { loadProposals, PER_SESSION, TERMS } from './proposals.load.js';
import { proposalTexts } from './proposals.texts.js';
import { fmt, HOST, log, met, report, signIn, withCpu, type Figures } from './support.js';

const ITERATIONS = Math.max(20, Number(process.env.BENCH_PROPOSAL_ITERATIONS ?? 500));
const BUDGET_MS = Math.max(5, Number(process.env.BENCH_PROPOSAL_BUDGET ?? 60)) * 1000;
const REGION = '429902';

type Timed = Figures & { p95: number; max: number };

/** Latencies of `run` over `items`, one at a time (within the time budget), with the CPU it cost. */
async function oneAtATime<T>(items: T[], run: (item: T, i: number) => Promise<unknown>): Promise<Timed> {
  let full: Timed | undefined;
  const f = await withCpu(async () => {
    const ms: number[] = [];
    const t0 = performance.now();
    for (const [i, item] of items.entries()) {
      if (ms.length >= 20 && performance.now() - t0 > BUDGET_MS) break;
      const t = performance.now();
      await run(item, i);
      ms.push(performance.now() - t);
    }
    const elapsed = (performance.now() - t0) / 1000;
    ms.sort((a, b) => a - b);
    const q = (p: number) => ms[Math.min(ms.length - 1, Math.floor(ms.length * p))];
    full = { rps: ms.length / elapsed, requests: ms.length, p50: q(0.5), p95: q(0.95), p99: q(0.99), max: ms[ms.length - 1] };
    return full;
  });
  return { ...full!, ...f };
}

/** Statements of the request that are its own work: the sign-in session's look-up and touch left out. */
const ownWork = (queries: LoggedQuery[]) => queries.filter((q) => !/\b(from|update|into) "?(session|account|account_role)"?\s/i.test(q.sql) || /proposal|handling_unit|search_doc/i.test(q.sql));

/** The captured statements again, through the bare driver, one after another. */
const replay = (db: BenchDb, queries: LoggedQuery[]) => async () => {
  for (const q of queries) await db.raw.query(undefined, q.sql, q.params);
};

/** EXPLAIN (ANALYZE, BUFFERS) of the slowest of the statements, logged (BENCH_EXPLAIN=1). */
async function explainSlowest(db: BenchDb, what: string, queries: LoggedQuery[]) {
  if (!process.env.BENCH_EXPLAIN) return;
  log(`${what}: ${queries.length} statements\n  ${queries.map((q) => q.sql.replace(/\s+/g, ' ').slice(0, 110)).join('\n  ')}`);
  let slowest = { ms: -1, q: queries[0] };
  for (const q of queries) {
    const t = performance.now();
    await db.raw.query(undefined, q.sql, q.params);
    const ms = performance.now() - t;
    if (ms > slowest.ms) slowest = { ms, q };
  }
  const { rows } = await db.raw.query(undefined, `explain (analyze, buffers) ${slowest.q.sql}`, slowest.q.params);
  log(`${what}: slowest statement ${fmt(slowest.ms)} ms\n${slowest.q.sql}\n${rows.map((r) => Object.values(r)[0]).join('\n')}`);
}

interface Page {
  items: unknown[];
  total: number;
}

async function bench(db: BenchDb) {
  log('proposals: migrating');
  await migrate(db.database);
  const crypto = aesGcmFieldCrypto(randomBytes(32).toString('hex'));
  const b: Builder = { db: db.database.db, crypto };
  const loaded = await loadProposals(db.database, b, (text, params) => db.raw.query(undefined, text, params), REGION);
  log(`proposals: loaded in ${fmt(loaded.seconds.generate)} s + search rows ${fmt(loaded.seconds.search)} s + vacuum ${fmt(loaded.seconds.vacuum)} s: ${JSON.stringify(loaded.counts)}`);

  const app = await buildApp({ database: db.database, clock: systemClock, crypto }, { loginRateLimit: 100_000 });
  try {
    const address = await app.listen({ port: 0, host: HOST });
    const staff = await signIn(address, loaded.staffLogin);
    const member = await signIn(address, loaded.memberLogin);
    const units = await Promise.all([...loaded.unitLogins.values()].map((l) => signIn(address, l)));
    const fetchAs = async (cookie: string, path: string) => {
      const res = await fetch(`${address}${path}`, { headers: { cookie } });
      if (res.status !== 200) throw new Error(`${path}: ${res.status} ${(await res.text()).slice(0, 300)}`);
      return res;
    };
    const json = async <T>(cookie: string, path: string) => (await (await fetchAs(cookie, path)).json()) as T;
    /** the request, and the statements it sent */
    const captured = async (cookie: string, path: string, read: (r: Response) => Promise<unknown> = (r) => r.json()) =>
      (await captureQueries(db.database, async () => read(await fetchAs(cookie, path)))).queries;

    /* ---------------- (a) the queues */
    const reviewPaths = Array.from({ length: ITERATIONS }, (_, i) => `/api/proposals?scope=review&page=${1 + (i % 5)}&pageSize=20`);
    const review0 = await json<Page>(staff, reviewPaths[0]);
    if (!review0.total || !review0.items.length) throw new Error(`review queue is empty: ${JSON.stringify(review0).slice(0, 200)}`);
    const reviewSql: LoggedQuery[][] = [];
    for (const p of reviewPaths.slice(0, 5)) reviewSql.push(await captured(staff, p)); // one at a time: the logger is shared
    log(`proposals: review queue (${review0.total} waiting), ${ITERATIONS} requests one at a time; ${ownWork(reviewSql[0]).length} statements each`);
    await explainSlowest(db, 'review queue', ownWork(reviewSql[0]));
    for (const p of reviewPaths.slice(0, 20)) await json(staff, p);
    const review = await oneAtATime(reviewPaths, (p) => json(staff, p));
    const reviewRaw = await oneAtATime(reviewPaths, (_, i) => replay(db, ownWork(reviewSql[i % 5]))());

    const unitPath = '/api/proposals?scope=unit&page=1&pageSize=20';
    const unit0 = await json<Page>(units[0], unitPath);
    if (!unit0.total) throw new Error('unit queue is empty');
    const unitSql: LoggedQuery[][] = [];
    for (const c of units) unitSql.push(await captured(c, unitPath));
    log(`proposals: unit queues (${units.length} units, ${unit0.total} assignments for the first), ${ITERATIONS} requests; ${ownWork(unitSql[0]).length} statements each`);
    await explainSlowest(db, 'unit queue', ownWork(unitSql[0]));
    for (const c of units) await json(c, unitPath);
    const turns = Array.from({ length: ITERATIONS }, (_, i) => i % units.length);
    const unit = await oneAtATime(turns, (k) => json(units[k], unitPath));
    const unitRaw = await oneAtATime(turns, (k) => replay(db, ownWork(unitSql[k]))());

    /* ---------------- (b) similar proposals while drafting */
    const next = proposalTexts(99);
    const drafts = Array.from({ length: 200 }, () => next());
    const similarPath = (d: (typeof drafts)[number]) =>
      `/api/proposals/similar?title=${encodeURIComponent(d.title)}&text=${encodeURIComponent(`${d.situation}\n${d.analysis}\n${d.suggestion}`.slice(0, 1500))}`;
    log('proposals: similar proposals for 200 new drafts, one at a time');
    let found = 0;
    for (const d of drafts.slice(0, 20)) await json(member, similarPath(d));
    const similarSql: LoggedQuery[][] = [];
    const similar = await oneAtATime(drafts, async (d) => {
      const { result, queries } = await captureQueries(db.database, () => json<{ items: unknown[] }>(member, similarPath(d)));
      if (result.items.length) found++;
      similarSql.push(ownWork(queries));
    });
    const similarRaw = await oneAtATime(similarSql, (qs) => replay(db, qs)());
    await explainSlowest(db, 'similar', similarSql[0]);

    /* ---------------- (c) the Excel list of one session */
    const session = loaded.sessions[loaded.sessions.length - 2];
    const exportPath = `/api/proposals/export.xlsx?scope=all&sessionId=${session.id}`;
    log(`proposals: Excel list of ${session.name} (${PER_SESSION} proposals), 5 times`);
    let bytes = 0;
    const exportSql = await captured(staff, exportPath, async (r) => (bytes = (await r.arrayBuffer()).byteLength));
    const exports = await oneAtATime([1, 2, 3, 4, 5], () => fetchAs(staff, exportPath).then((r) => r.arrayBuffer()));
    const exportRaw = await oneAtATime([1, 2, 3, 4, 5], () => replay(db, ownWork(exportSql))());
    await explainSlowest(db, 'export', ownWork(exportSql));

    const total = loaded.counts.proposal.toLocaleString('en-US');
    const rows: [string, Timed][] = [
      [`PostgreSQL: GET /api/proposals?scope=review&pageSize=20 (staff; ${total} proposals, ${review0.total} waiting; pages 1–5, one at a time)`, review],
      ['PostgreSQL: the same statements, bare driver, one after another', reviewRaw],
      [`PostgreSQL: GET /api/proposals?scope=unit&pageSize=20 (five units' accounts in turn, one at a time)`, unit],
      ['PostgreSQL: the same statements, bare driver, one after another', unitRaw],
      ['PostgreSQL: GET /api/proposals/similar?title=&text= (200 new drafts, one at a time)', similar],
      ['PostgreSQL: the same statements, bare driver (no segmentation)', similarRaw],
      [`PostgreSQL: GET /api/proposals/export.xlsx?sessionId=… (${PER_SESSION} rows, ${Math.round(bytes / 1024)} KiB; 5 times)`, exports],
      ['PostgreSQL: the same statements, bare driver (no workbook)', exportRaw],
    ];
    for (const [name, f] of rows) report.rows.push({ name, f });
    const pq = (f: Timed) => `${fmt(f.p50)} / ${fmt(f.p95)} / ${fmt(f.p99)} ms`;
    report.ratios.push(
      ['PostgreSQL: review queue p50 / p95 / p99 (bare driver)', `${pq(review)} (${pq(reviewRaw)})`, 'p99 < 50 ms', met(review.p99 < 50)],
      ['PostgreSQL: unit queue p50 / p95 / p99 (bare driver)', `${pq(unit)} (${pq(unitRaw)})`, 'p99 < 50 ms', met(unit.p99 < 50)],
      ['PostgreSQL: similar proposals p50 / p95 / p99 (bare driver)', `${pq(similar)} (${pq(similarRaw)})`, 'p95 < 100 ms', met(similar.p95 < 100)],
      ['PostgreSQL: Excel list of one session, slowest of 5 (bare driver)', `${fmt(exports.max / 1000)} s (${fmt(exportRaw.max)} ms)`, '< 5 s', met(exports.max < 5000)],
      [
        `(for information) generating ${total} proposals in ${TERMS.length * 5} sessions with their signers, assignments, replies, ratings and timelines; search rows (jieba); VACUUM ANALYZE`,
        `${fmt(loaded.seconds.generate)} s; ${fmt(loaded.seconds.search)} s; ${fmt(loaded.seconds.vacuum)} s`,
        '—',
        '—',
      ],
    );
    report.notes.push(
      `proposals: ${Object.entries(loaded.counts).map(([k, v]) => `${k} ${v.toLocaleString('en-US')}`).join(', ')}; ${found} of the 200 drafts found similar proposals.`,
    );
  } finally {
    await app.close();
  }
}

export async function runProposals() {
  await onPostgres('proposals', bench);
}
