import { useEffect, useState } from 'react';
import { Alert, App, Button, Checkbox, Col, DatePicker, Drawer, Empty, Form, Input, List, Row, Space, Table, Tag, Typography } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, CloseOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { MAX_BULLETIN_ITEMS } from '@server/modules/opinion/bulletin.schema';
import { showApiError, validValues } from '../../api/forms';
import { useBulletinActions, useBulletinCandidates, type BulletinCandidate, type BulletinView } from './opinionApi';
import { chinaToday, RecordBadges } from './opinionTags';

interface Picked {
  id: string;
  title: string;
  authors: string;
}
interface Values {
  title?: string;
  issuedOn: Dayjs;
}

const authorsOf = (a: { name: string }[]) => a.map((x) => x.name).join('、');

/**
 * 编发新一期 / 修改最新一期: adopted reports picked on the left (those not yet in an issue by default),
 * put in order on the right; the title and the date. The number (第N期) follows by year.
 */
export function BulletinEditor({ open, bulletin, onClose, onSaved }: { open: boolean; bulletin: BulletinView | null; onClose: () => void; onSaved: (b: BulletinView) => void }) {
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const { create, update } = useBulletinActions();
  const [picked, setPicked] = useState<Picked[]>([]);
  const [q, setQ] = useState<string>();
  const [fresh, setFresh] = useState(true);
  const [page, setPage] = useState(1);
  const { data, isFetching } = useBulletinCandidates({ q, fresh: fresh ? 'true' : undefined, page, pageSize: 10 }, open);
  const [pickError, setPickError] = useState<string | null>(null);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    setQ(undefined);
    setPage(1);
    setFresh(true);
    setPickError(null);
    if (bulletin) {
      form.setFieldsValue({ title: bulletin.title, issuedOn: dayjs(bulletin.issuedOn) });
      setPicked(bulletin.items.map((i) => ({ id: i.reportId, title: i.title, authors: authorsOf(i.authors) })));
    } else setPicked([]);
  }, [open, bulletin, form]);

  const ids = new Set(picked.map((p) => p.id));
  const toggle = (c: BulletinCandidate, on: boolean) => {
    setPickError(null);
    setPicked((p) => (on ? [...p, { id: c.id, title: c.title, authors: authorsOf(c.authors) }] : p.filter((x) => x.id !== c.id)));
  };
  const move = (i: number, d: -1 | 1) =>
    setPicked((p) => {
      const n = [...p];
      [n[i], n[i + d]] = [n[i + d], n[i]];
      return n;
    });
  // another issue of this org carries it (the one being edited does not count)
  const elsewhere = (c: BulletinCandidate) => c.bulletins.find((b) => b.id !== bulletin?.id);

  const save = async () => {
    const v = await validValues(form);
    if (!v) return;
    if (!picked.length) return setPickError('请至少选择一条信息');
    // an empty title is the default title
    const body = { title: v.title?.trim() ?? '', issuedOn: v.issuedOn.format('YYYY-MM-DD'), reportIds: picked.map((p) => p.id) };
    try {
      const b = bulletin ? await update.mutateAsync({ id: bulletin.id, ...body }) : await create.mutateAsync(body);
      message.success(bulletin ? `已保存${b.year}年${b.numberLabel}` : `已编发${b.year}年${b.numberLabel}`);
      onSaved(b);
      onClose();
    } catch (e) {
      showApiError(form, e, (m) => (m.includes('信息') || m.includes('已编入') ? setPickError(m) : message.error(m)));
    }
  };

  return (
    <Drawer
      open={open}
      size={1100}
      title={bulletin ? `修改 ${bulletin.year}年${bulletin.numberLabel}` : '编发新一期社情民意期刊'}
      onClose={onClose}
      destroyOnHidden
      extra={<Button type="primary" onClick={save} loading={create.isPending || update.isPending}>{bulletin ? '保存' : `编发（${picked.length} 条）`}</Button>}
    >
      <Form form={form} layout="inline" initialValues={{ issuedOn: chinaToday() }} style={{ marginBottom: 16 }}>
        <Form.Item name="title" label="刊名">
          <Input maxLength={40} placeholder="社情民意" style={{ width: 240 }} />
        </Form.Item>
        <Form.Item name="issuedOn" label="印发日期" rules={[{ required: true, message: '请选择印发日期' }]} extra={bulletin ? `期号按年编排，日期须在 ${bulletin.year} 年内` : '期号按印发日期所在年份自动编排'}>
          <DatePicker allowClear={false} />
        </Form.Item>
      </Form>
      <Row gutter={16}>
        <Col span={14}>
          <Space style={{ marginBottom: 8 }} wrap>
            <Typography.Text strong>可编入的信息（本会已采用）</Typography.Text>
            <Input.Search allowClear size="small" placeholder="标题关键词" style={{ width: 180 }} onSearch={(v) => { setQ(v || undefined); setPage(1); }} />
            <Checkbox checked={fresh} onChange={(e) => { setFresh(e.target.checked); setPage(1); }}>只看未编入期刊的</Checkbox>
          </Space>
          <Table<BulletinCandidate>
            rowKey="id"
            size="small"
            loading={isFetching}
            dataSource={data?.items}
            locale={{ emptyText: fresh ? '没有尚未编入期刊的已采用信息' : '没有已采用的信息' }}
            pagination={{ current: page, pageSize: 10, total: data?.total, size: 'small', showTotal: (t) => `共 ${t} 条`, onChange: setPage }}
            rowSelection={{
              selectedRowKeys: [...ids],
              preserveSelectedRowKeys: true,
              hideSelectAll: true,
              getCheckboxProps: (c) => ({ disabled: !!elsewhere(c) || (!ids.has(c.id) && picked.length >= MAX_BULLETIN_ITEMS) }),
              onSelect: (c, on) => toggle(c, on),
            }}
            columns={[
              {
                title: '标题',
                key: 'title',
                render: (_, c) => (
                  <Space orientation="vertical" size={0}>
                    <span>{c.title}</span>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {authorsOf(c.authors)} · {c.org.name} · 采用于 {c.adoptedOn}
                    </Typography.Text>
                  </Space>
                ),
              },
              {
                title: '',
                key: 'state',
                width: 190,
                render: (_, c) => {
                  const b = elsewhere(c);
                  return b ? <Tag>已编入{b.year}年第{b.number}期</Tag> : <RecordBadges r={{ adoptedLevels: c.adoptedLevels, instructedCount: 0 }} />;
                },
              },
            ]}
          />
        </Col>
        <Col span={10}>
          <Typography.Text strong style={{ display: 'block', marginBottom: 8 }}>
            本期收录（{picked.length}/{MAX_BULLETIN_ITEMS}，按此顺序排版）
          </Typography.Text>
          {pickError && <Alert type="error" showIcon title={pickError} style={{ marginBottom: 8 }} />}
          {picked.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="在左侧勾选要编入的信息" />
          ) : (
            <List
              size="small"
              bordered
              dataSource={picked}
              renderItem={(p, i) => (
                <List.Item
                  actions={[
                    <Button key="up" type="text" size="small" icon={<ArrowUpOutlined />} disabled={i === 0} onClick={() => move(i, -1)} aria-label="上移" />,
                    <Button key="down" type="text" size="small" icon={<ArrowDownOutlined />} disabled={i === picked.length - 1} onClick={() => move(i, 1)} aria-label="下移" />,
                    <Button key="rm" type="text" size="small" icon={<CloseOutlined />} onClick={() => setPicked((x) => x.filter((y) => y.id !== p.id))} aria-label="移出本期" />,
                  ]}
                >
                  <List.Item.Meta title={`${i + 1}. ${p.title}`} description={p.authors} />
                </List.Item>
              )}
            />
          )}
        </Col>
      </Row>
    </Drawer>
  );
}
