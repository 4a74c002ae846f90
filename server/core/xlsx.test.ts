import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { addRow, exportedText, fromExportedText } from './xlsx.js';

describe('exported cells never become formulas when edited', () => {
  it('puts an apostrophe before text that starts like a formula, and only there', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('s');
    const date = new Date('2026-03-05T00:00:00Z');
    addRow(sheet, ['=HYPERLINK("http://evil.example","点我")', '+8613800000000', '-2+3', '@SUM(A1:A9)', '\t=1+1', '\r=1+1', '张红梅', "'已有撇号", -3, 0.5, date, true, null]);
    const back = new ExcelJS.Workbook();
    await back.xlsx.load((await book.xlsx.writeBuffer()) as ArrayBuffer);
    const values = (back.getWorksheet('s')!.getRow(1).values as ExcelJS.CellValue[]).slice(1);
    expect(values).toEqual([
      `'=HYPERLINK("http://evil.example","点我")`,
      "'+8613800000000",
      "'-2+3",
      "'@SUM(A1:A9)",
      "'\t=1+1",
      "'\n=1+1", // XML reads a carriage return back as a line feed
      '张红梅',
      "'已有撇号",
      -3,
      0.5,
      date,
      true,
    ]);
    const keyed = book.addWorksheet('k');
    keyed.columns = [{ key: 'a' }, { key: 'b' }];
    expect(addRow(keyed, { a: '=1', b: -2 }).values).toEqual([undefined, "'=1", -2]);
  });

  it('takes the apostrophe off on the way back in, and nothing else', () => {
    for (const s of ['=HYPERLINK("x")', '+86 138', '-1', '@SUM', '张红梅', "'已有撇号", ''].map((v) => String(exportedText(v)))) expect(fromExportedText(s)).not.toMatch(/^'[=+\-@]/);
    expect(fromExportedText("'=A1")).toBe('=A1');
    expect(fromExportedText("'已有撇号")).toBe("'已有撇号");
  });

  it('is the one way the exports write rows', () => {
    const files = (dir: string): string[] =>
      fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [path.join(dir, e.name)] : []));
    const writers = files('server/modules').filter((f) => fs.readFileSync(f, 'utf8').includes("from 'exceljs'"));
    expect(writers.length).toBeGreaterThanOrEqual(5);
    const bypass = writers.filter((f) => /\.addRows?\(/.test(fs.readFileSync(f, 'utf8').replace(/addRow\(sheet,/g, '')));
    expect(bypass).toEqual([]);
  });
});
