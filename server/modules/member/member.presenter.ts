import { maskPhone, type FieldCrypto } from '../../core/crypto.js';
import type { MemberView } from './member.schema.js';
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

/** 420525196803120138 → 420525********0138 */
export const maskIdNumber = (id: string) => `${id.slice(0, 6)}********${id.slice(-4)}`;

/** Row → API shape; phone and ID numbers are masked here, for every caller. */
export function presentMember(m: MemberRow, p: PersonRow, rel: MemberRelations, crypto: FieldCrypto): MemberView {
  return {
    id: m.id,
    personId: p.id,
    name: p.name,
    gender: p.gender,
    birthDate: p.birthDate,
    ethnicity: p.ethnicity,
    sector: rel.sector,
    party: m.party,
    committees: rel.committees,
    terms: rel.terms,
    group: rel.group,
    standing: m.standing,
    position: m.position,
    workUnit: m.workUnit,
    phoneMasked: p.phoneEnc ? maskPhone(crypto.decrypt(p.phoneEnc)) : null,
    idNumberMasked: p.idNumberEnc ? maskIdNumber(crypto.decrypt(p.idNumberEnc)) : null,
    status: m.status,
    leftAt: m.leftAt,
    leftReason: m.leftReason,
    otherOrgs: rel.otherOrgs,
  };
}

/** What the audit log keeps of a member: never the whole phone or ID number. */
export const memberSnapshot = (v: MemberView) => ({
  name: v.name,
  sector: v.sector.name,
  party: v.party,
  committees: v.committees.map((c) => c.name),
  standing: v.standing,
  position: v.position,
  workUnit: v.workUnit,
  phone: v.phoneMasked,
  idNumber: v.idNumberMasked,
  status: v.status,
});
