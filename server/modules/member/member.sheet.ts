import ExcelJS from 'exceljs';
import { fileTypeFromBuffer } from 'file-type';
import { AppError } from '../../core/errors.js';
import { fromExportedText } from '../../core/xlsx.js';
import { fromIdNumber } from './idcard.js';
import { GENDER_LABELS, MemberBody, PARTIES, POSITION_LABELS, type MEMBER_POSITIONS } from './member.schema.js';

/**
 * Reading a roster from .xlsx: the headings an office uses, every cell checked on its own, with a
 * Chinese message naming row and column. Pure: no database (the import resolves names against it).
 */
export const ROSTER_HEADINGS = ['姓名', '性别', '出生年月', '民族', '界别', '党派', '专委会', '职务', '工作单位及职务', '手机号', '身份证号'] as const;
export type Heading = (typeof ROSTER_HEADINGS)[number];
const REQUIRED: Heading[] = ['姓名', '界别', '党派'];
export const MAX_ROWS = 10_000;

export interface RowProblem {
  row: number;
  column: Heading | null;
  message: string;
}
/** 第17行 界别“经济届”不存在: the column is named unless the message already starts with it. */
export const problem = (row: number, column: Heading | null, what: string): RowProblem => ({
  row,
  column,
  message: `第${row}行 ${column && !what.startsWith(column) ? column : ''}${what}`,
});

type Position = (typeof MEMBER_POSITIONS)[number];
/** One row as read: `undefined` = the column is not in the file; `null` = the cell is empty; '***' = masked. */
export interface RosterRow {
  row: number;
  name: string;
  gender?: 'male' | 'female' | null;
  /** YYYY-MM-DD (from the ID number) or YYYY-MM (from 出生年月) */
  birth?: string | null;
  ethnicity?: string | null;
  sector: string;
  party: (typeof PARTIES)[number];
  committees?: string[];
  position?: Position;
  workUnit?: string;
  phone?: string | null | 'masked';
  idNumber?: string | null | 'masked';
}

const PARTY_ALIASES: Record<string, (typeof PARTIES)[number]> = {
  中国共产党: '中共', 中共党员: '中共', 共产党员: '中共', 党员: '中共', 中共预备党员: '中共',
  中国国民党革命委员会: '民革', 中国民主同盟: '民盟', 中国民主建国会: '民建', 中国民主促进会: '民进',
  中国农工民主党: '农工党', 农工民主党: '农工党', 中国致公党: '致公党', 台湾民主自治同盟: '台盟',
  无党派人士: '无党派', 无: '群众', 群众: '群众',
};
const POSITIONS: Record<string, Position> = { 主席: 'chair', 副主席: 'vice_chair', 秘书长: 'secretary_general', 常委: 'standing', 常务委员: 'standing', 委员: 'member' };

/**
 * What a cell holds once Excel's wrappers are taken off: a formula's result, a hyperlink's text,
 * rich text joined; `{ error }` for a formula error such as #N/A.
 */
function plain(v: ExcelJS.CellValue): string | number | boolean | Date | { error: string } | null {
  if (v === null || v === undefined) return null;
  if (typeof v !== 'object' || v instanceof Date) return v;
  if ('error' in v) return { error: String(v.error) };
  if ('richText' in v) return v.richText.map((r) => r.text).join('');
  if ('formula' in v || 'sharedFormula' in v) return plain((v as { result?: ExcelJS.CellValue }).result ?? null);
  if ('text' in v) return plain(v.text as ExcelJS.CellValue);
  return null;
}
const formulaError = (cell: ExcelJS.Cell) => {
  const v = plain(cell.value);
  return v && typeof v === 'object' && 'error' in v ? v.error : null;
};

/** The text of a cell as the office sees it (without the apostrophe an export puts before formula-like text); numbers that lost digits in Excel are reported by the caller. */
function cellText(cell: ExcelJS.Cell): string {
  const v = plain(cell.value);
  if (v === null || (typeof v === 'object' && 'error' in v)) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return fromExportedText(String(v)).trim();
}

/** 1972.05, 1972-5, 1972年5月, 197205, a date cell, or the number 1972.1 (Excel's 1972.10) → 1972-05. */
export function parseBirthMonth(cell: ExcelJS.Cell): string | null | 'bad' {
  const v = plain(cell.value);
  if (v === null || v === '') return null;
  let y: number;
  let m: number;
  if (v instanceof Date) [y, m] = [v.getUTCFullYear(), v.getUTCMonth() + 1];
  else if (typeof v === 'number') [y, m] = Number.isInteger(v) && v > 100000 ? [Math.floor(v / 100), v % 100] : [Math.floor(v), Math.round((v - Math.floor(v)) * 100)];
  else {
    const match = /^(\d{4})\s*(?:[.\-/年]\s*(\d{1,2})\s*月?(?:[.\-/]?\s*\d{1,2}\s*日?)?|(\d{2}))$/.exec(cellText(cell));
    if (!match) return 'bad';
    [y, m] = [Number(match[1]), Number(match[2] ?? match[3])];
  }
  if (y < 1900 || y > 2100 || m < 1 || m > 12) return 'bad';
  return `${y}-${String(m).padStart(2, '0')}`;
}

const closest = (word: string, options: string[]) => {
  const distance = (a: string, b: string) => {
    const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array(b.length).fill(0)]);
    for (let j = 1; j <= b.length; j++) d[0][j] = j;
    for (let i = 1; i <= a.length; i++)
      for (let j = 1; j <= b.length; j++) d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    return d[a.length][b.length];
  };
  const best = options.map((o) => ({ o, d: distance(word, o) })).sort((a, b) => a.d - b.d)[0];
  return best && best.d <= Math.max(1, Math.floor(word.length / 3)) ? best.o : null;
};
/** “经济届” among the org's sectors → `“经济届”不存在（是否为“经济界”？）` */
export const notFoundAmong = (value: string, options: string[]) => {
  const guess = closest(value, options);
  return `“${value}”不存在${guess ? `（是否为“${guess}”？）` : ''}`;
};

/** Headings offices write for the same column. */
const HEADING_ALIASES: Record<string, Heading> = {
  性別: '性别', 出生日期: '出生年月', 出生年份: '出生年月', 党派团体: '党派', 政治面貌: '党派', 专门委员会: '专委会', 所在专委会: '专委会',
  工作单位: '工作单位及职务', 工作单位和职务: '工作单位及职务', 单位及职务: '工作单位及职务', 手机: '手机号', 手机号码: '手机号', 移动电话: '手机号',
  身份证: '身份证号', 身份证号码: '身份证号', 公民身份号码: '身份证号',
};

const masked = (s: string) => /\*{2,}/.test(s);
const firstMessage = (r: { success: boolean; error?: { issues: { message: string }[] } }) => r.error?.issues[0]?.message ?? '格式不正确';

/** Opens the upload: only a real .xlsx (checked by content, not by name). */
export async function openWorkbook(data: Buffer): Promise<ExcelJS.Worksheet> {
  const type = await fileTypeFromBuffer(data);
  if (type?.ext === 'cfb') throw new AppError(400, 'BAD_FILE', '这是旧版 Excel（.xls）文件，请在 Excel 或 WPS 中“另存为” .xlsx 后再导入');
  if (type?.ext !== 'xlsx') throw new AppError(400, 'BAD_FILE', '请上传 Excel（.xlsx）文件，可先下载导入模板填写');
  const book = new ExcelJS.Workbook();
  try {
    await book.xlsx.load(data as unknown as ArrayBuffer);
  } catch {
    throw new AppError(400, 'BAD_FILE', 'Excel 文件已损坏或无法读取，请重新保存后再导入');
  }
  const sheet = book.getWorksheet('委员名单') ?? book.worksheets.find((w) => w.state === 'visible');
  if (!sheet) throw new AppError(400, 'BAD_FILE', 'Excel 文件中没有工作表');
  return sheet;
}

/**
 * Reads the rows under the heading row (the first of the top five rows that has 姓名, so a title row
 * above it is fine). Columns the roster does not know are ignored and reported.
 */
export function readRoster(sheet: ExcelJS.Worksheet) {
  let headingRow = 0;
  for (let r = 1; r <= Math.min(5, sheet.rowCount); r++) {
    let found = false;
    sheet.getRow(r).eachCell((cell) => void (found ||= cellText(cell).replace(/[\s*＊]/g, '') === '姓名'));
    if (found) {
      headingRow = r;
      break;
    }
  }
  if (!headingRow) throw new AppError(400, 'BAD_FILE', '没有找到表头：第一行应为 姓名、性别、出生年月、民族、界别、党派 等列名（可下载导入模板）');
  const columns = new Map<Heading, number>();
  const ignored: string[] = [];
  sheet.getRow(headingRow).eachCell((cell, col) => {
    const raw = cellText(cell).replace(/[\s*＊]/g, '');
    const h = (ROSTER_HEADINGS as readonly string[]).includes(raw) ? (raw as Heading) : HEADING_ALIASES[raw];
    if (h && !columns.has(h)) columns.set(h, col);
    else if (raw) ignored.push(raw);
  });
  const missing = REQUIRED.filter((h) => !columns.has(h));
  if (missing.length) throw new AppError(400, 'BAD_FILE', `缺少必填列：${missing.join('、')}（可下载导入模板对照）`);

  const rows: RosterRow[] = [];
  const problems: RowProblem[] = [];
  let read = 0;
  for (let r = headingRow + 1; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const text = (h: Heading) => (columns.has(h) ? cellText(row.getCell(columns.get(h)!)) : undefined);
    if ([...columns.values()].every((c) => cellText(row.getCell(c)) === '' && !formulaError(row.getCell(c)))) continue;
    if (++read > MAX_ROWS) throw new AppError(400, 'TOO_MANY_ROWS', `一次最多导入 ${MAX_ROWS} 行，请分批导入`);
    const before = problems.length;
    const bad = (h: Heading | null, what: string) => void problems.push(problem(r, h, what));
    for (const [h, c] of columns) {
      const err = formulaError(row.getCell(c));
      if (err) bad(h, `是公式错误（${err}），请改为实际内容`);
    }

    const name = MemberBody.shape.name.safeParse(text('姓名'));
    if (!name.success) bad('姓名', text('姓名') ? firstMessage(name) : '不能为空');

    let idNumber: RosterRow['idNumber'];
    const idText = text('身份证号');
    if (idText !== undefined) {
      if (!idText) idNumber = null;
      else if (masked(idText)) idNumber = 'masked';
      else if (/E\+?\d+$/i.test(idText) || (typeof row.getCell(columns.get('身份证号')!).value === 'number' && idText.length >= 16))
        bad('身份证号', '被 Excel 存成了数字，末几位已丢失；请把该列设为“文本”格式后重新填写');
      else {
        const id = MemberBody.shape.idNumber.unwrap().unwrap().safeParse(idText);
        if (id.success) idNumber = id.data;
        else bad('身份证号', firstMessage(id));
      }
    }
    const fromId = typeof idNumber === 'string' && idNumber !== 'masked' ? fromIdNumber(idNumber) : null;

    let gender: RosterRow['gender'];
    const g = text('性别');
    if (g !== undefined) {
      gender = g ? ((Object.entries(GENDER_LABELS).find(([, l]) => l === g.replace('性', ''))?.[0] as 'male' | 'female' | undefined) ?? undefined) : null;
      if (gender === undefined) bad('性别', `只能填“男”或“女”`);
      else if (fromId && gender && gender !== fromId.gender) bad('性别', '与身份证号不符');
    }

    let birth: RosterRow['birth'];
    if (columns.has('出生年月')) {
      const b = parseBirthMonth(row.getCell(columns.get('出生年月')!));
      if (b === 'bad') bad('出生年月', `“${text('出生年月')}”应写成 1972.05 这样的年月`);
      else if (fromId && b && fromId.birthDate.slice(0, 7) !== b) bad('出生年月', '与身份证号不符');
      else birth = b;
    }
    if (fromId) [birth, gender] = [fromId.birthDate, fromId.gender];

    let ethnicity: RosterRow['ethnicity'];
    const e = text('民族');
    if (e !== undefined) {
      const parsed = e ? MemberBody.shape.ethnicity.safeParse(e.endsWith('族') ? e : `${e}族`) : null;
      if (parsed && !parsed.success) bad('民族', firstMessage(parsed));
      else ethnicity = parsed?.data ?? null;
    }

    const sector = text('界别')!;
    if (!sector) bad('界别', '不能为空');

    const partyText = text('党派')!;
    const party = (PARTIES as readonly string[]).includes(partyText) ? (partyText as RosterRow['party']) : PARTY_ALIASES[partyText];
    if (!party) bad('党派', partyText ? `“${partyText}”不是党派名称（应为 中共、民革、民盟、民建、民进、农工党、致公党、九三学社、台盟、无党派 或 群众）` : '不能为空');

    const c = text('专委会');
    const committees = c === undefined ? undefined : c.split(/[、，,；;／/\s]+/).filter(Boolean);

    let position: Position | undefined;
    const p = text('职务');
    if (p !== undefined) {
      position = p ? POSITIONS[p] : 'member';
      if (!position) bad('职务', `“${p}”应为 ${Object.values(POSITION_LABELS).join('、')} 之一`);
    }

    const w = text('工作单位及职务');
    const workUnit = w === undefined ? undefined : MemberBody.shape.workUnit.safeParse(w);
    if (workUnit && !workUnit.success) bad('工作单位及职务', firstMessage(workUnit));

    let phone: RosterRow['phone'];
    const ph = text('手机号');
    if (ph !== undefined) {
      if (!ph) phone = null;
      else if (masked(ph)) phone = 'masked';
      else {
        const parsed = MemberBody.shape.phone.unwrap().unwrap().safeParse(ph);
        if (parsed.success) phone = parsed.data;
        else bad('手机号', firstMessage(parsed));
      }
    }

    if (problems.length > before) continue;
    rows.push({ row: r, name: name.data!, gender, birth, ethnicity, sector, party, committees, position, workUnit: workUnit?.data, phone, idNumber });
  }
  return { rows, problems, columns: [...columns.keys()], ignored };
}
