import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { requireAccess } from '../../core/access.js';
import type { Ctx } from '../../core/context.js';
import { addRow } from '../../core/xlsx.js';
import { writeAudit } from '../audit/audit.service.js';
import { GENDER_LABELS, POSITION_LABELS, type MemberExportQuery, type MemberView } from './member.schema.js';
import { memberIdsInOrder, memberRowsByIds } from './member.list.js';
import { presentMember } from './member.presenter.js';

type Row = MemberView & { phone?: string | null; idNumber?: string | null };
/** The headings an office uses for its roster (the import template's, then the group). */
export const MEMBER_COLUMNS: { header: string; width: number; value: (m: Row) => string }[] = [
  { header: '姓名', width: 10, value: (m) => m.name },
  { header: '性别', width: 6, value: (m) => GENDER_LABELS[m.gender] },
  { header: '出生年月', width: 12, value: (m) => m.birthDate?.slice(0, 7).replace('-', '.') ?? '' },
  { header: '民族', width: 8, value: (m) => m.ethnicity },
  { header: '界别', width: 14, value: (m) => m.sector.name },
  { header: '党派', width: 10, value: (m) => m.party },
  { header: '专委会', width: 16, value: (m) => m.committees.map((c) => c.name).join('、') },
  { header: '职务', width: 8, value: (m) => (m.position === 'member' && m.standing ? '常委' : POSITION_LABELS[m.position]) },
  { header: '工作单位及职务', width: 36, value: (m) => m.workUnit },
  { header: '手机号', width: 14, value: (m) => (m.phone !== undefined ? (m.phone ?? '') : (m.phoneMasked ?? '')) },
  { header: '身份证号', width: 20, value: (m) => (m.idNumber !== undefined ? (m.idNumber ?? '') : (m.idNumberMasked ?? '')) },
  { header: '活动小组', width: 14, value: (m) => m.group?.name ?? '' },
];
const PAGE = 500;

/**
 * The members list with its current filters as .xlsx: the ids in roster order first, then their rows
 * 500 at a time, written to a stream (memory stays flat however large the roster). Contact details are masked, or — for those allowed to see
 * them, asking for it — whole, so the file can be edited and imported again; either way audited.
 */
export async function exportMembers(ctx: Ctx, q: MemberExportQuery) {
  const actor = requireAccess(ctx.actor, q.contacts === 'full' ? 'member.contact' : 'member.read');
  const { contacts, ...filters } = q;
  const ids = await memberIdsInOrder(ctx.db, actor.orgId, filters);
  await writeAudit(ctx, {
    action: 'member.export',
    summary: `导出委员名单 ${ids.length} 人${contacts === 'full' ? '（含完整手机号和身份证号）' : ''}`,
    orgId: actor.orgId,
    after: { filters, contacts },
  });
  const out = new PassThrough();
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true });
  const sheet = book.addWorksheet('委员名单', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = MEMBER_COLUMNS.map((c) => ({ header: c.header, width: c.width, style: ['手机号', '身份证号'].includes(c.header) ? { numFmt: '@' } : {} }));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  const toRow = (r: Awaited<ReturnType<typeof memberRowsByIds>>[number]): Row => {
    const view = presentMember(r.m, r.p, r.rel, ctx.crypto);
    if (contacts !== 'full') return view;
    return { ...view, phone: r.p.phoneEnc ? ctx.crypto.decrypt(r.p.phoneEnc) : null, idNumber: r.p.idNumberEnc ? ctx.crypto.decrypt(r.p.idNumberEnc) : null };
  };
  (async () => {
    for (let i = 0; i < ids.length; i += PAGE)
      for (const r of await memberRowsByIds(ctx.db, ids.slice(i, i + PAGE))) {
        const row = toRow(r);
        addRow(sheet, MEMBER_COLUMNS.map((c) => c.value(row))).commit();
      }
    sheet.commit();
    await book.commit();
  })().catch((err) => out.destroy(err));
  return out;
}
