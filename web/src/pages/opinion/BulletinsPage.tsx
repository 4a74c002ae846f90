import { useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { Button, Card, Descriptions, Drawer, List, Result, Select, Space, Spin, Table, Tag, Typography } from 'antd';
import { EditOutlined, FileWordOutlined, PlusOutlined } from '@ant-design/icons';
import { ApiError } from '../../api/client';
import { useMe } from '../../api/session';
import { BulletinEditor } from './BulletinEditor';
import { bulletinDocxUrl, useBulletin, useBulletins, type BulletinListItem, type BulletinView } from './opinionApi';
import { OpinionStatusTag } from './opinionTags';
import { OPINION_STATUS_LABELS, type OpinionStatus } from '@server/modules/opinion/opinion.schema';

const thisYear = new Date().getFullYear();
const YEARS = Array.from({ length: 6 }, (_, i) => thisYear - i);

const WordButton = ({ id, size }: { id: string; size?: 'small' }) => (
  <Button size={size} icon={<FileWordOutlined />} href={bulletinDocxUrl(id)} download>
    下载 Word
  </Button>
);

/** One issue: its reports in order, the Word file, and (for the latest) 修改. */
function BulletinDrawer({ id, canManage, onClose, onEdit }: { id: string | null; canManage: boolean; onClose: () => void; onEdit: (b: BulletinView) => void }) {
  const { data: b, isLoading } = useBulletin(id);
  return (
    <Drawer
      open={!!id}
      size={720}
      title={b ? `${b.title} ${b.year}年${b.numberLabel}` : '期刊'}
      onClose={onClose}
      extra={
        b && (
          <Space>
            {canManage && b.isLatest && <Button icon={<EditOutlined />} onClick={() => onEdit(b)}>修改本期</Button>}
            <WordButton id={b.id} />
          </Space>
        )
      }
    >
      {isLoading || !b ? (
        <Spin />
      ) : (
        <>
          <Descriptions size="small" column={3} style={{ marginBottom: 16 }}>
            <Descriptions.Item label="编发单位">{b.org.name}</Descriptions.Item>
            <Descriptions.Item label="印发日期">{b.issuedOn}</Descriptions.Item>
            <Descriptions.Item label="收录">{b.itemCount} 条</Descriptions.Item>
          </Descriptions>
          <List
            bordered
            dataSource={b.items}
            renderItem={(i, n) => (
              <List.Item extra={<OpinionStatusTag status={i.status as OpinionStatus} label={OPINION_STATUS_LABELS[i.status as OpinionStatus] ?? i.status} />}>
                <List.Item.Meta
                  title={<Link to={`/opinion-reports/${i.reportId}`}>{`${n + 1}. ${i.title}`}</Link>}
                  description={`${i.authors.map((a) => a.name).join('、')}${i.org.id !== b.org.id ? ` · ${i.org.name}` : ''}`}
                />
              </List.Item>
            )}
          />
          {!b.isLatest && <Typography.Text type="secondary" style={{ display: 'block', marginTop: 12 }}>已有更新的一期，本期不能再修改。</Typography.Text>}
        </>
      )}
    </Drawer>
  );
}

/** 社情民意期刊: the numbered issues by year, each with its Word file; 编发新一期 from adopted reports. */
export function BulletinsPage() {
  const { data: me } = useMe();
  const canManage = !!me?.permissions.includes('opinion.manage');
  const [params, setParams] = useSearchParams();
  const [year, setYear] = useState<number | undefined>();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const { data, isFetching, error } = useBulletins({ year, page, pageSize });
  const [editor, setEditor] = useState<{ bulletin: BulletinView | null } | null>(null);
  const open = params.get('open');
  const setOpen = (id: string | null) => setParams(id ? { open: id } : {}, { replace: true });

  if (error instanceof ApiError && error.status === 403)
    return <Result status="403" title="社情民意期刊" subTitle={error.message} extra={<Link to="/opinion-reports">查看我的社情民意信息</Link>} />;

  return (
    <Card title="社情民意期刊" extra={canManage && <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditor({ bulletin: null })}>编发新一期</Button>}>
      <Space style={{ marginBottom: 16 }}>
        <Select<number>
          allowClear
          placeholder="全部年度"
          style={{ width: 120 }}
          value={year}
          options={YEARS.map((y) => ({ value: y, label: `${y} 年` }))}
          onChange={(y) => {
            setYear(y);
            setPage(1);
          }}
        />
      </Space>
      <Table<BulletinListItem>
        rowKey="id"
        size="middle"
        loading={isFetching}
        dataSource={data?.items}
        locale={{ emptyText: canManage ? '还没有编发期刊：点击右上角“编发新一期”，从已采用的信息中选编' : '还没有编发期刊' }}
        pagination={{
          current: page,
          pageSize,
          total: data?.total,
          showSizeChanger: true,
          showTotal: (t) => `共 ${t} 期`,
          onChange: (p, s) => {
            setPage(p);
            setPageSize(s);
          },
        }}
        columns={[
          {
            title: '期号',
            key: 'number',
            width: 160,
            render: (_, b) => (
              <Space>
                <Link to={`/bulletins?open=${b.id}`} replace>{`${b.year}年${b.numberLabel}`}</Link>
                {b.isLatest && <Tag color="red">最新</Tag>}
              </Space>
            ),
          },
          { title: '刊名', dataIndex: 'title' },
          { title: '印发日期', dataIndex: 'issuedOn', width: 120 },
          { title: '收录信息', dataIndex: 'itemCount', width: 100, render: (n: number) => `${n} 条` },
          {
            title: '操作',
            key: 'ops',
            width: 230,
            render: (_, b) => (
              <Space>
                <Button size="small" onClick={() => setOpen(b.id)}>查看</Button>
                <WordButton id={b.id} size="small" />
              </Space>
            ),
          },
        ]}
      />
      <BulletinDrawer id={open} canManage={canManage} onClose={() => setOpen(null)} onEdit={(b) => setEditor({ bulletin: b })} />
      <BulletinEditor open={!!editor} bulletin={editor?.bulletin ?? null} onClose={() => setEditor(null)} onSaved={(b) => setOpen(b.id)} />
    </Card>
  );
}
