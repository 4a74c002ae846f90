/**
 * The raise part: residents raising concerns through the public endpoint
 * (POST /api/public/orgs/:regionCode/requests) at 50 concurrent connections, in the org of the search
 * part (a million concerns already indexed, so every raise also writes into a large GIN index). Each
 * request is a new phone from a new address (requests.setup.cjs) with a generated concern; the org's
 * limits per phone and per address are the real ones, never reached that way.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { sql } from 'drizzle-orm';
import { buildApp } from '../server/app.js';
import { systemClock } from '../server/core/clock.js';
import { rowsOf } from '../server/core/sql.js';
import { buildMember } from '../server/demo/builders.js';
import { concernTexts } from '../server/demo/concern.texts.js';
import { buildGroup } from '../server/demo/groups.js';
import { REGION, searchDb } from './search.db.js';
import { CONNECTIONS, HOST, log, report, SECONDS, WARMUP_SECONDS, withCpu, type Figures } from './support.js';

const SETUP = path.join(path.dirname(fileURLToPath(import.meta.url)), 'requests.setup.cjs');

async function raise(url: string, seconds: number): Promise<Figures> {
  const r = await autocannon({
    url,
    connections: CONNECTIONS,
    duration: seconds,
    workers: 1,
    requests: [{ method: 'POST', setupRequest: SETUP as unknown as autocannon.Request['setupRequest'] }],
  });
  if (r.errors > 0 || r.non2xx > 0)
    throw new Error(`${url}: ${r.errors} errors (${r.timeouts} timeouts), ${r.non2xx} non-2xx responses (${JSON.stringify(r.statusCodeStats)}); p99 ${r.latency.p99} ms`);
  return { rps: r.requests.average, requests: r.requests.total, p50: r.latency.p50, p99: r.latency.p99 };
}

export async function runRaise() {
  const s = await searchDb();
  const org = s.loaded.org;
  // the org's limits: the highest the settings allow (each request comes from a new phone and address anyway)
  await s.database.db.execute(
    sql`update org set settings = settings || ${JSON.stringify({ requests: { perPhonePerDay: 20, perIpPerDay: 1000, challengeAfterPerIp: 1000 } })}::jsonb where id = ${org.id}`,
  );
  // one group covers every village, so each concern is routed to it and its convener notified
  const { member: convener } = await buildMember(s.b, { org, name: '张红梅' });
  await buildGroup(s.b, { org, name: '第一活动小组', convener, places: Object.values(s.loaded.villages).map((id) => ({ id })) });

  const app = await buildApp({ database: s.database, clock: systemClock, crypto: s.b.crypto }, { trustProxy: ['loopback'] }); // autocannon plays the proxy: each request's address in X-Forwarded-For
  const file = path.join(os.tmpdir(), `xs-bench-raise-${process.pid}.json`);
  try {
    const address = await app.listen({ port: 0, host: HOST });
    const form = (await (await fetch(`${address}/api/public/orgs/${REGION}/request-form`)).json()) as { categories: { id: string; name: string }[] };
    if (!form.categories?.length) throw new Error(`request-form: no categories: ${JSON.stringify(form).slice(0, 200)}`);
    const next = concernTexts(2026);
    fs.writeFileSync(
      file,
      JSON.stringify({
        categoryIds: Object.fromEntries(form.categories.map((c) => [c.name, c.id])),
        placeIds: Object.values(s.loaded.villages),
        texts: Array.from({ length: 5000 }, () => next()),
      }),
    );
    process.env.XS_BENCH_RAISE_FILE = file;
    const url = `${address}/api/public/orgs/${REGION}/requests`;
    const [{ n: before }] = await rowsOf<{ n: number }>(s.database.db, sql`select count(*)::int as n from request where org_id = ${org.id}`);

    log(`raise: POST ${url.replace(address, '')}, ${CONNECTIONS} connections, ${SECONDS} s`);
    await raise(url, WARMUP_SECONDS);
    const f = await withCpu(() => raise(url, SECONDS));
    const [{ n: after, indexed }] = await rowsOf<{ n: number; indexed: number }>(
      s.database.db,
      sql`select (select count(*)::int from request where org_id = ${org.id}) as n, (select count(*)::int from search_doc where org_id = ${org.id} and kind = 'request' and ref_id in (select id from request)) as indexed`,
    );
    if (after - before < f.requests || indexed !== after) throw new Error(`raise: ${f.requests} requests answered 200, ${after - before} concerns stored, ${indexed} of ${after} indexed`);
    report.rows.push({ name: `PostgreSQL: POST /api/public/orgs/:regionCode/requests (a resident raises a concern: limits, routing, notice, search index; ${CONNECTIONS} connections)`, f });
    report.ratios.push(['PostgreSQL: raising a concern at 50 connections, p99 / requests/s', `${f.p99} ms / ${Math.round(f.rps)}`, '—', '—']);
  } finally {
    fs.rmSync(file, { force: true });
    await app.close();
  }
}
