import { randomUUID } from 'node:crypto';
import { eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import { requireAccess } from '../../core/access.js';
import type { Ctx, Executor } from '../../core/context.js';
import { AppError } from '../../core/errors.js';
import { rowsOf, valueList } from '../../core/sql.js';
import { writeAudit } from '../audit/audit.service.js';
import { committee, sector } from '../sector/sector.table.js';
import { member, memberCommittee, memberTerm, person } from './member.table.js';
import { pinyinOf } from './member.service.js';
import { notFoundAmong, openWorkbook, problem, readRoster, type RosterRow, type RowProblem } from './member.sheet.js';

export interface ImportResult {
  /** rows read from the file */
  rows: number;
  /** new members of this org (of whom `alsoElsewhere` were already members of another org) */
  created: number;
  updated: number;
  alsoElsewhere: number;
  applied: boolean;
  /** headings in the file that the roster does not read */
  ignoredColumns: string[];
}

interface Person {
  id: string;
  name: string;
  gender: 'male' | 'female';
  birth_date: string | null;
  id_number_hash: string | null;
  phone_hash: string | null;
}
interface Membership {
  id: string;
  person_id: string;
  status: 'active' | 'left';
  left_at: string | null;
}
interface Planned {
  r: RosterRow;
  /** keyed hashes of the row's phone and ID number (null: empty or masked) */
  idHash: string | null;
  phoneHash: string | null;
  personId: string;
  newPerson: boolean;
  memberId: string;
  newMember: boolean;
  /** what to write over the person's gender and birth date (null: keep what is on file) */
  gender: 'male' | 'female' | null;
  birthDate: string | null;
  sectorId: string;
  committeeIds: string[];
}

const BATCH = 500;
const chunks = <T>(list: T[], n = BATCH) => Array.from({ length: Math.ceil(list.length / n) }, (_, i) => list.slice(i * n, i * n + n));

/**
 * Imports a roster: every row is checked, against the file and against the org, before anything is
 * written; one bad row and nothing is imported. A person already known (by ID number or phone; by
 * name when the row has neither, or has them masked, and the org has exactly one active member of
 * that name) is updated, never duplicated; contact details left empty or masked in the file never
 * erase those on file, and an ID number on file decides birth date and gender. Imports of one org
 * run one at a time (a lock), so two uploads of the same file never make the same person twice.
 * `check` reports what `apply` would do.
 */
export async function importMembers(ctx: Ctx, data: Buffer, mode: 'check' | 'apply'): Promise<ImportResult> {
  const actor = requireAccess(ctx.actor, 'member.manage');
  const roster = readRoster(await openWorkbook(data));
  if (!roster.rows.length && !roster.problems.length) throw new AppError(400, 'EMPTY_FILE', '表格中没有委员数据（表头下方为空）');
  if (mode === 'check') return (await planImport(ctx, ctx.db, actor.orgId, roster)).result;
  return ctx.db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`member.import:${actor.orgId}`}))`);
    const [{ termId }] = await rowsOf<{ termId: string | null }>(tx, sql`select (select id from term where org_id = ${actor.orgId} and is_current) as "termId"`);
    const { plan, result } = await planImport(ctx, tx, actor.orgId, roster);
    await write(tx, ctx, actor.orgId, plan, new Set(roster.columns), termId ?? undefined);
    await writeAudit(
      ctx,
      { action: 'member.import', summary: `导入委员名单：新增 ${result.created} 人，更新 ${result.updated} 人（共 ${result.rows} 行）`, targetType: 'member', after: { ...result, columns: roster.columns } },
      tx,
    );
    return { ...result, applied: true };
  });
}

/** Resolves every row against the org (sectors, committees, people, memberships); throws the file's problems. */
async function planImport(ctx: Ctx, db: Executor, orgId: string, { rows, problems, ignored }: ReturnType<typeof readRoster>) {
  const [sectors, committees] = await Promise.all([
    db.select({ id: sector.id, name: sector.name }).from(sector).where(eq(sector.orgId, orgId)),
    db.select({ id: committee.id, name: committee.name, shortName: committee.shortName }).from(committee).where(eq(committee.orgId, orgId)),
  ]);
  const sectorId = new Map(sectors.map((s) => [s.name, s.id]));
  const committeeId = new Map(committees.flatMap((c) => [[c.name, c.id], [c.shortName, c.id]] as [string, string][]));
  const hash = (v: string | null | undefined) => (v && v !== 'masked' ? ctx.crypto.blindIndex(v) : null);
  const keyed = rows.map((r) => ({ r, idHash: hash(r.idNumber), phoneHash: hash(r.phone) }));
  const { byIdHash, byPhoneHash, membershipOf, namesakes } = await lookUp(db, orgId, keyed);

  const plan: Planned[] = [];
  const seen = new Map<string, number>();
  for (const { r, idHash, phoneHash } of keyed) {
    const bad = (column: Parameters<typeof problem>[1], what: string) => void problems.push(problem(r.row, column, what));
    const before = problems.length;
    const sid = sectorId.get(r.sector);
    if (!sid) bad('界别', notFoundAmong(r.sector, sectors.map((s) => s.name)));
    const cids = (r.committees ?? []).map((c) => {
      const id = committeeId.get(c);
      if (!id) bad('专委会', notFoundAmong(c, committees.map((x) => x.shortName)));
      return id!;
    });
    for (const [key, label] of [[idHash, '身份证号'], [phoneHash, '手机号']] as const) {
      if (!key) continue;
      if (seen.has(key)) bad(null, `与第${seen.get(key)}行是同一人（${label}相同），同一人只能出现一次`);
      else seen.set(key, r.row);
    }
    // people of other orgs are never named: a number must not reveal who holds it
    const called = (p: Person) => (membershipOf.has(p.id) ? `已登记的“${p.name}”` : '已登记的另一人');
    const byId = idHash ? byIdHash.get(idHash) : undefined;
    const byPhone = phoneHash ? byPhoneHash.get(phoneHash) : undefined;
    let found = byId ?? byPhone;
    if (byId && byPhone && byId.id !== byPhone.id) bad('手机号', `属于${called(byPhone)}，而身份证号属于${called(byId)}，请核对`);
    else if (found && found.name !== r.name) bad('姓名', `“${r.name}”与${called(found)}不符（${byId ? '身份证号' : '手机号'}相同），请核对`);
    else if (!byId && byPhone?.id_number_hash && idHash) bad('身份证号', `与该手机号登记的身份证号不符，请核对`);
    let membership = found ? membershipOf.get(found.id) : undefined;
    if (!found) {
      // no usable number: the org's only active member of that name, if there is one
      const same = namesakes.get(r.name) ?? [];
      const masked = r.idNumber === 'masked' || r.phone === 'masked';
      if (same.length > 1) bad('姓名', `本组织有 ${same.length} 位同名委员“${r.name}”，请填写完整的身份证号或手机号以区分`);
      else if (same.length === 1 && (masked || (!idHash && !phoneHash))) [found, membership] = [same[0].person, same[0].membership];
      else if (masked && !idHash && !phoneHash) bad(r.idNumber === 'masked' ? '身份证号' : '手机号', '是脱敏后的号码，无法据此识别是哪位委员；请填写完整号码或留空');
      if (!idHash && !phoneHash) {
        if (seen.has(`name:${r.name}`)) bad('姓名', `与第${seen.get(`name:${r.name}`)}行同名且都没有身份证号和手机号，无法区分；请补充号码`);
        else seen.set(`name:${r.name}`, r.row);
      }
    }
    if (membership?.status === 'left') bad(null, `${r.name} 已于 ${membership.left_at} 离任，导入不会恢复已离任的委员`);
    const month = r.birth && r.birth.length === 7 ? r.birth : null;
    // an ID number on file decides birth date and gender; the file may only agree with it
    const fixed = found?.id_number_hash && !idHash;
    if (fixed && month && found!.birth_date && !found!.birth_date.startsWith(month)) bad('出生年月', '与已登记的身份证号不符');
    if (fixed && r.gender && r.gender !== found!.gender) bad('性别', '与已登记的身份证号不符');
    if (!found && !r.gender) bad(null, '新委员须填写性别（或填写身份证号）');
    if (problems.length > before) continue;
    plan.push({
      r,
      idHash,
      phoneHash,
      personId: found?.id ?? randomUUID(),
      newPerson: !found,
      memberId: membership?.id ?? randomUUID(),
      newMember: !membership,
      gender: fixed ? null : (r.gender ?? null),
      // 出生年月 without an ID number: the month, unless the date on file is already in it
      birthDate: fixed ? null : month ? (found?.birth_date?.startsWith(month) ? null : `${month}-01`) : (r.birth ?? null),
      sectorId: sid!,
      committeeIds: [...new Set(cids)],
    });
  }
  if (problems.length) throw rejected(problems);
  const result: ImportResult = {
    rows: rows.length,
    created: plan.filter((p) => p.newMember).length,
    updated: plan.filter((p) => !p.newMember).length,
    alsoElsewhere: plan.filter((p) => p.newMember && !p.newPerson).length,
    applied: false,
    ignoredColumns: ignored,
  };
  return { plan, result };
}

/**
 * Everyone the file may mean, in a fixed number of queries per 1,000 rows: people by ID number or
 * phone, their memberships here, and the org's active members by name for rows without usable numbers.
 */
async function lookUp(db: Executor, orgId: string, keyed: { r: RosterRow; idHash: string | null; phoneHash: string | null }[]) {
  const byIdHash = new Map<string, Person>();
  const byPhoneHash = new Map<string, Person>();
  const columns = { id: person.id, name: person.name, gender: person.gender, birth_date: person.birthDate, id_number_hash: person.idNumberHash, phone_hash: person.phoneHash };
  for (const part of chunks(keyed, 1000)) {
    const ids = part.map((k) => k.idHash).filter((x): x is string => !!x);
    const phones = part.map((k) => k.phoneHash).filter((x): x is string => !!x);
    const conds = [ids.length ? inArray(person.idNumberHash, ids) : undefined, phones.length ? inArray(person.phoneHash, phones) : undefined].filter(Boolean) as SQL[];
    if (!conds.length) continue;
    for (const p of await db.select(columns).from(person).where(or(...conds))) {
      if (p.id_number_hash) byIdHash.set(p.id_number_hash, p);
      if (p.phone_hash) byPhoneHash.set(p.phone_hash, p);
    }
  }
  const membershipOf = new Map<string, Membership>();
  const people = [...new Set([...byIdHash.values(), ...byPhoneHash.values()].map((p) => p.id))];
  for (const part of chunks(people, 1000))
    for (const m of await rowsOf<Membership>(db, sql`select id, person_id, status, left_at::text from member where org_id = ${orgId} and person_id in ${valueList(part)}`))
      membershipOf.set(m.person_id, m);
  const namesakes = new Map<string, { person: Person; membership: Membership }[]>();
  const names = [...new Set(keyed.filter((k) => !k.idHash || !k.phoneHash).map((k) => k.r.name))];
  for (const part of chunks(names, 1000))
    for (const x of await rowsOf<Person & { member_id: string; left_at: string | null }>(
      db,
      sql`select p.id, p.name, p.gender, p.birth_date::text, p.id_number_hash, p.phone_hash, m.id as member_id
        from member m join person p on p.id = m.person_id
        where m.org_id = ${orgId} and m.status = 'active' and p.name in ${valueList(part)}`,
    )) {
      const entry = { person: x, membership: { id: x.member_id, person_id: x.id, status: 'active' as const, left_at: null } };
      namesakes.set(x.name, [...(namesakes.get(x.name) ?? []), entry]);
      membershipOf.set(x.id, entry.membership);
    }
  return { byIdHash, byPhoneHash, membershipOf, namesakes };
}

/** The one error for a rejected file: the first problems in the message, every one (up to 500) in details. */
function rejected(problems: RowProblem[]) {
  problems.sort((a, b) => a.row - b.row);
  const shown = problems.slice(0, 500);
  const more = problems.length > 1 ? `（共 ${problems.length} 处错误）` : '';
  return new AppError(400, 'IMPORT_REJECTED', `${problems[0].message}${more}；未导入任何数据，请修改后重新导入`, shown.map((p) => ({ path: `第${p.row}行${p.column ? `.${p.column}` : ''}`, message: p.message })));
}

const enc = (ctx: Ctx, v: string | null | undefined) => (v && v !== 'masked' ? ctx.crypto.encrypt(v) : null);

/** Batched writes: new people and memberships inserted, known ones updated from a VALUES list. */
async function write(tx: Executor, ctx: Ctx, orgId: string, plan: Planned[], columns: Set<string>, termId: string | undefined) {
  const has = (h: string) => columns.has(h);
  const contacts = (p: Planned) => ({ phoneEnc: enc(ctx, p.r.phone), phoneHash: p.phoneHash, idNumberEnc: enc(ctx, p.r.idNumber), idNumberHash: p.idHash });
  for (const part of chunks(plan.filter((p) => p.newPerson)))
    await tx.insert(person).values(
      part.map((p) => ({ id: p.personId, name: p.r.name, ...pinyinOf(p.r.name), gender: p.r.gender!, birthDate: p.birthDate, ethnicity: p.r.ethnicity ?? '汉族', ...contacts(p) })),
    );
  for (const part of chunks(plan.filter((p) => !p.newPerson))) {
    const values = part.map((p) => {
      const c = contacts(p);
      return sql`(${p.personId}::uuid, ${p.gender}::text, ${p.birthDate}::date, ${p.r.ethnicity ?? null}::text,
        ${c.phoneEnc}::text, ${c.phoneHash}::text, ${c.idNumberEnc}::text, ${c.idNumberHash}::text)`;
    });
    await tx.execute(sql`update person set gender = coalesce(v.gender, person.gender), birth_date = coalesce(v.birth_date, person.birth_date),
        ethnicity = coalesce(v.ethnicity, person.ethnicity), phone_enc = coalesce(v.phone_enc, person.phone_enc),
        phone_hash = coalesce(v.phone_hash, person.phone_hash), id_number_enc = coalesce(v.id_enc, person.id_number_enc),
        id_number_hash = coalesce(v.id_hash, person.id_number_hash)
      from (values ${sql.join(values, sql`, `)}) as v(id, gender, birth_date, ethnicity, phone_enc, phone_hash, id_enc, id_hash)
      where person.id = v.id`);
  }
  const standing = (p: Planned) => (p.r.position ? p.r.position !== 'member' : undefined);
  for (const part of chunks(plan.filter((p) => p.newMember)))
    await tx.insert(member).values(
      part.map((p) => ({
        id: p.memberId,
        orgId,
        personId: p.personId,
        sectorId: p.sectorId,
        party: p.r.party,
        standing: standing(p) ?? false,
        position: p.r.position ?? 'member',
        workUnit: p.r.workUnit ?? '',
        createdAt: ctx.clock.now(),
      })),
    );
  for (const part of chunks(plan.filter((p) => !p.newMember))) {
    const values = part.map(
      (p) => sql`(${p.memberId}::uuid, ${p.sectorId}::uuid, ${p.r.party}::text, ${has('职务') ? standing(p)! : null}::boolean,
        ${has('职务') ? p.r.position! : null}::text, ${has('工作单位及职务') ? p.r.workUnit! : null}::text)`,
    );
    await tx.execute(sql`update member set sector_id = v.sector_id, party = v.party, standing = coalesce(v.standing, member.standing),
        position = coalesce(v.position, member.position), work_unit = coalesce(v.work_unit, member.work_unit)
      from (values ${sql.join(values, sql`, `)}) as v(id, sector_id, party, standing, position, work_unit)
      where member.id = v.id`);
  }
  if (has('专委会')) {
    for (const part of chunks(plan.filter((p) => !p.newMember).map((p) => p.memberId), 1000)) await tx.delete(memberCommittee).where(inArray(memberCommittee.memberId, part));
    for (const part of chunks(plan.flatMap((p) => p.committeeIds.map((committeeId) => ({ orgId, memberId: p.memberId, committeeId }))), 1000))
      await tx.insert(memberCommittee).values(part);
  }
  if (termId) for (const part of chunks(plan.map((p) => ({ orgId, memberId: p.memberId, termId })), 1000)) await tx.insert(memberTerm).values(part).onConflictDoNothing();
}
