/**
 * What a response gives away of a phone or ID number, counted the way an attacker would: the masked
 * forms it carries (digits at their places), birth dates (a resident ID's digits 7–14), and the rules of
 * the number itself (digits 1–6 are the org's region code, digit 18 the check digit of the first 17).
 * Used by the personal-data walk over every GET of the API.
 */

/** One string or number of a response, with the name of the field (or column) it came from. */
export interface Leaf {
  key: string;
  value: string;
}

/** A person's secret as the test knows it (decrypted from the database). */
export interface Secret {
  kind: 'phone' | 'id';
  /** digits (an ID number may end in X) */
  value: string;
  /** for ID numbers: the birth date on file */
  birthDate?: string | null;
  label: string;
}

/** Every scalar of a JSON value, with its key. */
export function leavesOf(v: unknown, key = '', out: Leaf[] = []): Leaf[] {
  if (typeof v === 'string') out.push({ key, value: v });
  else if (typeof v === 'number') out.push({ key, value: String(v) });
  else if (Array.isArray(v)) for (const x of v) leavesOf(x, key, out);
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) leavesOf(x, k, out);
  return out;
}

/** What one response shows, read once: its digit runs, masked numbers and dates. */
export interface Shown {
  /** every stretch of 7–12 and of 18 digits in a run of digits (separators between digits removed) */
  windows: Set<string>;
  /** masked numbers: the digits before and after the stars */
  masks: { head: string; tail: string }[];
  /** whole dates (YYYY-MM-DD), months (YYYY-MM) and birth years written anywhere */
  dates: Set<string>;
  months: Set<string>;
  birthYears: Set<string>;
}

const pad = (n: string) => n.padStart(2, '0');

export function shownIn(leaves: Leaf[]): Shown {
  const s: Shown = { windows: new Set(), masks: [], dates: new Set(), months: new Set(), birthYears: new Set() };
  for (const l of leaves) {
    // 139 1234 5678, 139-1234-5678, 0717-3812345 are one number; so is 420525********0623
    const v = l.value.toUpperCase().replace(/(?<=[0-9*＊])[\s\-.()（）/](?=[0-9*＊X])/g, '');
    for (const m of v.matchAll(/([0-9]*)[*＊]+([0-9X]*)/g)) if (m[1] || m[2]) s.masks.push({ head: m[1], tail: m[2] });
    for (const r of v.match(/[0-9]+X?/g) ?? []) {
      for (const n of [7, 8, 9, 10, 11, 12, 18]) for (let i = 0; i + n <= r.length; i++) s.windows.add(r.slice(i, i + n));
      for (let i = 0; i + 8 <= r.length; i++) s.dates.add(`${r.slice(i, i + 4)}-${r.slice(i + 4, i + 6)}-${r.slice(i + 6, i + 8)}`);
    }
    for (const m of l.value.matchAll(/(\d{4})[-.年/](\d{1,2})(?:[-.月/](\d{1,2}))?/g)) {
      s.months.add(`${m[1]}-${pad(m[2])}`);
      if (m[3]) s.dates.add(`${m[1]}-${pad(m[2])}-${pad(m[3])}`);
    }
    if (/birth|出生/i.test(l.key)) for (const y of l.value.match(/^\d{4}/) ?? []) s.birthYears.add(y);
  }
  return s;
}

/** Whether the whole number is shown (written with or without separators). */
export const wholeIn = (shown: Shown, s: Secret) => shown.windows.has(s.value);

/**
 * How many digits of the number stay unknown after everything the response shows. A phone: its length
 * less the digits shown. An ID number: digits 1–6 are taken as known (the org's region code), a birth
 * date gives 7–14 (its month 7–12, its year 7–10), a shown 18th digit settles one more unknown (it is the
 * check digit of the first 17), an unshown one is no secret once the rest is known. (The 17th digit's
 * parity is the gender; it halves that digit but does not settle it, so it is not counted.)
 */
export function unknownDigits(shown: Shown, s: Secret): number {
  if (wholeIn(shown, s)) return 0;
  const known = new Set<number>();
  const n = s.value.length;
  for (const { head, tail } of shown.masks) {
    if (head.length + tail.length > n || !s.value.startsWith(head) || !s.value.endsWith(tail)) continue;
    for (let i = 0; i < head.length; i++) known.add(i);
    for (let i = 0; i < tail.length; i++) known.add(n - 1 - i);
  }
  if (s.kind === 'phone') return n - known.size;
  for (let i = 0; i < 6; i++) known.add(i);
  const b = s.birthDate;
  const birth = !b ? 0 : shown.dates.has(b) ? 8 : shown.months.has(b.slice(0, 7)) ? 6 : shown.birthYears.has(b.slice(0, 4)) ? 4 : 0;
  for (let i = 0; i < birth; i++) known.add(6 + i);
  const unknown = Array.from({ length: 17 }, (_, i) => i).filter((i) => !known.has(i)).length;
  return known.has(17) && unknown > 0 ? unknown - 1 : unknown;
}

/** The margin required: at least 4 unknown digits of a phone, 3 of an ID number. */
export const MARGIN = { phone: 4, id: 3 } as const;
