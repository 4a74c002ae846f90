import { Link } from 'react-router-dom';
import { Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { OpinionFigures, RequestStats } from './figuresApi';
import { percent } from './figuresApi';

type Row = RequestStats & { id: string; name: string };

const num = (v: number) => (v ? v : <Typography.Text type="secondary">0</Typography.Text>);

/** The figures of concerns for a place, a category or the total: one cell renderer per column, shared by the rows and the 合计 row. */
const CELLS: { title: string; width: number; cell: (r: RequestStats) => React.ReactNode; sort?: (a: RequestStats, b: RequestStats) => number }[] = [
  { title: '诉求数', width: 80, cell: (r) => num(r.raised), sort: (a, b) => a.raised - b.raised },
  { title: '已答复', width: 80, cell: (r) => num(r.answered) },
  { title: '按期答复', width: 90, cell: (r) => num(r.answeredWithinDeadline) },
  { title: '按期答复率', width: 100, cell: (r) => percent(r.onTimeRate) },
  { title: '已解决', width: 80, cell: (r) => num(r.solved), sort: (a, b) => a.solved - b.solved },
  { title: '满意率', width: 120, cell: (r) => (r.rated ? `${percent(r.satisfactionRate)}（${r.rated} 评）` : '—') },
  { title: '平均首次答复', width: 110, cell: (r) => (r.avgHoursToFirstAnswer === null ? '—' : `${r.avgHoursToFirstAnswer} 小时`) },
  { title: '超期未答复', width: 100, cell: (r) => (r.overdueOpen ? <Typography.Text type="danger">{r.overdueOpen}</Typography.Text> : num(0)) },
];

export function StatsTable({ rows, totals, first }: { rows: Row[]; totals: RequestStats; first: string }) {
  const cols: ColumnsType<Row> = [
    { title: first, dataIndex: 'name', fixed: 'left', width: 150 },
    ...CELLS.map((c) => ({ title: c.title, key: c.title, width: c.width, align: 'right' as const, sorter: c.sort, render: (_: unknown, r: Row) => c.cell(r) })),
  ];
  return (
    <Table<Row>
      rowKey="id"
      size="small"
      pagination={false}
      dataSource={rows}
      columns={cols}
      scroll={{ x: 900 }}
      summary={() => (
        <Table.Summary.Row style={{ fontWeight: 600, background: '#fafafa' }}>
          <Table.Summary.Cell index={0}>合计</Table.Summary.Cell>
          {CELLS.map((c, i) => (
            <Table.Summary.Cell key={c.title} index={i + 1} align="right">
              {c.cell(totals)}
            </Table.Summary.Cell>
          ))}
        </Table.Summary.Row>
      )}
    />
  );
}

/** 委员排行: who wrote and had adopted the most reports in the period. */
export function MemberRanking({ f }: { f: OpinionFigures }) {
  return (
    <Table
      rowKey="id"
      size="small"
      pagination={false}
      dataSource={f.byMember}
      locale={{ emptyText: '本期间没有委员报送信息' }}
      columns={[
        { title: '#', key: 'n', width: 40, render: (_, __, i) => i + 1 },
        { title: '委员', key: 'name', render: (_, m) => <Link to={`/members/${m.id}`}>{m.name}</Link> },
        { title: '界别', dataIndex: 'sector', ellipsis: true },
        { title: '报送', dataIndex: 'written', width: 64, align: 'right' },
        { title: '采用', dataIndex: 'adopted', width: 64, align: 'right' },
        { title: '批示', dataIndex: 'instructed', width: 64, align: 'right' },
      ]}
    />
  );
}
