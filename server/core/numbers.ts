/**
 * Phone, ID, bank-card and other long numbers typed into free text (a resident's concern, an answer,
 * a proposal's contact line), found however people write them — 13912345678, 139 1234 5678,
 * 139-1234-5678, 139.1234.5678, +86 139…, (0717)3812345, １３９…, 139－1234－5678 — and replaced.
 *
 * The rule: 7 or more digits (half- or full-width) with at most one separator between two of them (a
 * space or two, or one of - . · / ( ) 。, half- or full-width, with spaces around it), an optional + or
 * ( before and an ID number's closing X. Dates (2024-05-01, 2024.5.1, 2024/05/01, also followed by
 * more numbers), runs of years (2023-2024) and decimals (12345.67) stay readable; amounts written with
 * commas (1,200,000) are no run at all.
 */
const DIGIT = '[0-9０-９]';
const SPACE = '[ \\t\\u00a0\\u3000]';
const SEPARATOR = `(?:${SPACE}*[-－‐‑–—.．·・/／()（）。]${SPACE}*|${SPACE}{1,2})`;
const RUN = new RegExp(`(?:[(（]${SPACE}*)?(?:[+＋]${SPACE}*)?${DIGIT}(?:${SEPARATOR}?${DIGIT})*(?:[Xx](?![A-Za-z]))?`, 'g');

/** Full-width digits as ASCII, one character for one (positions stay the same). */
const ascii = (s: string) => s.replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
const DATE_HEAD = /^(\d{4})\s*[-－.．/／]\s*(\d{1,2})\s*[-－.．/／]\s*(\d{1,2})(?!\d)/;
const isYear = (g: string) => /^(19|20)\d\d$/.test(g);
const DECIMAL = /^[^.．]*\d[.．](\d{1,2})$/;

/** The length of a date the run starts with (2024-05-01), or 0. */
function dateHead(run: string) {
  const m = DATE_HEAD.exec(run);
  if (!m || !isYear(m[1])) return 0;
  const [month, day] = [Number(m[2]), Number(m[3])];
  return month >= 1 && month <= 12 && day >= 1 && day <= 31 ? m[0].length : 0;
}

function replaceRun(run: string, mark: string): string {
  const plain = ascii(run);
  const date = dateHead(plain);
  // a date stays; what follows it is looked at on its own
  if (date) return run.slice(0, date) + hideNumbers(run.slice(date), mark);
  const groups = plain.match(/\d+/g) ?? [];
  const decimal = DECIMAL.exec(plain);
  const count = groups.join('').length - (decimal ? decimal[1].length : 0);
  if (count < 7 || groups.every(isYear)) return run;
  // an opening bracket stays when its number has no closing one: （1234567） keeps both
  const bracket = /^[(（]/.test(run) && !/[)）]/.test(run) ? run[0] : '';
  return bracket + mark;
}

/** The text with every long number replaced by `mark`. */
export const hideNumbers = (text: string, mark: string) => text.replace(RUN, (run) => replaceRun(run, mark));
