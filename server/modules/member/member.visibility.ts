import type { OrgActor } from '../../core/access.js';
import { forbidden } from '../../core/errors.js';

/**
 * Who sees which of a member's personal fields, and in what form: the one table every presenter of
 * person data follows (member views, the roster export, proposal signers, briefs in other domains).
 *
 * A resident ID number is region (digits 1–6, for a county committee usually its own code) + birth
 * date (7–14) + sequence (15–17, the 17th odd for men) + check digit (18, computed from the rest). So
 * the forms are chosen together: a whole birth date is shown to nobody (the day is the ID's), the
 * ID number's digits to nobody (only whether one is on file), and what any audience sees in one
 * response leaves at least 5 of its digits unknown. Phones are 3+4 masked wherever shown. Whole
 * numbers come only from audited reveals (`GET /api/members/:id/contact` for `member.contact`,
 * `GET /api/proposals/:id/contacts` for the proposal's units and staff).
 */
export const AUDIENCES = ['self', 'colleague', 'unit', 'leader', 'staff'] as const;
export type Audience = (typeof AUDIENCES)[number];
/** Those who read members' records (member.read, and the member themself); units meet members only on proposals. */
export type MemberReader = Exclude<Audience, 'unit'>;
/** The forms a field may take: `whole`; `month` / `year` of a birth date; a phone `masked` 3+4; an ID number `onFile` (已登记 or not); `hidden` (absent from the response). */
interface Forms {
  name: 'whole';
  gender: 'whole' | 'hidden';
  birthDate: 'month' | 'year' | 'hidden';
  ethnicity: 'whole' | 'hidden';
  sector: 'whole';
  party: 'whole' | 'hidden';
  /** position and the standing flag */
  position: 'whole' | 'hidden';
  committees: 'whole' | 'hidden';
  terms: 'whole' | 'hidden';
  group: 'whole' | 'hidden';
  workUnit: 'whole';
  otherOrgs: 'whole' | 'hidden';
  leftReason: 'whole' | 'hidden';
  phone: 'masked' | 'hidden';
  idNumber: 'onFile' | 'hidden';
}
export type MemberField = keyof Forms;

export const MEMBER_VISIBILITY = {
  //           self        colleague    unit        leader      staff (admin, staff; whole numbers only by the audited reveal)
  name:       { self: 'whole', colleague: 'whole', unit: 'whole', leader: 'whole', staff: 'whole' },
  gender:     { self: 'whole', colleague: 'whole', unit: 'hidden', leader: 'whole', staff: 'whole' },
  birthDate:  { self: 'month', colleague: 'year', unit: 'hidden', leader: 'month', staff: 'month' },
  ethnicity:  { self: 'whole', colleague: 'whole', unit: 'hidden', leader: 'whole', staff: 'whole' },
  sector:     { self: 'whole', colleague: 'whole', unit: 'whole', leader: 'whole', staff: 'whole' },
  party:      { self: 'whole', colleague: 'whole', unit: 'hidden', leader: 'whole', staff: 'whole' },
  position:   { self: 'whole', colleague: 'whole', unit: 'hidden', leader: 'whole', staff: 'whole' },
  committees: { self: 'whole', colleague: 'whole', unit: 'hidden', leader: 'whole', staff: 'whole' },
  terms:      { self: 'whole', colleague: 'whole', unit: 'hidden', leader: 'whole', staff: 'whole' },
  group:      { self: 'whole', colleague: 'whole', unit: 'hidden', leader: 'whole', staff: 'whole' },
  workUnit:   { self: 'whole', colleague: 'whole', unit: 'whole', leader: 'whole', staff: 'whole' },
  otherOrgs:  { self: 'whole', colleague: 'whole', unit: 'hidden', leader: 'whole', staff: 'whole' },
  leftReason: { self: 'whole', colleague: 'hidden', unit: 'hidden', leader: 'whole', staff: 'whole' },
  phone:      { self: 'masked', colleague: 'hidden', unit: 'masked', leader: 'masked', staff: 'masked' },
  idNumber:   { self: 'onFile', colleague: 'hidden', unit: 'hidden', leader: 'hidden', staff: 'onFile' },
} as const satisfies { [F in MemberField]: Record<Audience, Forms[F]> };

export const formOf = <F extends MemberField>(field: F, audience: Audience): Forms[F] => (MEMBER_VISIBILITY[field] as Record<Audience, Forms[F]>)[audience];
export const sees = (field: MemberField, audience: Audience) => formOf(field, audience) !== 'hidden';

/**
 * The audience an actor is for one person: the person themself (their own account), else by role —
 * admin or staff, leader, member (a colleague), unit.
 */
export function audienceOf(actor: Pick<OrgActor, 'accountId' | 'roles'>, subjectAccountId?: string | null): Audience {
  if (subjectAccountId && subjectAccountId === actor.accountId) return 'self';
  if (actor.roles.includes('admin') || actor.roles.includes('staff')) return 'staff';
  if (actor.roles.includes('leader')) return 'leader';
  if (actor.roles.includes('member')) return 'colleague';
  return 'unit';
}

/** The audience of an actor who passed `member.read`: never a unit (units meet members only on proposals). */
export function readerOf(actor: Pick<OrgActor, 'accountId' | 'roles'>, subjectAccountId?: string | null): MemberReader {
  const a = audienceOf(actor, subjectAccountId);
  if (a === 'unit') throw forbidden();
  return a;
}

/** The ID number's one visible form: that it is registered. */
export const ID_ON_FILE = '已登记';
