import { useState } from 'react';
import { App, Button, Space, Tooltip, Typography } from 'antd';
import { EyeOutlined } from '@ant-design/icons';
import type { ApiError } from '../../api/client';
import { revealContact, type MemberView } from './memberApi';

/** The masked phone, and for those allowed the whole phone and ID number on request (audited). */
export function MemberContact({ m, canReveal }: { m: MemberView; canReveal: boolean }) {
  const [full, setFull] = useState<string | null>(null);
  const { message } = App.useApp();
  if (!m.phoneMasked && !m.idNumberMasked) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <Space size={4}>
      {full ?? m.phoneMasked ?? '—'}
      {canReveal && !full && (
        <Tooltip title="查看完整手机号和身份证号（将记入审计日志）">
          <Button
            type="text"
            size="small"
            icon={<EyeOutlined />}
            aria-label={`查看${m.name}的完整联系方式`}
            onClick={() => revealContact(m.id).then((c) => setFull(`${c.phone ?? '—'}　${c.idNumber ?? ''}`), (e: ApiError) => message.error(e.message))}
          />
        </Tooltip>
      )}
    </Space>
  );
}

export const positionLabel = (m: Pick<MemberView, 'position' | 'standing'>, labels: Record<MemberView['position'], string>) =>
  `${labels[m.position]}${m.standing && m.position === 'member' ? '（常委）' : ''}`;
