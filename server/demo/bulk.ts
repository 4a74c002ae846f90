import { randomUUID } from 'node:crypto';
import { makeIdNumber } from '../modules/member/idcard.js';
import type { MEMBER_POSITIONS, PARTIES } from '../modules/member/member.schema.js';
import { pinyinOf } from '../modules/member/member.service.js';
import { member, memberCommittee, memberTerm, person } from '../modules/member/member.table.js';
import { buildCommittee, buildSector, buildTerm, type Builder, type OrgRow } from './builders.js';
import { COMMITTEES, ETHNIC, GIVEN_FEMALE, GIVEN_MALE, MIXED_PARTIES, SECTORS, SURNAMES, UNITS } from './organisation.js';

/**
 * Bulk builders: thousands of rows with multi-row inserts, for benchmarks and large-list tests.
 * Like the builders in builders.ts they fill in their own parents.
 */
type Id = { id: string };
type Party = (typeof PARTIES)[number];

export interface BulkMembersOptions {
  /** sectors to spread the members over; default: 远安's 21 sectors, made here */
  sectors?: (Id & { name: string })[];
  /** default: 远安's 6 committees, made here and linked to the default sectors */
  committees?: Id[];
  /** the term every member sits in; default: a current 十届, made here */
  term?: Id;
  /** rows per multi-row insert (default 500) */
  batchSize?: number;
}

/** Sequence numbers handed out so far in this process: phones and ID numbers derive from them. */
let issued = 0;
const DAY_MS = 86_400_000;
/** the birth dates used, 1955-01-01 onwards: 40 years */
const BIRTH_DAYS = 14_600;
const BIRTH_FROM = Date.UTC(1955, 0, 1);
const PHONE_PREFIXES = ['135', '136', '139', '150', '151', '152', '158', '159', '186', '187'];

/**
 * The k-th person: a realistic name, gender and birth date, and a phone and ID number unique across
 * every call in this process (k ↦ phone suffix is a bijection mod 10⁸, k ↦ (birth date, sequence
 * digits) one for k < 1,460,000). A single database filled by several processes needs other schemes.
 */
function personOf(k: number, region: string) {
  const gender: 'male' | 'female' = k % 3 === 1 ? 'female' : 'male';
  const given = gender === 'female' ? GIVEN_FEMALE : GIVEN_MALE;
  const name = `${SURNAMES[(k * 13) % SURNAMES.length]}${given[(k * 7 + Math.floor(k / 40)) % given.length]}`;
  const day = (k * 7) % BIRTH_DAYS; // 7 and 14,600 are coprime
  const birthDate = new Date(BIRTH_FROM + day * DAY_MS).toISOString().slice(0, 10);
  const round = Math.floor(k / BIRTH_DAYS);
  const idNumber = makeIdNumber(region, birthDate, gender, (round * 37 + k) % 100);
  const phone = PHONE_PREFIXES[k % PHONE_PREFIXES.length] + String((k * 7919 + 20_260_000) % 100_000_000).padStart(8, '0');
  return { name, gender, birthDate, idNumber, phone };
}

/** The default structure: 21 sectors (with the party of party sectors), 6 committees linking them, a current term. */
async function buildStructure(b: Builder, home: OrgRow) {
  const sectors: (Id & { name: string; party: Party | null })[] = [];
  for (const [i, [name, party]] of SECTORS.entries()) sectors.push({ ...(await buildSector(b, { org: home, name, sort: i + 1 })), party });
  const committees: (Id & { linked: string[] })[] = [];
  for (const [i, [name, shortName, linked]] of COMMITTEES.entries())
    committees.push({ ...(await buildCommittee(b, { org: home, name, shortName, sort: i + 1, sectors: sectors.filter((s) => linked.includes(s.name)) })), linked });
  return { sectors, committees };
}

/**
 * `count` active members of `home`, spread evenly over the sectors, each in one committee (the first
 * linked to their sector) and in the current term, with encrypted phone and ID numbers: one person
 * each, inserted `batchSize` at a time into person, member, member_committee and member_term.
 */
export async function buildMembers(b: Builder, home: OrgRow, count: number, opts: BulkMembersOptions = {}) {
  const made = opts.sectors ? undefined : await buildStructure(b, home);
  const sectors: (Id & { name: string; party?: Party | null })[] = opts.sectors ?? made!.sectors;
  const committees: Id[] = opts.committees ?? made?.committees ?? [];
  const term = opts.term ?? (await buildTerm(b, { org: home, number: 10, startDate: '2022-01-10', isCurrent: true }));
  // a sector's committee: the first linked to it by name (default structure), else round-robin
  const committeeOf = sectors.map((s, i) => {
    const linked = made?.committees.find((c) => c.linked.includes(s.name));
    return linked ?? (committees.length ? committees[i % committees.length] : undefined);
  });
  const region = /^\d{6}$/.test(home.regionCode) ? home.regionCode : '420525';
  const pinyins = new Map<string, ReturnType<typeof pinyinOf>>();
  const batchSize = opts.batchSize ?? 500;
  const perSector = sectors.map(() => 0);

  for (let start = 0; start < count; start += batchSize) {
    const people: (typeof person.$inferInsert)[] = [];
    const members: (typeof member.$inferInsert)[] = [];
    const inCommittees: (typeof memberCommittee.$inferInsert)[] = [];
    for (let i = start; i < Math.min(count, start + batchSize); i++) {
      const k = issued++;
      const p = personOf(k, region);
      if (!pinyins.has(p.name)) pinyins.set(p.name, pinyinOf(p.name));
      const personId = randomUUID();
      people.push({
        id: personId,
        name: p.name,
        ...pinyins.get(p.name)!,
        gender: p.gender,
        birthDate: p.birthDate,
        ethnicity: ETHNIC[k % ETHNIC.length],
        phoneEnc: b.crypto.encrypt(p.phone),
        phoneHash: b.crypto.blindIndex(p.phone),
        idNumberEnc: b.crypto.encrypt(p.idNumber),
        idNumberHash: b.crypto.blindIndex(p.idNumber),
      });
      const s = i % sectors.length;
      perSector[s]++;
      const position: (typeof MEMBER_POSITIONS)[number] =
        i === 0 ? 'chair' : i <= 4 ? 'vice_chair' : i === 5 ? 'secretary_general' : i % 6 === 0 ? 'standing' : 'member';
      const units = UNITS[sectors[s].name] ?? UNITS.default;
      const id = randomUUID();
      members.push({
        id,
        orgId: home.id,
        personId,
        sectorId: sectors[s].id,
        party: sectors[s].party ?? MIXED_PARTIES[k % MIXED_PARTIES.length],
        standing: position !== 'member',
        position,
        workUnit: units[k % units.length],
      });
      if (committeeOf[s]) inCommittees.push({ orgId: home.id, memberId: id, committeeId: committeeOf[s].id });
    }
    await b.db.transaction(async (tx) => {
      await tx.insert(person).values(people);
      await tx.insert(member).values(members);
      if (inCommittees.length) await tx.insert(memberCommittee).values(inCommittees);
      await tx.insert(memberTerm).values(members.map((m) => ({ orgId: home.id, memberId: m.id!, termId: term.id })));
    });
  }
  return { sectors: sectors.map((s, i) => ({ id: s.id, name: s.name, members: perSector[i] })), committees, term };
}
