import ExcelJS from 'exceljs';
import { eq, asc } from 'drizzle-orm';
import { requireAccess } from '../../core/access.js';
import type { Ctx } from '../../core/context.js';
import { exportedText } from '../../core/xlsx.js';
import { committee, sector } from '../sector/sector.table.js';
import { MEMBER_COLUMNS } from './member.export.js';
import { PARTIES } from './member.schema.js';
import { MAX_ROWS, ROSTER_HEADINGS } from './member.sheet.js';

const EXAMPLE = ['张红梅', '女', '1972.05', '土家族', '经济界', '民建', '提案委', '常委', '远安县鸣凤镇红梅农业专业合作社理事长', '13872600011', '420525197205183526'];

/**
 * The import template: the roster's headings, drop-down lists of the org's own sectors, the parties
 * and positions, phone and ID columns formatted as text (so Excel keeps all 18 digits), and a sheet of
 * instructions with an example row.
 */
export async function memberTemplate(ctx: Ctx): Promise<Buffer> {
  const actor = requireAccess(ctx.actor, 'member.manage');
  const [sectors, committees] = await Promise.all([
    ctx.db.select({ name: sector.name }).from(sector).where(eq(sector.orgId, actor.orgId)).orderBy(asc(sector.sort), asc(sector.name)),
    ctx.db.select({ name: committee.shortName }).from(committee).where(eq(committee.orgId, actor.orgId)).orderBy(asc(committee.sort)),
  ]);
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('委员名单', { views: [{ state: 'frozen', ySplit: 1 }] });
  const columns = MEMBER_COLUMNS.filter((c) => (ROSTER_HEADINGS as readonly string[]).includes(c.header));
  sheet.columns = columns.map((c) => ({ header: c.header, width: c.width, style: ['手机号', '身份证号', '出生年月'].includes(c.header) ? { numFmt: '@' } : {} }));
  const head = sheet.getRow(1);
  head.font = { bold: true };
  for (const h of ['姓名', '界别', '党派']) head.getCell(columns.findIndex((c) => c.header === h) + 1).font = { bold: true, color: { argb: 'FFB7261B' } };

  const options = book.addWorksheet('选项', { state: 'hidden' });
  const lists: [string, string[]][] = [['界别', sectors.map((s) => s.name)], ['党派', [...PARTIES]], ['职务', ['主席', '副主席', '秘书长', '常委', '委员']], ['性别', ['男', '女']]];
  lists.forEach(([title, values], i) => {
    options.getColumn(i + 1).values = [title, ...values.map(exportedText)];
    const col = sheet.getColumn(columns.findIndex((c) => c.header === title) + 1).letter;
    const letter = options.getColumn(i + 1).letter;
    (sheet as unknown as { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } }).dataValidations.add(`${col}2:${col}${MAX_ROWS + 1}`, {
      type: 'list',
      allowBlank: title !== '界别' && title !== '党派',
      formulae: [`选项!$${letter}$2:$${letter}$${values.length + 1}`],
      showErrorMessage: true,
      errorTitle: `${title}不在列表中`,
      error: `请从下拉列表中选择${title}`,
    });
  });

  const help = book.addWorksheet('填写说明');
  help.getColumn(1).width = 110;
  [
    '委员名单导入说明',
    '1. 在“委员名单”表中每行填写一名委员；红色列名（姓名、界别、党派）必填，其余可空。',
    `2. 界别须为本组织已有的界别：${sectors.map((s) => s.name).join('、') || '（尚未设置界别，请先在“界别与专委会”中添加）'}。`,
    `3. 专委会填简称或全称，多个用顿号分隔：${committees.map((c) => c.name).join('、') || '（尚未设置专委会）'}。`,
    '4. 职务填 主席、副主席、秘书长、常委 或 委员（空白按委员）。出生年月写成 1972.05；填了身份证号时，性别和出生年月以身份证号为准。',
    '5. 手机号、身份证号两列已设为文本格式，请勿改为数字格式，否则身份证号末几位会丢失。号码加密保存，列表中只显示首尾。',
    '6. 已登记的委员按身份证号（或手机号）识别，再次导入会更新其信息而不会重复新增；表中未填的手机号、身份证号不会清除已登记的号码。',
    '7. 一行有错则整份文件都不导入，系统会逐行列出“第几行、哪一列、错在哪里”，改正后重新导入即可。',
    '8. 导入的委员计入本届；已离任的委员不会因导入而恢复。',
    '',
    '示例（请勿把这一行复制到“委员名单”表）：',
    ROSTER_HEADINGS.join('　|　'),
    EXAMPLE.join('　|　'),
  ].forEach((line, i) => {
    const cell = help.getCell(i + 1, 1);
    cell.value = exportedText(line);
    if (i === 0) cell.font = { bold: true, size: 14 };
  });
  return Buffer.from(await book.xlsx.writeBuffer());
}
