import { RenameModal } from '../../components/RenameModal';
import { App, Form, Input, Modal, Radio, Space, Tag, Typography } from 'antd';
import { PLACE_KIND_LABELS, type PlaceKind } from '@server/modules/place/place.schema';
import { showApiError, validValues } from '../../api/forms';
import { usePlaceActions, type PlaceView } from './placeApi';

/** A pasted list: one name a line, or separated by 、，, ; or spaces. */
export const splitNames = (text: string | undefined) =>
  (text ?? '')
    .split(/[\s、，,;；]+/)
    .map((n) => n.trim())
    .filter(Boolean);

type KindMode = 'auto' | 'village' | 'community';
const kindOf = (name: string, mode: KindMode): PlaceKind => (mode === 'auto' ? (name.endsWith('社区') ? 'community' : 'village') : mode);

/** 新增乡镇 (township null) or 添加村（社区） under one township: several names at once. */
export function PlaceAddModal({ township, places, onClose }: { township: PlaceView | null; places: PlaceView[]; onClose: () => void }) {
  const actions = usePlaceActions();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const names = splitNames(Form.useWatch('names', form) as string | undefined);
  const mode = (Form.useWatch('mode', form) as KindMode | undefined) ?? 'auto';
  const existing = new Set(places.filter((p) => p.parentId === (township?.id ?? null)).map((p) => p.name));
  const kinds: PlaceKind[] = township ? ['village', 'community'] : ['township'];
  const byKind = (k: PlaceKind) => (township ? names.filter((n) => kindOf(n, mode) === k) : names);
  const what = township ? '村（社区）' : '乡镇';

  const save = async () => {
    if (!(await validValues(form))) return;
    let added = 0;
    for (const kind of kinds) {
      const batch = byKind(kind);
      if (!batch.length) continue;
      try {
        await actions.create.mutateAsync({ parentId: township?.id ?? null, kind, names: batch });
        added += batch.length;
      } catch (e) {
        if (added) message.warning(`已添加 ${added} 个，以下未添加`);
        form.setFieldsValue({ names: batch.join('\n') });
        return showApiError(form, e, message.error);
      }
    }
    message.success(`已添加 ${added} 个${what}`);
    onClose();
  };

  return (
    <Modal
      open
      title={township ? `添加村（社区）— ${township.name}` : '新增乡镇'}
      okText="添加"
      onOk={save}
      onCancel={onClose}
      confirmLoading={actions.create.isPending}
      destroyOnHidden
      width={560}
    >
      <Form form={form} layout="vertical" initialValues={{ mode: 'auto' }}>
        <Form.Item
          name="names"
          label={`${what}名称`}
          extra="可一次填写多个：每行一个，或用顿号、逗号、空格隔开"
          rules={[
            {
              validator: async (_, v: string | undefined) => {
                const list = splitNames(v);
                if (!list.length) throw new Error(`请填写${what}名称`);
                if (list.length > 100) throw new Error('一次最多添加 100 个');
                const bad = list.find((n) => n.length < 2 || n.length > 20);
                if (bad) throw new Error(`“${bad}”：地名应为 2 至 20 个字`);
                const dup = list.find((n, i) => list.indexOf(n) !== i);
                if (dup) throw new Error(`“${dup}”重复填写`);
                const there = list.filter((n) => existing.has(n));
                if (there.length) throw new Error(`${township?.name ?? ''}${there.join('、')} 已存在`);
              },
            },
          ]}
        >
          <Input.TextArea rows={township ? 6 : 3} placeholder={township ? '如\n东庄坪社区\n太平村、凤阳村' : '如 鸣凤镇'} autoFocus />
        </Form.Item>
        {township && (
          <Form.Item name="mode" label="类型" extra={mode === 'auto' ? '名称以“社区”结尾的为社区，其余为村' : undefined}>
            <Radio.Group
              options={[
                { value: 'auto', label: '按名称识别' },
                { value: 'village', label: '都是村' },
                { value: 'community', label: '都是社区' },
              ]}
            />
          </Form.Item>
        )}
        {names.length > 0 && (
          <div>
            <Typography.Text type="secondary">
              将添加 {kinds.map((k) => byKind(k).length && `${byKind(k).length} 个${PLACE_KIND_LABELS[k]}`).filter(Boolean).join('、')}：
            </Typography.Text>
            <Space size={[4, 4]} wrap style={{ marginTop: 6 }}>
              {names.map((n, i) => (
                <Tag key={`${n}-${i}`} color={township ? (kindOf(n, mode) === 'community' ? 'cyan' : 'green') : 'blue'}>
                  {township?.name}{n}
                </Tag>
              ))}
            </Space>
          </div>
        )}
      </Form>
    </Modal>
  );
}

/** 修改: the name and the place in the list. */
export function PlaceEditModal({ place, onClose }: { place: PlaceView; onClose: () => void }) {
  const { update } = usePlaceActions();
  return (
    <RenameModal
      title={`修改${PLACE_KIND_LABELS[place.kind]} — ${place.fullName}`}
      initial={{ name: place.name, sort: place.sort }}
      maxLength={20}
      sortHint={place.parentId ? '在本乡镇内按排序号从小到大排列' : '乡镇按排序号从小到大排列'}
      saving={update.isPending}
      save={(v) => update.mutateAsync({ id: place.id, ...v })}
      onClose={onClose}
    />
  );
}
