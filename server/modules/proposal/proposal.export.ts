import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { can, requireAccess } from '../../core/access.js';
import type { Ctx } from '../../core/context.js';
import { AppError, forbidden } from '../../core/errors.js';
import { rowsOf } from '../../core/sql.js';
import { chinaDate } from '../../core/workdays.js';
import { addRow } from '../../core/xlsx.js';
import { writeAudit } from '../audit/audit.service.js';
import { rulesOf } from './proposal.access.js';
import { itemColumns, itemOf, type ItemRow } from './proposal.item.js';
import { listWhere } from './proposal.list.js';
import { percentOf, unitReport } from './proposal.report.js';
import {
  KEY_STATUS_LABELS,
  PROPOSAL_KIND_LABELS,
  PROPOSAL_STATUS_LABELS,
  PUBLISH_MODE_LABELS,
  type ProposalExportQuery,
  type PublishMode,
  type UnitReportRow,
} from './proposal.schema.js';
import { viewerOf } from './proposal.visible.js';
import { proposerText, unitsText } from './proposal.docx.js';

/** beyond this the office is asked to narrow the list down */
export const EXPORT_MAX_ROWS = 20000;

/** staff and leaders: the proposals office (proposal.manage) or whoever reads the figures */
function requireExporter(ctx: Ctx) {
  const actor = requireAccess(ctx.actor, 'proposal.read');
  if (!can(actor, 'proposal.manage') && !can(actor, 'figures.read')) throw forbidden('只有政协机关和领导可以导出提案');
  return actor;
}

type ExportRow = ItemRow & {
  signers: string[];
  sectors: string[];
  bodyName: string | null;
  sealNoted: boolean;
  replyOn: string | null;
  replyCategories: string[] | null;
  publishMode: PublishMode | null;
  mayPublish: boolean;
};

const COLUMNS: [string, number][] = [
  ['提案号', 10],
  ['会议', 14],
  ['案由', 40],
  ['类型', 10],
  ['提案人', 24],
  ['界别', 14],
  ['分类', 12],
  ['状态', 12],
  ['承办单位', 36],
  ['办理期限', 12],
  ['是否超期', 9],
  ['答复日期', 12],
  ['答复类别', 9],
  ['满意', 6],
  ['基本满意', 9],
  ['不满意', 8],
  ['重点提案', 12],
  ['公开', 14],
];

function sheetOf(book: ExcelJS.Workbook, name: string, columns: [string, number][], rows: (string | number | null)[][]) {
  const sheet = book.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map(([header, width]) => ({ header, width }));
  sheet.getRow(1).font = { bold: true };
  for (const r of rows) addRow(sheet, r);
  return sheet;
}

/**
 * The proposals of the list's filters as .xlsx, one row each: number, title, proposers, state, units,
 * deadline, reply, ratings, key and publication. The list's own WHERE (scope and filters as the viewer
 * may see them); in number order, one statement, at most 20,000 rows. Audited.
 */
export async function exportProposals(ctx: Ctx, q: ProposalExportQuery) {
  const actor = requireExporter(ctx);
  const v = await viewerOf(ctx.db, actor);
  const today = chinaDate(ctx.clock.now());
  const rows = await rowsOf<ExportRow>(
    ctx.db,
    sql`select ${itemColumns(null)},
        coalesce((select json_agg(p.name order by s.position) from proposal_signer s join member m on m.id = s.member_id join person p on p.id = m.person_id
          where s.proposal_id = x.id and s.status = 'confirmed'), '[]'::json) as signers,
        coalesce((select json_agg(distinct sec.name) from proposal_signer s join member m on m.id = s.member_id join sector sec on sec.id = m.sector_id
          where s.proposal_id = x.id and s.status = 'confirmed'), '[]'::json) as sectors,
        coalesce(x.body_name, (select b.name from sector b where b.id = x.body_id), (select b.name from member_group b where b.id = x.body_id),
          (select b.name from committee b where b.id = x.body_id)) as "bodyName", x.seal_noted as "sealNoted",
        (select to_char(max(y.sent_at) at time zone 'Asia/Shanghai', 'YYYY-MM-DD') from proposal_reply y
          where y.proposal_id = coalesce(x.merged_into_id, x.id) and y.status = 'sent' and y.kind = 'reply') as "replyOn",
        (select json_agg(distinct y.category) from proposal_reply y join proposal_assignment a on a.id = y.assignment_id
          where y.proposal_id = coalesce(x.merged_into_id, x.id) and y.status = 'sent' and y.kind = 'reply' and y.round = a.round and a.status <> 'withdrawn') as "replyCategories",
        x.publish_mode as "publishMode", x.may_publish as "mayPublish"
      from proposal x join plenary_session sx on sx.id = x.session_id
      where ${listWhere(v, q, ctx.clock.now())}
      order by sx.start_date desc, x.number nulls last, x.submitted_at nulls last, x.created_at, x.id
      limit ${EXPORT_MAX_ROWS + 1}`,
  );
  if (rows.length > EXPORT_MAX_ROWS) throw new AppError(400, 'TOO_MANY_ROWS', `符合条件的提案超过 ${EXPORT_MAX_ROWS} 件，请按会议、状态或分类缩小范围后再导出`);
  const book = new ExcelJS.Workbook();
  book.creator = '协商';
  sheetOf(
    book,
    '提案',
    COLUMNS,
    rows.map((r) => {
      const it = itemOf(r, today);
      const publish = r.publishMode ? PUBLISH_MODE_LABELS[r.publishMode] : !r.mayPublish ? '提案者不同意公开' : ['replied', 'closed'].includes(r.status) ? '待定' : '';
      return [
        it.numberLabel ?? '',
        it.session.name,
        it.title,
        PROPOSAL_KIND_LABELS[it.kind].replace('提案', ''),
        proposerText({ ...r, sealNoted: false }),
        r.proposerKind === 'member' ? r.sectors.join('、') : r.proposerKind === 'sector' ? (r.bodyName ?? '') : '',
        it.category,
        PROPOSAL_STATUS_LABELS[it.status],
        unitsText(it.units.map((u) => ({ role: u.role, unit: u.unit.name }))),
        it.dueOn ?? it.units.filter((u) => u.role !== 'co').map((u) => u.dueOn).sort().pop() ?? '',
        it.overdue ? '是' : '否',
        r.replyOn ?? '',
        (r.replyCategories ?? []).filter(Boolean).sort().join('、'),
        it.ratings.satisfied,
        it.ratings.basic,
        it.ratings.unsatisfied,
        it.keyStatus ? KEY_STATUS_LABELS[it.keyStatus] : '',
        publish,
      ];
    }),
  );
  await writeAudit(ctx, { action: 'proposal.export', summary: `导出提案列表 ${rows.length} 件`, orgId: actor.orgId, after: { filters: q, rows: rows.length } });
  return { bytes: Buffer.from(await book.xlsx.writeBuffer()), name: `提案列表_${today}.xlsx`, ascii: `proposals-${today}.xlsx` };
}

const pct = (v: number | null) => (v === null ? '' : `${v}%`);

/** 承办单位年度办理情况 as .xlsx: one row per unit, the reply categories as columns, and a total. Audited. */
export async function exportUnitReport(ctx: Ctx, year: number) {
  const actor = requireExporter(ctx);
  const { rows } = await unitReport(ctx, year);
  const { rules } = await rulesOf(ctx.db, actor.orgId);
  const codes = [...rules.replyCategories.map((c) => c.code), ...new Set(rows.flatMap((r) => Object.keys(r.categories)))].filter((c, i, a) => a.indexOf(c) === i);
  const sum = (f: (r: UnitReportRow) => number) => rows.reduce((n, r) => n + f(r), 0);
  const total: UnitReportRow = {
    unit: { id: '', name: '合计' },
    assigned: sum((r) => r.assigned),
    asLead: sum((r) => r.asLead),
    asCo: sum((r) => r.asCo),
    replied: sum((r) => r.replied),
    repliedOnTime: sum((r) => r.repliedOnTime),
    onTimeRate: null,
    overdue: sum((r) => r.overdue),
    objections: sum((r) => r.objections),
    extensions: sum((r) => r.extensions),
    categories: Object.fromEntries(codes.map((c) => [c, sum((r) => r.categories[c] ?? 0)])),
    satisfied: sum((r) => r.satisfied),
    basic: sum((r) => r.basic),
    unsatisfied: sum((r) => r.unsatisfied),
    satisfactionRate: null,
    rehandled: sum((r) => r.rehandled),
  };
  total.onTimeRate = percentOf(total.repliedOnTime, total.replied + total.overdue);
  total.satisfactionRate = percentOf(total.satisfied + total.basic, total.satisfied + total.basic + total.unsatisfied);
  const book = new ExcelJS.Workbook();
  book.creator = '协商';
  sheetOf(
    book,
    `${year}年承办单位办理情况`,
    [
      ['承办单位', 28],
      ['交办件数', 9],
      ['主办（单独办理、分办）', 12],
      ['会办', 8],
      ['已答复', 8],
      ['按期答复', 9],
      ['按期答复率', 11],
      ['超期未答复', 11],
      ['异议', 6],
      ['获批延期', 9],
      ...codes.map((c): [string, number] => [`${c}类`, 7]),
      ['满意', 6],
      ['基本满意', 9],
      ['不满意', 8],
      ['满意率', 9],
      ['退回重办', 9],
    ],
    [...rows, ...(rows.length ? [total] : [])].map((r) => [
      r.unit.name,
      r.assigned,
      r.asLead,
      r.asCo,
      r.replied,
      r.repliedOnTime,
      pct(r.onTimeRate),
      r.overdue,
      r.objections,
      r.extensions,
      ...codes.map((c) => r.categories[c] ?? 0),
      r.satisfied,
      r.basic,
      r.unsatisfied,
      pct(r.satisfactionRate),
      r.rehandled,
    ]),
  );
  await writeAudit(ctx, { action: 'proposal.export', summary: `导出${year}年承办单位提案办理情况（${rows.length} 个单位）`, orgId: actor.orgId, after: { year, units: rows.length } });
  return { bytes: Buffer.from(await book.xlsx.writeBuffer()), name: `${year}年承办单位提案办理情况.xlsx`, ascii: `proposal-units-${year}.xlsx` };
}
