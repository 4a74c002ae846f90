import { useState } from 'react';
import { App, Modal, Select, Spin, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { SELECTOR_LABELS } from '@server/modules/liaison/liaison.schema';
import type { CoverageView } from './liaisonApi';
import { searchKeepers, useLiaisonActions, type MemberBrief } from './liaisonApi';

/** 指定联系人: one keeper, fit for the level, for the chosen members; shows how many each keeper already has. */
export function KeeperPicker({ level, targets, onClose }: { level: CoverageView['levels'][number] | null; targets: MemberBrief[]; onClose: (done: boolean) => void }) {
  const [q, setQ] = useState('');
  const [keeperId, setKeeperId] = useState<string>();
  const { link } = useLiaisonActions();
  const { message } = App.useApp();
  const { data, isFetching } = useQuery({
    queryKey: ['liaison', 'keepers', level?.index, q],
    queryFn: () => searchKeepers(level!.index, q),
    enabled: !!level,
    placeholderData: (p) => p,
  });
  if (!level) return null;
  const keeperLabel = SELECTOR_LABELS[level.keeper];
  return (
    <Modal
      open
      title={`指定联系人（${level.label}）`}
      okText="确定"
      okButtonProps={{ disabled: !keeperId, loading: link.isPending }}
      onCancel={() => onClose(false)}
      onOk={async () => {
        try {
          const r = await link.mutateAsync({ keeperId: keeperId!, targetIds: targets.map((t) => t.id) });
          message.success(`已落实联系 ${r.created} 人${r.already ? `（${r.already} 人原已由其联系）` : ''}`);
          onClose(true);
        } catch (e) {
          message.error((e as Error).message);
        }
      }}
    >
      <Typography.Paragraph>
        被联系的委员（{targets.length} 人）：{targets.slice(0, 15).map((t) => t.name).join('、')}
        {targets.length > 15 ? ' 等' : ''}
      </Typography.Paragraph>
      <Typography.Paragraph type="secondary">联系人须为{keeperLabel}；括号内为其已联系的人数，便于均衡分配。</Typography.Paragraph>
      <Select
        style={{ width: '100%' }}
        showSearch={{ filterOption: false, onSearch: setQ }}
        placeholder={`搜索${keeperLabel}（姓名、拼音或首字母）`}
        value={keeperId}
        onChange={setKeeperId}
        notFoundContent={isFetching ? <Spin size="small" /> : `没有符合的${keeperLabel}`}
        options={data?.items.map((k) => ({ value: k.id, label: `${k.name}（${k.sector}·${k.party}，已联系 ${k.load} 人）` }))}
      />
    </Modal>
  );
}
