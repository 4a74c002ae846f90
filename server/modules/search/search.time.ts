/**
 * Week marks in the index, so that "the newest matches" of a common word are found inside the GIN index.
 *
 * Every row's tsvector carries one extra lexeme, its week (~w2917: weeks since 1970, Monday to Sunday,
 * China time), which no query word can produce (query words are letters and digits only). A search
 * asks for its words AND the weeks of a window — the index intersects the two before any row is read —
 * this week first, then the two before, then the six before those; then, if it still has too few,
 * everything older in one last window, by the words alone. So a word in 5% of a million rows reads a
 * few hundred rows, not 50,000; a rare word reads just its matches.
 *
 * Why not more, longer windows: the index walks every row of a window's weeks when they are rarer than
 * the words (a 32-week window of a million rows over three years is 200,000 entries, ~30 ms), so long
 * windows cost a rare word more than they save a middling one. Measured on the benchmark's million
 * rows: windows of 1, 2 and 6 weeks gave the lowest p95 of 1/1/2/4, 1/1/2/4/8/16, 2/8, 1/3/12.
 */

const DAY = 86_400_000;
const CHINA = 8 * 3600_000;
/** 1970-01-01 was a Thursday: shift so weeks start on Monday */
const MONDAY = 3 * DAY;

const weekOf = (d: Date) => Math.floor((d.getTime() + CHINA + MONDAY) / (7 * DAY));
/** the first instant of a week, China time */
const weekStart = (w: number) => new Date(w * 7 * DAY - MONDAY - CHINA);
const token = (w: number) => `~w${w}`;

/** The week lexeme a row carries. */
export const weekToken = (d: Date) => token(weekOf(d));

export interface TimeWindow {
  /** the window's weeks as a tsquery (`'~w2917' | '~w2916'`); null: the last window, everything before `before` */
  weeks: string | null;
  /** for the last window: created_at < before */
  before: Date | null;
}

/** This week, the 2 before, the 6 before those; then all that is older. */
const SPANS = [1, 2, 6];

/** The windows, newest first, that together cover everything before `until` (and from `from`, if given). */
export function timeWindows(until: Date, from?: Date): TimeWindow[] {
  const out: TimeWindow[] = [];
  const oldest = from ? weekOf(from) : -Infinity;
  let week = weekOf(new Date(until.getTime() - 1));
  for (const span of SPANS) {
    const weeks: string[] = [];
    for (let w = week; w > week - span && w >= oldest; w--) weeks.push(`'${token(w)}'`);
    if (!weeks.length) return out;
    out.push({ weeks: weeks.join(' | '), before: null });
    week -= span;
  }
  if (week >= oldest) out.push({ weeks: null, before: weekStart(week + 1) });
  return out;
}
