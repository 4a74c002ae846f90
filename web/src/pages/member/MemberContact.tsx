import { useState } from 'react';
import { App, Button, Space, Tooltip, Typography } from 'antd';
import { EyeOutlined } from '@ant-design/icons';
import type { ApiError } from '../../api/client';
import { revealContact, type MemberView } from './memberApi';

type Contact = Awaited<ReturnType<typeof revealContact>>;

/** The whole phone and ID number, fetched only when asked for (each look-up is audited). */
export function useMemberContact(id: string) {
  // kept with the member it belongs to: the page stays mounted when it moves to another member
  const [shown, setShown] = useState<{ id: string; contact: Contact } | null>(null);
  const { message } = App.useApp();
  const reveal = () => revealContact(id).then((contact) => setShown({ id, contact }), (e: ApiError) => message.error(e.message));
  return { contact: shown?.id === id ? shown.contact : null, reveal };
}

/** The eye button that asks for the whole numbers. */
export function RevealButton({ m, onReveal }: { m: MemberView; onReveal: () => void }) {
  return (
    <Tooltip title="查看完整手机号和身份证号（将记入审计日志）">
      <Button type="text" size="small" icon={<EyeOutlined />} aria-label={`查看${m.name}的完整联系方式`} onClick={onReveal} />
    </Tooltip>
  );
}

/** 1962-07 → 1962年7月; a year alone → 1962年 (the birth date as this viewer may see it). */
export const birthLabel = (m: Pick<MemberView, 'birthMonth' | 'birthYear'>) =>
  m.birthMonth ? `${m.birthMonth.slice(0, 4)}年${Number(m.birthMonth.slice(5, 7))}月` : m.birthYear ? `${m.birthYear}年` : '—';

/** 身份证号 as shown without the reveal: whether one is registered, never its digits. */
export const idNumberLabel = (m: Pick<MemberView, 'idNumberOnFile'>) => (m.idNumberOnFile ? '已登记' : '未登记');

/** A list cell: the masked phone, and for those allowed the whole phone and ID number on request (audited). */
export function MemberContact({ m, canReveal }: { m: MemberView; canReveal: boolean }) {
  const { contact, reveal } = useMemberContact(m.id);
  if (!m.phoneMasked && !m.idNumberOnFile) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <Space size={4}>
      {contact ? `${contact.phone ?? '—'}　${contact.idNumber ?? ''}` : (m.phoneMasked ?? '—')}
      {canReveal && !contact && <RevealButton m={m} onReveal={reveal} />}
    </Space>
  );
}

export const positionLabel = (m: Pick<MemberView, 'position' | 'standing'>, labels: Record<MemberView['position'], string>) =>
  `${labels[m.position]}${m.standing && m.position === 'member' ? '（常委）' : ''}`;
