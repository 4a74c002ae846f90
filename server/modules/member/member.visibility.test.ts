import { describe, expect, it } from 'vitest';
import { PERMISSIONS } from '../../core/access.js';
import { MemberBrief, MemberView } from './member.schema.js';
import { AUDIENCES, audienceOf, formOf, MEMBER_VISIBILITY, type Audience, type MemberField } from './member.visibility.js';

/** The ID digits (of 18) a birth date in each form gives away: the day is never shown. */
const BIRTH_DIGITS = { month: 6, year: 4, hidden: 0 } as const;

describe('the visibility table', () => {
  it('leaves at least 5 digits of an ID number unknown for every audience, and shows no audience a whole phone', () => {
    for (const a of AUDIENCES) {
      // region (6) is guessable, the check digit follows from the rest; the ID number itself shows no digit ('onFile' or hidden)
      expect(['onFile', 'hidden']).toContain(formOf('idNumber', a));
      expect(17 - 6 - BIRTH_DIGITS[formOf('birthDate', a)]).toBeGreaterThanOrEqual(5);
      expect(['masked', 'hidden']).toContain(formOf('phone', a));
    }
  });

  it('gives colleagues neither phone nor ID number nor the month of birth', () => {
    expect([formOf('phone', 'colleague'), formOf('idNumber', 'colleague'), formOf('birthDate', 'colleague')]).toEqual(['hidden', 'hidden', 'year']);
  });

  it('is what the views carry: a field every reader of members sees is required, one some do not see is optional', () => {
    const readers = (PERMISSIONS['member.read'] as readonly string[]).map((r) => audienceOf({ accountId: 'x', roles: [r as 'member'] }));
    readers.push('self');
    const fieldOf: Partial<Record<keyof typeof MemberView.shape, MemberField>> = {
      name: 'name', gender: 'gender', birthYear: 'birthDate', birthMonth: 'birthDate', ethnicity: 'ethnicity', sector: 'sector', party: 'party',
      committees: 'committees', terms: 'terms', group: 'group', standing: 'position', position: 'position', workUnit: 'workUnit',
      phoneMasked: 'phone', idNumberOnFile: 'idNumber', leftReason: 'leftReason', otherOrgs: 'otherOrgs',
    };
    for (const [key, field] of Object.entries(fieldOf)) {
      const allSee = readers.every((a: Audience) => MEMBER_VISIBILITY[field][a] !== 'hidden' && (key !== 'birthMonth' || MEMBER_VISIBILITY[field][a] === 'month'));
      expect({ key, optional: MemberView.shape[key as keyof typeof MemberView.shape].safeParse(undefined).success }).toEqual({ key, optional: !allSee });
    }
    // a brief (groups, liaison, party organisations) carries only what every reader sees whole
    for (const key of Object.keys(MemberBrief.shape).filter((k) => k !== 'id'))
      for (const a of readers) expect({ key, a, form: MEMBER_VISIBILITY[(key === 'sector' ? 'sector' : key === 'standing' ? 'position' : key) as MemberField][a] }).toEqual({ key, a, form: 'whole' });
  });

  it('sees a person as themself first, then by their highest role', () => {
    expect(audienceOf({ accountId: 'a', roles: ['member'] }, 'a')).toBe('self');
    expect(audienceOf({ accountId: 'a', roles: ['member', 'staff'] }, 'b')).toBe('staff');
    expect(audienceOf({ accountId: 'a', roles: ['leader', 'member'] }, 'b')).toBe('leader');
    expect(audienceOf({ accountId: 'a', roles: ['member'] }, 'b')).toBe('colleague');
    expect(audienceOf({ accountId: 'a', roles: ['unit'] })).toBe('unit');
  });
});
