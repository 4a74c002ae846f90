import { randomUUID } from 'node:crypto';
import { and, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import { requireAccess } from '../../core/access.js';
import type { Ctx, Executor } from '../../core/context.js';
import { AppError } from '../../core/errors.js';
import { rowsOf, valueList } from '../../core/sql.js';
import { writeAudit } from '../audit/audit.service.js';
import { committee, sector } from '../sector/sector.table.js';
import { term } from '../term/term.table.js';
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

interface Known {
  id: string;
  name: string;
  birth_date: string | null;
  id_number_hash: string | null;
  phone_hash: string | null;
}
interface Membership {
  id: string;
  person_id: string;
  name: string;
  status: 'active' | 'left';
  left_at: string | null;
}
interface Planned {
  r: RosterRow;
  personId: string;
  newPerson: boolean;
  memberId: string;
  newMember: boolean;
  birthDate: string | null;
  sectorId: string;
  committeeIds: string[];
}

const BATCH = 500;
const chunks = <T>(list: T[], n = BATCH) => Array.from({ length: Math.ceil(list.length / n) }, (_, i) => list.slice(i * n, i * n + n));

/**
 * Imports a roster: every row is checked, against the file and against the org, before anything is
 * written; one bad row and nothing is imported. A person already known (by ID number or phone; by
 * name when the row has neither and the org has exactly one member of that name) is updated, never
 * duplicated; contact details left empty or masked in the file never erase those on file.
 * `check` reports what `apply` would do.
 */
export async function importMembers(ctx: Ctx, data: Buffer, mode: 'check' | 'apply'): Promise<ImportResult> {
  const actor = requireAccess(ctx.actor, 'member.manage');
  const { rows, problems, columns, ignored } = readRoster(await openWorkbook(data));
  if (!rows.length && !problems.length) throw new AppError(400, 'EMPTY_FILE', '表格中没有委员数据（表头下方为空）');
  const orgId = actor.orgId;
  const [sectors, committees, [current]] = await Promise.all([
    ctx.db.select({ id: sector.id, name: sector.name }).from(sector).where(eq(sector.orgId, orgId)),
    ctx.db.select({ id: committee.id, name: committee.name, shortName: committee.shortName }).from(committee).where(eq(committee.orgId, orgId)),
    ctx.db.select({ id: term.id }).from(term).where(and(eq(term.orgId, orgId), eq(term.isCurrent, true))),
  ]);
  const sectorId = new Map(sectors.map((s) => [s.name, s.id]));
  const committeeId = new Map(committees.flatMap((c) => [[c.name, c.id], [c.shortName, c.id]] as [string, string][]));
  const hash = (v: string | null | undefined) => (v && v !== 'masked' ? ctx.crypto.blindIndex(v) : null);

  const { known, memberships, sameName } = await lookUp(ctx.db, orgId, rows.map((r) => ({ idHash: hash(r.idNumber), phoneHash: hash(r.phone), name: r.name, keyless: !hash(r.idNumber) && !hash(r.phone) })));
  const plan: Planned[] = [];
  const seen = new Map<string, number>();
  for (const r of rows) {
    const bad = (column: Parameters<typeof problem>[1], what: string) => void problems.push(problem(r.row, column, what));
    const before = problems.length;
    const sid = sectorId.get(r.sector);
    if (!sid) bad('界别', notFoundAmong(r.sector, sectors.map((s) => s.name)));
    const cids = (r.committees ?? []).map((c) => {
      const id = committeeId.get(c);
      if (!id) bad('专委会', notFoundAmong(c, committees.map((x) => x.shortName)));
      return id!;
    });
    const idHash = hash(r.idNumber);
    const phoneHash = hash(r.phone);
    for (const [key, label] of [[idHash, '身份证号'], [phoneHash, '手机号']] as const) {
      if (!key) continue;
      if (seen.has(key)) bad(null, `与第${seen.get(key)}行是同一人（${label}相同），同一人只能出现一次`);
      else seen.set(key, r.row);
    }
    const byId = idHash ? known.find((k) => k.id_number_hash === idHash) : undefined;
    const byPhone = phoneHash ? known.find((k) => k.phone_hash === phoneHash) : undefined;
    let found = byId ?? byPhone;
    if (byId && byPhone && byId.id !== byPhone.id) bad('手机号', `属于已登记的“${byPhone.name}”，而身份证号属于“${byId.name}”，请核对`);
    else if (found && found.name !== r.name) bad('姓名', `“${r.name}”与已登记的“${found.name}”不符（${byId ? '身份证号' : '手机号'}相同），请核对`);
    let membership = found ? memberships.find((m) => m.person_id === found!.id) : undefined;
    if (!idHash && !phoneHash) {
      if (r.idNumber === 'masked' || r.phone === 'masked') {
        const namesakes = sameName.filter((m) => m.name === r.name);
        if (namesakes.length !== 1) bad(r.idNumber === 'masked' ? '身份证号' : '手机号', '是脱敏后的号码，无法据此识别是哪位委员；请填写完整号码或留空');
        membership = namesakes[0];
      } else {
        const namesakes = sameName.filter((m) => m.name === r.name && m.status === 'active');
        if (namesakes.length > 1) bad('姓名', `本组织有 ${namesakes.length} 位同名委员“${r.name}”，请填写身份证号或手机号以区分`);
        membership = namesakes.length === 1 ? namesakes[0] : undefined;
      }
      const seenName = `name:${r.name}`;
      if (seen.has(seenName)) bad('姓名', `与第${seen.get(seenName)}行同名且都没有身份证号和手机号，无法区分；请补充号码`);
      else seen.set(seenName, r.row);
      if (membership) found = known.find((k) => k.id === membership!.person_id) ?? { id: membership.person_id, name: r.name, birth_date: null, id_number_hash: null, phone_hash: null };
    }
    if (membership?.status === 'left') bad(null, `${r.name} 已于 ${membership.left_at} 离任，导入不会恢复已离任的委员`);
    if (!found && !r.gender) bad('性别', '新委员须填写性别（或填写身份证号）');
    if (problems.length > before) continue;
    const month = r.birth && r.birth.length === 7 ? r.birth : null;
    plan.push({
      r,
      personId: found?.id ?? randomUUID(),
      newPerson: !found,
      memberId: membership?.id ?? randomUUID(),
      newMember: !membership,
      // 出生年月 without an ID number: the month, unless the date on file is already in it
      birthDate: month ? (found?.birth_date?.startsWith(month) ? null : `${month}-01`) : (r.birth ?? null),
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
    applied: mode === 'apply',
    ignoredColumns: ignored,
  };
  if (mode === 'check') return result;
  await ctx.db.transaction(async (tx) => {
    await write(tx, ctx, orgId, plan, new Set(columns), current?.id);
    await writeAudit(
      ctx,
      { action: 'member.import', summary: `导入委员名单：新增 ${result.created} 人，更新 ${result.updated} 人（共 ${result.rows} 行）`, targetType: 'member', after: { ...result, columns } },
      tx,
    );
  });
  return result;
}

/** Everyone the file may mean: people by ID number or phone, their memberships here, and same-named members for rows without either. */
async function lookUp(db: Executor, orgId: string, keys: { idHash: string | null; phoneHash: string | null; name: string; keyless: boolean }[]) {
  const ids = keys.map((k) => k.idHash).filter((x): x is string => !!x);
  const phones = keys.map((k) => k.phoneHash).filter((x): x is string => !!x);
  const known: Known[] = [];
  for (const part of chunks([...ids.map((h) => ['id', h] as const), ...phones.map((h) => ['phone', h] as const)], 1000)) {
    const idPart = part.filter(([k]) => k === 'id').map(([, h]) => h);
    const phonePart = part.filter(([k]) => k === 'phone').map(([, h]) => h);
    const conds = [idPart.length ? inArray(person.idNumberHash, idPart) : undefined, phonePart.length ? inArray(person.phoneHash, phonePart) : undefined].filter(Boolean) as SQL[];
    const found = await db
      .select({ id: person.id, name: person.name, birth_date: person.birthDate, id_number_hash: person.idNumberHash, phone_hash: person.phoneHash })
      .from(person)
      .where(or(...conds));
    for (const f of found) if (!known.some((k) => k.id === f.id)) known.push(f);
  }
  const memberships: Membership[] = [];
  for (const part of chunks(known.map((k) => k.id), 1000))
    memberships.push(
      ...(await rowsOf<Membership>(
        db,
        sql`select m.id, m.person_id, p.name, m.status, m.left_at::text from member m join person p on p.id = m.person_id
          where m.org_id = ${orgId} and m.person_id in ${valueList(part)}`,
      )),
    );
  const names = [...new Set(keys.filter((k) => k.keyless).map((k) => k.name))];
  const sameName: Membership[] = [];
  for (const part of chunks(names, 1000))
    sameName.push(
      ...(await rowsOf<Membership>(
        db,
        sql`select m.id, m.person_id, p.name, m.status, m.left_at::text from member m join person p on p.id = m.person_id
          where m.org_id = ${orgId} and p.name in ${valueList(part)}`,
      )),
    );
  return { known, memberships, sameName };
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
  const contacts = (r: RosterRow) => ({
    phoneEnc: enc(ctx, r.phone),
    phoneHash: r.phone && r.phone !== 'masked' ? ctx.crypto.blindIndex(r.phone) : null,
    idNumberEnc: enc(ctx, r.idNumber),
    idNumberHash: r.idNumber && r.idNumber !== 'masked' ? ctx.crypto.blindIndex(r.idNumber) : null,
  });
  for (const part of chunks(plan.filter((p) => p.newPerson)))
    await tx.insert(person).values(
      part.map((p) => ({ id: p.personId, name: p.r.name, ...pinyinOf(p.r.name), gender: p.r.gender!, birthDate: p.birthDate, ethnicity: p.r.ethnicity ?? '汉族', ...contacts(p.r) })),
    );
  for (const part of chunks(plan.filter((p) => !p.newPerson))) {
    const values = part.map((p) => {
      const c = contacts(p.r);
      return sql`(${p.personId}::uuid, ${p.r.gender ?? null}::text, ${p.birthDate}::date, ${p.r.ethnicity ?? null}::text,
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
