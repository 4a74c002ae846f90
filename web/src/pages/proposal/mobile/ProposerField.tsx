import { DotLoading, Input, Selector } from 'antd-mobile';
import type { ProposerKind } from '@server/modules/proposal/proposal.schema';
import { useCommittees, useGroups, useSectors } from './memberProposalApi';

/** The kinds a member chooses from, in the words of the form; collective ones are written by the body's convener. */
export const PROPOSER_OPTIONS: { label: string; value: ProposerKind }[] = [
  { label: '个人/联名', value: 'member' },
  { label: '界别', value: 'sector' },
  { label: '委员活动小组', value: 'group' },
  { label: '专门委员会', value: 'committee' },
  { label: '民主党派', value: 'party' },
  { label: '人民团体', value: 'people_org' },
];

/** A single choice that stays chosen when tapped again (antd-mobile's Selector would clear it). */
export function OneOf<T extends string>({ value, onChange, options, columns = 3 }: { value?: T; onChange?: (v: T) => void; options: { label: string; value: T }[]; columns?: number }) {
  return (
    <Selector
      columns={columns}
      options={options}
      value={value ? [value] : []}
      onChange={(v) => {
        if (v.length) onChange?.(v[0]);
      }}
      style={{ '--padding': '8px 4px' }}
    />
  );
}

/** The sector, group or committee of a collective proposal, from the org's lists. */
export function BodyPicker({ kind, value, onChange }: { kind: ProposerKind; value?: string | null; onChange?: (v: string) => void }) {
  const sectors = useSectors(kind === 'sector');
  const groups = useGroups(kind === 'group');
  const committees = useCommittees(kind === 'committee');
  const q = kind === 'sector' ? sectors : kind === 'group' ? groups : committees;
  if (q.isLoading) return <DotLoading />;
  const options = (q.data ?? []).map((b) => ({ label: b.name, value: b.id }));
  if (!options.length) return <div style={{ color: '#999', fontSize: 14 }}>本组织尚未设置</div>;
  return <OneOf columns={2} value={value ?? undefined} onChange={onChange} options={options} />;
}

/** A party's or people's organisation's name. */
export function BodyName({ kind, value, onChange }: { kind: ProposerKind; value?: string | null; onChange?: (v: string) => void }) {
  return (
    <Input
      value={value ?? ''}
      onChange={onChange}
      maxLength={40}
      clearable
      placeholder={kind === 'party' ? '如：民盟远安县基层委员会' : '如：远安县总工会'}
    />
  );
}
