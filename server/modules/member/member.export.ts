import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { requireAccess } from '../../core/access.js';
import type { Ctx } from '../../core/context.js';
import { writeAudit } from '../audit/audit.service.js';
import { GENDER_LABELS, POSITION_LABELS, type MemberListQuery, type MemberView } from './member.schema.js';
import { listMembers } from './member.service.js';

/** The headings an office uses for its roster (also those of the import template). */
export const MEMBER_COLUMNS: { header: string; width: number; value: (m: MemberView) => string }[] = [
  { header: '姓名', width: 10, value: (m) => m.name },
  { header: '性别', width: 6, value: (m) => GENDER_LABELS[m.gender] },
  { header: '出生年月', width: 12, value: (m) => m.birthDate?.slice(0, 7).replace('-', '.') ?? '' },
  { header: '民族', width: 8, value: (m) => m.ethnicity },
  { header: '界别', width: 14, value: (m) => m.sector.name },
  { header: '党派', width: 10, value: (m) => m.party },
  { header: '专委会', width: 16, value: (m) => m.committees.map((c) => c.name).join('、') },
  { header: '职务', width: 8, value: (m) => (m.position === 'member' && m.standing ? '常委' : POSITION_LABELS[m.position]) },
  { header: '工作单位及职务', width: 36, value: (m) => m.workUnit },
  { header: '手机号', width: 14, value: (m) => m.phoneMasked ?? '' },
  { header: '身份证号', width: 20, value: (m) => m.idNumberMasked ?? '' },
];

/**
 * The members list with its current filters as .xlsx, written a page at a time to a stream (memory
 * stays flat however large the roster). Contact details stay masked; the export is audited.
 */
export async function exportMembers(ctx: Ctx, q: Omit<MemberListQuery, 'page' | 'pageSize'>) {
  const actor = requireAccess(ctx.actor, 'member.read');
  const first = await listMembers(ctx, { ...q, page: 1, pageSize: 200 });
  await writeAudit(ctx, { action: 'member.export', summary: `导出委员名单 ${first.total} 人`, orgId: actor.orgId });
  const out = new PassThrough();
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true });
  const sheet = book.addWorksheet('委员名单');
  sheet.columns = MEMBER_COLUMNS.map((c) => ({ header: c.header, width: c.width }));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  (async () => {
    let page = first;
    for (let n = 1; ; n++) {
      for (const m of page.items) sheet.addRow(MEMBER_COLUMNS.map((c) => c.value(m))).commit();
      if (n * 200 >= page.total) break;
      page = await listMembers(ctx, { ...q, page: n + 1, pageSize: 200 });
    }
    sheet.commit();
    await book.commit();
  })().catch((err) => out.destroy(err));
  return out;
}
