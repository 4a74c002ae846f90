import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { requireAccess } from '../../core/access.js';
import type { Ctx } from '../../core/context.js';
import { addRow } from '../../core/xlsx.js';
import { writeAudit } from '../audit/audit.service.js';
import { GENDER_LABELS, POSITION_LABELS, type MemberExportQuery, type MemberView } from './member.schema.js';
import { memberIdsInOrder, memberRowsByIds } from './member.list.js';
import { presentMember } from './member.presenter.js';
import { readerOf, ID_ON_FILE, sees, type MemberField } from './member.visibility.js';

type Row = MemberView & { phone?: string | null; idNumber?: string | null };
/** The headings an office uses for its roster (the import template's, then the group); `field`: shown only to audiences that see it (member.visibility.ts). */
export const MEMBER_COLUMNS: { header: string; width: number; field?: MemberField; value: (m: Row) => string }[] = [
  { header: '姓名', width: 10, value: (m) => m.name },
  { header: '性别', width: 6, field: 'gender', value: (m) => (m.gender ? GENDER_LABELS[m.gender] : '') },
  { header: '出生年月', width: 12, field: 'birthDate', value: (m) => m.birthMonth?.replace('-', '.') ?? (m.birthYear ? String(m.birthYear) : '') },
  { header: '民族', width: 8, field: 'ethnicity', value: (m) => m.ethnicity ?? '' },
  { header: '界别', width: 14, value: (m) => m.sector.name },
  { header: '党派', width: 10, value: (m) => m.party },
  { header: '专委会', width: 16, value: (m) => m.committees.map((c) => c.name).join('、') },
  { header: '职务', width: 8, value: (m) => (m.position === 'member' && m.standing ? '常委' : POSITION_LABELS[m.position]) },
  { header: '工作单位及职务', width: 36, value: (m) => m.workUnit },
  { header: '手机号', width: 14, field: 'phone', value: (m) => (m.phone !== undefined ? (m.phone ?? '') : (m.phoneMasked ?? '')) },
  { header: '身份证号', width: 20, field: 'idNumber', value: (m) => (m.idNumber !== undefined ? (m.idNumber ?? '') : m.idNumberOnFile ? ID_ON_FILE : '') },
  { header: '活动小组', width: 14, value: (m) => m.group?.name ?? '' },
];
const PAGE = 500;

/**
 * The members list with its current filters as .xlsx: the ids in roster order first, then their rows
 * 500 at a time, written to a stream (memory stays flat however large the roster). Each column as the actor's audience sees it
 * (members: no phone or ID number, the birth year only); or — for those allowed the reveal, asking for it — whole phone and ID numbers,
 * so the file can be edited and imported again; either way audited.
 */
export async function exportMembers(ctx: Ctx, q: MemberExportQuery) {
  const actor = requireAccess(ctx.actor, q.contacts === 'full' ? 'member.contact' : 'member.read');
  const { contacts, ...filters } = q;
  // one audience for the whole sheet (the actor's role), so its columns are the same on every row
  const audience = readerOf(actor);
  const columns = MEMBER_COLUMNS.filter((c) => !c.field || sees(c.field, audience));
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
  sheet.columns = columns.map((c) => ({ header: c.header, width: c.width, style: ['手机号', '身份证号'].includes(c.header) ? { numFmt: '@' } : {} }));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  const toRow = (r: Awaited<ReturnType<typeof memberRowsByIds>>[number]): Row => {
    const view = presentMember(r.m, r.p, r.rel, ctx.crypto, audience);
    if (contacts !== 'full') return view;
    return { ...view, phone: r.p.phoneEnc ? ctx.crypto.decrypt(r.p.phoneEnc) : null, idNumber: r.p.idNumberEnc ? ctx.crypto.decrypt(r.p.idNumberEnc) : null };
  };
  (async () => {
    for (let i = 0; i < ids.length; i += PAGE)
      for (const r of await memberRowsByIds(ctx.db, ids.slice(i, i + PAGE))) {
        const row = toRow(r);
        addRow(sheet, columns.map((c) => c.value(row))).commit();
      }
    sheet.commit();
    await book.commit();
  })().catch((err) => out.destroy(err));
  return out;
}
