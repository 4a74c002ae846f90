/**
 * Mainland resident ID numbers (GB 11643-1999): 18 characters, the last a check digit over the
 * first 17. Returns the reason a number is wrong, in Chinese, or null.
 */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

export function idNumberProblem(id: string): string | null {
  if (!/^\d{17}[\dX]$/.test(id)) return '身份证号应为 18 位（最后一位可为 X）';
  const birth = id.slice(6, 14);
  const d = new Date(`${birth.slice(0, 4)}-${birth.slice(4, 6)}-${birth.slice(6, 8)}T00:00:00Z`);
  if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10).replace(/-/g, '') !== birth) return '身份证号中的出生日期无效';
  const sum = WEIGHTS.reduce((s, w, i) => s + w * Number(id[i]), 0);
  if (CHECK[sum % 11] !== id[17]) return '身份证号校验位不正确';
  return null;
}

/** Birth date (YYYY-MM-DD) and gender as the ID number states them. */
export const fromIdNumber = (id: string) => ({
  birthDate: `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`,
  gender: Number(id[16]) % 2 === 1 ? ('male' as const) : ('female' as const),
});

/** A valid ID number for a birth date and gender (test and demo data). */
export function makeIdNumber(region: string, birthDate: string, gender: 'male' | 'female', seq: number): string {
  const genderDigit = 2 * (seq % 5) + (gender === 'male' ? 1 : 0);
  const body = region + birthDate.replace(/-/g, '') + String(seq % 100).padStart(2, '0') + genderDigit;
  const sum = WEIGHTS.reduce((s, w, i) => s + w * Number(body[i]), 0);
  return body + CHECK[sum % 11];
}
