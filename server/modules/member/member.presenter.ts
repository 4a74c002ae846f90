import { maskPhone, type FieldCrypto } from '../../core/crypto.js';
import type { MemberView } from './member.schema.js';
import { formOf, ID_ON_FILE, sees, type MemberReader } from './member.visibility.js';
import type { member, person } from './member.table.js';

export type MemberRow = typeof member.$inferSelect;
export type PersonRow = typeof person.$inferSelect;
export interface MemberRelations {
  sector: { id: string; name: string };
  committees: { id: string; name: string }[];
  terms: { id: string; name: string }[];
  group: { id: string; name: string } | null;
  otherOrgs: string[];
}

/**
 * Row → the API shape for one audience of members (member.visibility.ts decides every field; the fields
 * every reader sees whole are always there, member.visibility.test.ts holds the two equal): what the
 * audience may not see is left out, the birth date is a month or a year, the phone is masked, the ID
 * number is only "on file or not".
 */
export function presentMember(m: MemberRow, p: PersonRow, rel: MemberRelations, crypto: FieldCrypto, audience: MemberReader): MemberView {
  return {
    id: m.id,
    personId: p.id,
    name: p.name,
    gender: p.gender,
    birthYear: p.birthDate ? Number(p.birthDate.slice(0, 4)) : null,
    ...(formOf('birthDate', audience) === 'month' && { birthMonth: p.birthDate?.slice(0, 7) ?? null }),
    ethnicity: p.ethnicity,
    sector: rel.sector,
    party: m.party,
    committees: rel.committees,
    terms: rel.terms,
    group: rel.group,
    standing: m.standing,
    position: m.position,
    workUnit: m.workUnit,
    ...(sees('phone', audience) && { phoneMasked: p.phoneEnc ? maskPhone(crypto.decrypt(p.phoneEnc)) : null }),
    ...(sees('idNumber', audience) && { idNumberOnFile: !!p.idNumberEnc }),
    status: m.status,
    leftAt: m.leftAt,
    ...(sees('leftReason', audience) && { leftReason: m.leftReason }),
    otherOrgs: rel.otherOrgs,
  };
}

/** What the audit log keeps of a member (from the staff's view): never the whole phone, no digit of the ID number. */
export const memberSnapshot = (v: MemberView) => ({
  name: v.name,
  sector: v.sector.name,
  party: v.party,
  committees: v.committees.map((c) => c.name),
  standing: v.standing,
  position: v.position,
  workUnit: v.workUnit,
  phone: v.phoneMasked,
  idNumber: v.idNumberOnFile ? ID_ON_FILE : null,
  status: v.status,
});
