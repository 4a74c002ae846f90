import { Table, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { ReplyCategory, UnitReportRow } from '@server/modules/proposal/proposal.schema';
import { percent } from './unitApi';

const num = (v: number) => (v ? v : <Typography.Text type="secondary">0</Typography.Text>);
const warn = (v: number) => (v ? <Typography.Text type="danger">{v}</Typography.Text> : num(0));
const rate = (part: number, whole: number) => (whole ? Math.round((part / whole) * 1000) / 10 : null);

type Totals = Omit<UnitReportRow, 'unit'>;
const KEYS = ['assigned', 'asLead', 'asCo', 'replied', 'repliedOnTime', 'overdue', 'objections', 'extensions', 'satisfied', 'basic', 'unsatisfied', 'rehandled'] as const;

/** The 合计 row: sums, and the two rates worked out again from the sums. */
function totalsOf(rows: UnitReportRow[]): Totals {
  const t = Object.fromEntries(KEYS.map((k) => [k, rows.reduce((n, r) => n + r[k], 0)])) as Record<(typeof KEYS)[number], number>;
  const categories: Record<string, number> = {};
  for (const r of rows) for (const [c, n] of Object.entries(r.categories)) categories[c] = (categories[c] ?? 0) + n;
  const rated = t.satisfied + t.basic + t.unsatisfied;
  return { ...t, categories, onTimeRate: rate(t.repliedOnTime, t.replied + t.overdue), satisfactionRate: rate(t.satisfied + t.basic, rated) };
}

type Col = { title: string; hint?: string; key: string; width: number; cell: (r: Totals) => React.ReactNode; sort: (r: Totals) => number };
const rateSort = (v: number | null) => v ?? -1;

/**
 * 承办单位年度办理情况: one row a unit, every column sortable, a 合计 row; the reply categories are the
 * org's (A/B/C/D or its own) plus any older code still found in the year's replies.
 */
export function UnitReportTable({ rows, categories, loading }: { rows: UnitReportRow[]; categories: ReplyCategory[]; loading: boolean }) {
  const codes = [...categories.map((c) => c.code), ...new Set(rows.flatMap((r) => Object.keys(r.categories)))].filter((c, i, a) => a.indexOf(c) === i);
  const labelOf = (code: string) => categories.find((c) => c.code === code)?.label;
  const groups: { title: string; cols: Col[] }[] = [
    {
      title: '交办',
      cols: [
        { title: '承办件数', key: 'assigned', width: 100, cell: (r) => num(r.assigned), sort: (r) => r.assigned },
        { title: '主办', hint: '单独承办、主办和分办的件数（须答复提案者）', key: 'asLead', width: 74, cell: (r) => num(r.asLead), sort: (r) => r.asLead },
        { title: '会办', hint: '作为会办单位的件数（向主办单位提交会办意见）', key: 'asCo', width: 74, cell: (r) => num(r.asCo), sort: (r) => r.asCo },
      ],
    },
    {
      title: '答复',
      cols: [
        { title: '已答复', key: 'replied', width: 86, cell: (r) => num(r.replied), sort: (r) => r.replied },
        { title: '按期答复率', key: 'onTimeRate', width: 114, cell: (r) => percent(r.onTimeRate), sort: (r) => rateSort(r.onTimeRate) },
        { title: '超期', hint: '超过答复期限尚未答复的件数', key: 'overdue', width: 74, cell: (r) => warn(r.overdue), sort: (r) => r.overdue },
        { title: '异议', key: 'objections', width: 74, cell: (r) => num(r.objections), sort: (r) => r.objections },
        { title: '延期', hint: '经批准延期的件数', key: 'extensions', width: 74, cell: (r) => num(r.extensions), sort: (r) => r.extensions },
      ],
    },
    {
      title: '答复类别',
      cols: codes.map((c) => ({ title: `${c} 类`, hint: labelOf(c), key: `cat-${c}`, width: 74, cell: (r: Totals) => num(r.categories[c] ?? 0), sort: (r: Totals) => r.categories[c] ?? 0 })),
    },
    {
      title: '提案者测评',
      cols: [
        { title: '满意', key: 'satisfied', width: 74, cell: (r) => num(r.satisfied), sort: (r) => r.satisfied },
        { title: '基本满意', key: 'basic', width: 100, cell: (r) => num(r.basic), sort: (r) => r.basic },
        { title: '不满意', key: 'unsatisfied', width: 86, cell: (r) => warn(r.unsatisfied), sort: (r) => r.unsatisfied },
        { title: '满意率', key: 'satisfactionRate', width: 90, cell: (r) => percent(r.satisfactionRate), sort: (r) => rateSort(r.satisfactionRate) },
      ],
    },
    { title: '', cols: [{ title: '重办', hint: '答复被退回或因不满意重新办理的件数', key: 'rehandled', width: 74, cell: (r) => warn(r.rehandled), sort: (r) => r.rehandled }] },
  ];
  const shown = groups.filter((g) => g.cols.length);
  const flat = shown.flatMap((g) => g.cols);
  const leaf = (c: Col) => ({
    title: c.hint ? (
      <Tooltip title={c.hint}>
        <span>{c.title}</span>
      </Tooltip>
    ) : (
      c.title
    ),
    key: c.key,
    width: c.width,
    align: 'right' as const,
    sorter: (a: UnitReportRow, b: UnitReportRow) => c.sort(a) - c.sort(b),
    sortDirections: ['descend' as const, 'ascend' as const],
    render: (_: unknown, r: UnitReportRow) => c.cell(r),
  });
  const columns: ColumnsType<UnitReportRow> = [
    { title: '单位', key: 'unit', fixed: 'left', width: 180, render: (_, r) => r.unit.name, sorter: (a, b) => a.unit.name.localeCompare(b.unit.name, 'zh-CN') },
    ...shown.map((g) => (g.title ? { title: g.title, key: g.title, children: g.cols.map(leaf) } : leaf(g.cols[0]))),
  ];
  const totals = totalsOf(rows);
  return (
    <Table<UnitReportRow>
      rowKey={(r) => r.unit.id}
      size="small"
      bordered
      loading={loading}
      pagination={false}
      dataSource={rows}
      columns={columns}
      scroll={{ x: 180 + flat.reduce((n, c) => n + c.width, 0) }}
      locale={{ emptyText: '该年度没有交办给承办单位的提案' }}
      summary={() =>
        rows.length > 0 && (
          <Table.Summary>
            <Table.Summary.Row style={{ fontWeight: 600, background: '#fafafa' }}>
              <Table.Summary.Cell index={0}>合计</Table.Summary.Cell>
              {flat.map((c, i) => (
                <Table.Summary.Cell key={c.key} index={i + 1} align="right">
                  {c.cell(totals)}
                </Table.Summary.Cell>
              ))}
            </Table.Summary.Row>
          </Table.Summary>
        )
      }
    />
  );
}
