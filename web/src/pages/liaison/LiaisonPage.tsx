import { useState } from 'react';
import { Link } from 'react-router-dom';
import { App, Button, Card, Col, Empty, Input, Popconfirm, Progress, Row, Space, Table, Tabs, Tag, Typography } from 'antd';
import { ArrowRightOutlined, SettingOutlined, TeamOutlined } from '@ant-design/icons';
import { SELECTOR_LABELS } from '@server/modules/liaison/liaison.schema';
import { useMe } from '../../api/session';
import { positionTag } from '../member/MembersPage';
import { KeeperPicker } from './KeeperPicker';
import { SchemeEditor } from './SchemeEditor';
import { useCoverage, useLiaisonActions, useLinks, useUncovered, type CoverageView, type LinkView, type MemberBrief } from './liaisonApi';

type Level = CoverageView['levels'][number];
const pct = (r: number) => Math.round(r * 1000) / 10;
const color = (r: number) => (r >= 0.95 ? '#389e0d' : r >= 0.8 ? '#d48806' : '#cf1322');
const who = (m: MemberBrief) => (
  <Space size={4}>
    <Link to={`/members/${m.id}`}>{m.name}</Link>
    {positionTag(m)}
  </Space>
);

/** One level: who nobody keeps in touch with (pick several, give them a keeper), and the links already made. */
function LevelPanel({ level, canManage }: { level: Level; canManage: boolean }) {
  const [q, setQ] = useState<string>();
  const [page, setPage] = useState(1);
  const [linkPage, setLinkPage] = useState(1);
  const [selected, setSelected] = useState<MemberBrief[]>([]);
  const [picking, setPicking] = useState(false);
  const { data: uncovered, isFetching } = useUncovered({ level: level.index, q, page, pageSize: 10 });
  const { data: links, isFetching: loadingLinks } = useLinks({ level: level.index, page: linkPage, pageSize: 10 });
  const { unlink } = useLiaisonActions();
  const { message } = App.useApp();
  return (
    <Row gutter={16}>
      <Col span={11}>
        <Card
          size="small"
          title={<span style={{ color: uncovered?.total ? '#cf1322' : undefined }}>尚无人联系（{uncovered?.total ?? 0} 人）</span>}
          extra={
            canManage && (
              <Button type="primary" size="small" icon={<TeamOutlined />} disabled={!selected.length} onClick={() => setPicking(true)}>
                指定联系人{selected.length ? `（${selected.length} 人）` : ''}
              </Button>
            )
          }
        >
          <Input.Search allowClear size="small" placeholder="姓名、拼音或首字母" style={{ marginBottom: 8, width: 220 }} onSearch={(v) => (setQ(v || undefined), setPage(1))} />
          <Table<MemberBrief>
            size="small"
            rowKey="id"
            loading={isFetching}
            dataSource={uncovered?.items}
            rowSelection={canManage ? { selectedRowKeys: selected.map((s) => s.id), preserveSelectedRowKeys: true, onChange: (_, rows) => setSelected(rows.filter(Boolean)) } : undefined}
            pagination={{ current: page, pageSize: 10, total: uncovered?.total, onChange: setPage, size: 'small' }}
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="本级已全部落实联系" /> }}
            columns={[
              { title: '姓名', key: 'name', render: (_, m) => who(m) },
              { title: '界别', dataIndex: 'sector', width: 110 },
              { title: '党派', dataIndex: 'party', width: 80 },
            ]}
          />
        </Card>
      </Col>
      <Col span={13}>
        <Card size="small" title={`已落实的联系（${links?.total ?? 0} 条）`}>
          <Table<LinkView>
            size="small"
            rowKey="id"
            loading={loadingLinks}
            dataSource={links?.items}
            pagination={{ current: linkPage, pageSize: 10, total: links?.total, onChange: setLinkPage, size: 'small' }}
            columns={[
              { title: SELECTOR_LABELS[level.keeper], key: 'keeper', render: (_, l) => who(l.keeper) },
              { title: '', key: 'arrow', width: 30, render: () => <ArrowRightOutlined style={{ color: '#bfbfbf' }} /> },
              { title: SELECTOR_LABELS[level.target], key: 'target', render: (_, l) => who(l.target) },
              ...(canManage
                ? [
                    {
                      title: '',
                      key: 'ops',
                      width: 60,
                      render: (_: unknown, l: LinkView) => (
                        <Popconfirm
                          title={`取消 ${l.keeper.name} 对 ${l.target.name} 的联系？`}
                          okText="取消联系"
                          cancelText="保留"
                          onConfirm={() => unlink.mutateAsync(l.id).then(() => message.success('已取消'), (e: Error) => message.error(e.message))}
                        >
                          <Button type="link" size="small" danger>取消</Button>
                        </Popconfirm>
                      ),
                    },
                  ]
                : []),
            ]}
          />
        </Card>
      </Col>
      {picking && <KeeperPicker level={level} targets={selected} onClose={(done) => (setPicking(false), done && setSelected([]))} />}
    </Row>
  );
}

/** 联系制度: the chain, the coverage of each level, who is not covered yet, and the links. */
export function LiaisonPage() {
  const { data: me } = useMe();
  const canManage = !!me?.permissions.includes('liaison.manage');
  const { data: coverage } = useCoverage();
  const [editing, setEditing] = useState(false);
  if (!coverage) return <Card loading />;
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card
        title="联系制度"
        extra={canManage && <Button icon={<SettingOutlined />} onClick={() => setEditing(true)}>调整联系链</Button>}
      >
        <Typography.Paragraph type="secondary">
          {coverage.scheme.map((l) => l.label).join(' → ')}。全体在任委员（党组成员除外）{coverage.total.targets} 人，已落实联系 {coverage.total.covered} 人，覆盖率 {pct(coverage.total.rate)}%。
        </Typography.Paragraph>
        <Row gutter={16}>
          {coverage.levels.map((l) => (
            <Col key={l.index} span={24 / Math.min(4, coverage.levels.length)}>
              <Card size="small" data-testid={`coverage-${l.index}`}>
                <Space align="center" size={16}>
                  <Progress type="circle" size={84} percent={pct(l.rate)} strokeColor={color(l.rate)} format={(p) => (l.targets ? `${p}%` : '—')} />
                  <div>
                    <Typography.Text strong>{l.label}</Typography.Text>
                    <div style={{ marginTop: 6 }}>{l.summary}</div>
                    <div style={{ marginTop: 4, color: '#8c8c8c' }}>可任联系人的{SELECTOR_LABELS[l.keeper]} {l.keepers} 人</div>
                  </div>
                </Space>
              </Card>
            </Col>
          ))}
        </Row>
      </Card>
      <Card>
        <Tabs
          items={coverage.levels.map((l) => ({
            key: String(l.index),
            label: (
              <span>
                {l.label} <Tag color={l.targets - l.covered ? 'red' : 'green'}>{l.targets - l.covered ? `未落实 ${l.targets - l.covered}` : '全覆盖'}</Tag>
              </span>
            ),
            children: <LevelPanel level={l} canManage={canManage} />,
          }))}
        />
      </Card>
      <SchemeEditor open={editing} scheme={coverage.scheme} onClose={() => setEditing(false)} />
    </Space>
  );
}
