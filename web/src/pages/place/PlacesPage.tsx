import { useState } from 'react';
import { App, Button, Card, Popconfirm, Space, Switch, Table, Tag, Tooltip, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { PLACE_KIND_LABELS } from '@server/modules/place/place.schema';
import type { ApiError } from '../../api/client';
import { useMe } from '../../api/session';
import { PlaceAddModal, PlaceEditModal } from './PlaceForms';
import { usePlaceActions, usePlaces, type PlaceView } from './placeApi';

type Row = PlaceView & { children?: Row[] };

/** Whom a place is left to: its own group, or its township's. */
const coveredBy = (p: PlaceView, townships: Map<string, PlaceView>) => p.group ?? (p.parentId ? townships.get(p.parentId)?.group ?? null : null);

/** 乡镇与村（社区）: the places the groups cover and residents' concerns are routed by, with what no group covers yet. */
export function PlacesPage() {
  const { data: me } = useMe();
  const canManage = !!me?.permissions.includes('structure.manage');
  const { data: places, isLoading } = usePlaces();
  const actions = usePlaceActions();
  const { message } = App.useApp();
  const [adding, setAdding] = useState<{ township: PlaceView | null } | null>(null);
  const [editing, setEditing] = useState<PlaceView | null>(null);
  const [folded, setFolded] = useState<Set<string>>(new Set());
  const [onlyUncovered, setOnlyUncovered] = useState(false);

  const all = places ?? [];
  const townships = new Map(all.filter((p) => !p.parentId).map((p) => [p.id, p]));
  const villagesOf = (t: PlaceView) => all.filter((p) => p.parentId === t.id);
  const uncovered = (p: PlaceView) => !coveredBy(p, townships) && (p.parentId !== null || villagesOf(p).length === 0);
  const uncoveredCount = all.filter(uncovered).length;
  const rows: Row[] = [...townships.values()]
    .map((t) => {
      const kids = villagesOf(t).filter((v) => !onlyUncovered || uncovered(v));
      return { ...t, children: kids.length ? kids : undefined };
    })
    .filter((t) => !onlyUncovered || t.children || uncovered(t));

  const groupCell = (p: Row) => {
    if (p.group) return <Tag color="blue">{p.group.name}</Tag>;
    const inherited = coveredBy(p, townships);
    if (inherited) return <Tooltip title="本村（社区）未单独分配，由所在乡镇的联系小组负责"><Tag>随乡镇 · {inherited.name}</Tag></Tooltip>;
    const kids = p.parentId ? [] : villagesOf(p);
    if (!kids.length) return <Tag color="red">未分配小组</Tag>;
    const groups = [...new Map(kids.filter((v) => v.group).map((v) => [v.group!.id, v.group!.name])).values()];
    const open = kids.filter((v) => !v.group).length;
    return (
      <Space size={[0, 4]} wrap>
        {groups.map((g) => <Tag key={g} variant="filled">{g}</Tag>)}
        {open > 0 && <Tag color="orange">{open} 个村（社区）未分配</Tag>}
      </Space>
    );
  };

  const deleteBlock = (p: PlaceView) => {
    const kids = p.parentId ? 0 : villagesOf(p).length;
    if (kids) return `${p.name}下还有 ${kids} 个村（社区），不能删除`;
    if (p.group) return `${p.name}由${p.group.name}联系，请先在小组中取消`;
    return null;
  };

  const villages = all.filter((p) => p.parentId);
  const keys = rows.filter((r) => r.children).map((r) => r.id);

  return (
    <Card
      title="乡镇与村（社区）"
      extra={canManage && <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding({ township: null })}>新增乡镇</Button>}
    >
      <Space style={{ marginBottom: 16, width: '100%', justifyContent: 'space-between' }} wrap>
        <Typography.Text style={{ visibility: all.length ? 'visible' : 'hidden' }}>
          {townships.size} 个乡镇，{villages.length} 个村（社区）（村 {villages.filter((v) => v.kind === 'village').length} 个、社区 {villages.filter((v) => v.kind === 'community').length} 个），
          {uncoveredCount ? <Typography.Text type="danger">未分配小组 {uncoveredCount} 个</Typography.Text> : <Typography.Text type="success">均已分配联系小组</Typography.Text>}
        </Typography.Text>
        <Space>
          <Switch size="small" checked={onlyUncovered} onChange={setOnlyUncovered} />
          <Typography.Text>只看未分配小组的</Typography.Text>
        </Space>
      </Space>
      <Table<Row>
        rowKey="id"
        size="small"
        loading={isLoading}
        pagination={false}
        dataSource={rows}
        locale={{ emptyText: onlyUncovered ? '所有乡镇、村（社区）都已有联系小组' : '还没有乡镇。先新增乡镇，再在乡镇下添加村（社区）' }}
        expandable={{
          expandedRowKeys: keys.filter((k) => !folded.has(k)),
          onExpand: (expanded, r) =>
            setFolded((f) => {
              const next = new Set(f);
              if (expanded) next.delete(r.id);
              else next.add(r.id);
              return next;
            }),
        }}
        columns={[
          {
            title: '名称',
            key: 'name',
            render: (_, p) => (p.parentId ? p.name : <Typography.Text strong>{p.name}</Typography.Text>),
          },
          { title: '类型', dataIndex: 'kind', width: 80, render: (k: PlaceView['kind']) => PLACE_KIND_LABELS[k] },
          { title: '联系小组', key: 'group', render: (_, p) => groupCell(p) },
          ...(canManage
            ? [
                {
                  title: '操作',
                  key: 'ops',
                  width: 230,
                  render: (_: unknown, p: Row) => {
                    const block = deleteBlock(p);
                    return (
                      <Space size={0}>
                        {!p.parentId && <Button type="link" size="small" icon={<PlusOutlined />} onClick={() => setAdding({ township: p })}>添加村（社区）</Button>}
                        <Button type="link" size="small" onClick={() => setEditing(p)}>修改</Button>
                        <Popconfirm
                          title={`删除${p.fullName}？`}
                          okText="删除"
                          okButtonProps={{ danger: true }}
                          disabled={!!block}
                          onConfirm={() => actions.remove.mutateAsync(p.id).then(() => message.success(`已删除${p.fullName}`), (e: ApiError) => message.error(e.message))}
                        >
                          <Tooltip title={block}>
                            <Button type="link" size="small" danger disabled={!!block}>删除</Button>
                          </Tooltip>
                        </Popconfirm>
                      </Space>
                    );
                  },
                },
              ]
            : []),
        ]}
      />
      {adding && (
        <PlaceAddModal
          township={adding.township}
          places={all}
          onClose={() => {
            if (adding.township) setFolded((f) => new Set([...f].filter((k) => k !== adding.township!.id)));
            setAdding(null);
          }}
        />
      )}
      {editing && <PlaceEditModal place={editing} onClose={() => setEditing(null)} />}
    </Card>
  );
}
