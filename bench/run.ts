/**
 * npm run bench — throughput and latency of the account list and the members list APIs against the
 * same SQL through the bare driver (and the account list against a bare Fastify route), on the real
 * PostgreSQL and on PGlite, and the import of 5,000 members from .xlsx and their export (time, and
 * memory while it streams); then the time from start to a healthy /api/health on an existing data
 * dir, and the server's peak memory. A script, never a test: it prints a Markdown table for the
 * README's performance section.
 *
 *   BENCH_SECONDS   seconds per measurement (default 10)
 *   BENCH_PG_URL    PostgreSQL server to create the benchmark databases on
 *                   (default postgres://postgres@127.0.0.1:5432/postgres)
 *   BENCH_ONLY      the parts to run, comma-separated (default all): accounts, members, search, raise, proposals, startup
 *   BENCH_SEARCH_ROWS  concerns generated for the search and raise parts (default 1,000,000)
 *
 * The parts: accounts.ts, members.ts, search.ts (the one search and similar items on a million
 * concerns, beside ILIKE), requests.ts (raising a concern through the public endpoint; in the search
 * part's org), proposals.ts (the review and unit queues, similar proposals and the Excel list on
 * 50,000 proposals), startup.ts; databases.ts, search.db.ts and support.ts serve them.
 */
import os from 'node:os';
import { runAccounts } from './accounts.js';
import { runMembers } from './members.js';
import { runProposals } from './proposals.js';
import { runRaise } from './requests.js';
import { releaseSearchDb } from './search.db.js';
import { runSearch } from './search.js';
import { runStartup } from './startup.js';
import { CONNECTIONS, fmt, fmtCpu, log, machine, report, SECONDS, WARMUP_SECONDS } from './support.js';

/** In the order they run and report; start-up last, on a machine otherwise at rest. */
const PARTS: Record<string, () => Promise<void>> = { accounts: runAccounts, members: runMembers, search: runSearch, raise: runRaise, proposals: runProposals, startup: runStartup };

function selectedParts(): string[] {
  const only = process.env.BENCH_ONLY?.split(',').map((s) => s.trim()).filter(Boolean);
  if (!only?.length) return Object.keys(PARTS);
  const unknown = only.filter((p) => !(p in PARTS));
  if (unknown.length) throw new Error(`BENCH_ONLY: unknown part ${unknown.join(', ')} (the parts: ${Object.keys(PARTS).join(', ')})`);
  return Object.keys(PARTS).filter((p) => only.includes(p));
}

function printReport(parts: string[]) {
  const cpu = os.cpus();
  const out: string[] = [];
  out.push(`### Benchmark, ${new Date().toISOString().slice(0, 10)}`, '');
  out.push(
    `Machine: ${cpu[0].model.trim()}, ${cpu.length} cores, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM; Node ${process.version}` +
      `${report.pgVersion ? `; PostgreSQL ${report.pgVersion}` : ''}. ` +
      `${CONNECTIONS} concurrent connections (loops), ${SECONDS} s per figure after ${WARMUP_SECONDS} s of warm-up; load generator, server and database share the machine.` +
      `${parts.length < Object.keys(PARTS).length ? ` Parts run: ${parts.join(', ')}.` : ''}`,
    '',
  );
  if (report.rows.length) {
    out.push(
      '| measurement | requests/s | p50 ms | p99 ms | main-thread CPU ms/req | PostgreSQL CPU ms/req |',
      '|---|---:|---:|---:|---:|---:|',
    );
    for (const r of report.rows) out.push(`| ${r.name} | ${fmt(r.f.rps)} | ${fmt(r.f.p50)} | ${fmt(r.f.p99)} | ${fmtCpu(r.f.mainCpu)} | ${fmtCpu(r.f.pgCpu)} |`);
    out.push(
      '',
      'Main-thread CPU: the server\'s event-loop thread for the HTTP rows (autocannon runs in a worker thread), the driver loops\' thread for the bare-driver rows; PGlite executes its SQL on that thread too. PostgreSQL CPU: all PostgreSQL server processes.',
      '',
    );
  }
  out.push('| ratio / target | value | target | status |', '|---|---:|---|---|');
  for (const r of report.ratios) out.push(`| ${r.join(' | ')} |`);
  if (machine.othersCores > 0.1)
    report.notes.push(
      `the machine was not idle: other processes took up to ${machine.othersCores.toFixed(2)} of the ${cpu.length} cores during a measurement (PostgreSQL CPU per request counts every PostgreSQL process, other clients' included)`,
    );
  for (const n of report.notes) out.push('', `Note: ${n}`);
  console.log(`\n${out.join('\n')}\n`);
}

async function main() {
  const t0 = performance.now();
  const parts = selectedParts();
  try {
    for (const part of parts) {
      // start-up is measured on a machine at rest: the search parts' million rows go first
      if (part === 'startup') await releaseSearchDb();
      await PARTS[part]();
    }
  } finally {
    await releaseSearchDb();
  }
  printReport(parts);
  log(`done in ${Math.round((performance.now() - t0) / 1000)} s`);
}

main().then(
  () => process.exit(0),
  (err: Error) => {
    console.error(err);
    process.exit(1);
  },
);
