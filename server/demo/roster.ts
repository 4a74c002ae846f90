import ExcelJS from 'exceljs';
import { ROSTER_HEADINGS } from '../modules/member/member.sheet.js';

/**
 * A roster .xlsx as an office would fill it in (the import's test and browser-test fixture):
 * the given headings on the first row, each cell written as text unless it is a number or Date.
 */
export async function rosterXlsx(rows: (string | number | Date | null)[][], headings: readonly string[] = ROSTER_HEADINGS, title?: string): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('委员名单');
  if (title) sheet.addRow([title]);
  sheet.addRow([...headings]);
  for (const r of rows) sheet.addRow(r);
  return Buffer.from(await book.xlsx.writeBuffer());
}
