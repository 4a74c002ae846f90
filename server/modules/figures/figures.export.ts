import ExcelJS from 'exceljs';
import { requireAccess } from '../../core/access.js';
import type { Ctx } from '../../core/context.js';
import { addRow } from '../../core/xlsx.js';
import { writeAudit } from '../audit/audit.service.js';
import type { PerLevel, RequestFiguresQuery, RequestStats } from './figures.schema.js';
import { memberFiguresOf } from './figures.member.js';
import { opinionFiguresOf } from './figures.opinions.js';
import { checkTownship, requestFiguresOf } from './figures.requests.js';
import { periodOf, withRate } from './figures.sql.js';

const rate = (v: number | null) => (v === null ? '' : `${v}%`);
const STAT_COLUMNS: [string, (s: RequestStats) => number | string][] = [
  ['诉求数', (s) => s.raised],
  ['已答复', (s) => s.answered],
  ['按期答复', (s) => s.answeredWithinDeadline],
  ['按期答复率', (s) => rate(s.onTimeRate)],
  ['已解决', (s) => s.solved],
  ['已评价', (s) => s.rated],
  ['满意（含基本满意）', (s) => s.satisfied],
  ['满意率', (s) => rate(s.satisfactionRate)],
  ['平均首次答复用时（小时）', (s) => s.avgHoursToFirstAnswer ?? ''],
  ['超期未答复', (s) => s.overdueOpen],
];
const LEVELS: [keyof PerLevel, string][] = [['county', '县级'], ['city', '市级'], ['province', '省级'], ['national', '全国']];

function sheetOf(book: ExcelJS.Workbook, name: string, headers: string[], rows: (string | number)[][]) {
  const sheet = book.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = headers.map((h, i) => ({ header: h, width: i === 0 ? 22 : Math.max(10, h.length * 2 + 2) }));
  sheet.getRow(1).font = { bold: true };
  for (const r of rows) addRow(sheet, r);
  return sheet;
}

/** The figures of a period as a workbook: concerns by township and by category, reports, and per member. Audited. */
export async function exportFigures(ctx: Ctx, q: RequestFiguresQuery) {
  const actor = requireAccess(ctx.actor, 'figures.read');
  const now = ctx.clock.now();
  const p = periodOf(q, now);
  const township = await checkTownship(ctx.db, actor.orgId, q.townshipId);
  const [requests, opinions, members] = [
    await requestFiguresOf(ctx.db, actor.orgId, p, now, q.townshipId),
    await opinionFiguresOf(ctx.db, actor.orgId, p, 1000),
    await memberFiguresOf(ctx.db, actor.orgId, p, now),
  ];
  const book = new ExcelJS.Workbook();
  book.creator = '协商';
  const statHeads = STAT_COLUMNS.map(([h]) => h);
  const statCells = (s: RequestStats) => STAT_COLUMNS.map(([, f]) => f(s));
  // narrowed to a township, the concerns are by its villages and communities (the opinion and member sheets stay org-wide)
  sheetOf(book, township ? `诉求·${township}` : '诉求按乡镇', [township ? '村、社区' : '乡镇', ...statHeads], [...requests.byPlace.map((r) => [r.name, ...statCells(r)]), ['合计', ...statCells(requests.totals)]]);
  sheetOf(book, '诉求按分类', ['分类', ...statHeads], [...requests.byCategory.map((r) => [r.name, ...statCells(r)]), ['合计', ...statCells(requests.totals)]]);
  sheetOf(book, '社情民意', ['项目', '条数'], [
    ['报送信息', opinions.written],
    ['被采用（各级合计，按条）', opinions.adoptedAny],
    ...LEVELS.map(([k, l]) => [`${l}采用`, opinions.adopted[k]]),
    ...LEVELS.map(([k, l]) => [`获${l}领导批示`, opinions.instructed[k]]),
    ['不予采用', opinions.declined],
  ]);
  sheetOf(
    book,
    '委员',
    ['姓名', '界别', '承办诉求', '已答复', '按期答复', '已解决', '满意率', '撰写信息', '联名信息', ...LEVELS.map(([, l]) => `${l}采用`), ...LEVELS.map(([, l]) => `${l}批示`)],
    members
      .filter((m) => m.status === 'active' || m.requests.raised || m.written || m.cowritten)
      .map((m) => {
        const s = withRate(m.requests);
        return [
          m.status === 'active' ? m.name : `${m.name}（已离任）`,
          m.sector,
          s.raised,
          s.answered,
          s.answeredWithinDeadline,
          s.solved,
          rate(s.satisfactionRate),
          m.written,
          m.cowritten,
          ...LEVELS.map(([k]) => m.adopted[k]),
          ...LEVELS.map(([k]) => m.instructed[k]),
        ];
      }),
  );
  await writeAudit(ctx, { action: 'figures.export', summary: `导出统计数据（${p.from} 至 ${p.to}${township ? `，${township}` : ''}）`, orgId: actor.orgId, after: { from: p.from, to: p.to, township } });
  return { bytes: Buffer.from(await book.xlsx.writeBuffer()), name: `统计数据_${p.from}_${p.to}.xlsx`, ascii: `figures-${p.from}-${p.to}.xlsx` };
}
