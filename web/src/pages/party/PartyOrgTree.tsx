import { useState } from 'react';
import { Tag, Tree, Typography } from 'antd';
import type { DataNode } from 'antd/es/tree';
import { PARTY_ORG_KIND_LABELS, type PartyOrgKind } from '@server/modules/party/party.schema';
import type { PartyOrgView } from './partyApi';

export const KIND_COLORS: Record<PartyOrgKind, string> = {
  party_group: 'red',
  organ_party_group: 'volcano',
  organ_party_committee: 'orange',
  branch: 'gold',
  temp_branch: 'default',
};

/** The key of the folder that gathers the temporary branches under one parent. */
const TEMP_FOLDER = 'temp:';

function Title({ po }: { po: PartyOrgView }) {
  return (
    <span style={{ display: 'inline-flex', alignItems: 'center', gap: 6, maxWidth: '100%' }}>
      {po.kind !== 'temp_branch' && (
        <Tag color={KIND_COLORS[po.kind]} style={{ marginInlineEnd: 0 }}>
          {PARTY_ORG_KIND_LABELS[po.kind]}
        </Tag>
      )}
      <span>{po.kind === 'temp_branch' ? po.name.replace(/临时党支部$/, '') : po.name}</span>
      <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
        {po.secretary ? `书记 ${po.secretary.name}` : <span style={{ color: '#fa8c16' }}>未配书记</span>} · {po.memberCount} 人
      </Typography.Text>
    </span>
  );
}

/** The flat list as a tree; the temporary branches under one parent are gathered in a folder of their own. */
function toTree(orgs: PartyOrgView[]): DataNode[] {
  const ids = new Set(orgs.map((o) => o.id));
  const childrenOf = (parentId: string | null): DataNode[] => {
    const kids = orgs.filter((o) => (parentId === null ? !o.parentId || !ids.has(o.parentId) : o.parentId === parentId));
    const regular = kids.filter((o) => o.kind !== 'temp_branch').map((o) => node(o));
    const temps = kids.filter((o) => o.kind === 'temp_branch');
    if (!temps.length || parentId === null) return [...regular, ...temps.map((o) => node(o))];
    return [
      ...regular,
      {
        key: `${TEMP_FOLDER}${parentId}`,
        selectable: false,
        title: (
          <span>
            临时党支部{' '}
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {temps.length} 个
            </Typography.Text>
          </span>
        ),
        children: temps.map((o) => node(o)),
      },
    ];
  };
  const node = (o: PartyOrgView): DataNode => {
    const children = childrenOf(o.id);
    return { key: o.id, title: <Title po={o} />, children: children.length ? children : undefined, isLeaf: !children.length };
  };
  return childrenOf(null);
}

const branchKeys = (nodes: DataNode[]): string[] => nodes.flatMap((n) => (n.children?.length ? [String(n.key), ...branchKeys(n.children)] : []));

/** The party organisations, all expanded except those the user folds. */
export function PartyOrgTree({ orgs, selectedId, onSelect }: { orgs: PartyOrgView[]; selectedId?: string; onSelect: (id: string) => void }) {
  const [folded, setFolded] = useState<Set<string>>(new Set());
  const treeData = toTree(orgs);
  return (
    <Tree
      blockNode
      showLine
      expandedKeys={branchKeys(treeData).filter((k) => !folded.has(k))}
      onExpand={(_, { node, expanded }) =>
        setFolded((f) => {
          const next = new Set(f);
          if (expanded) next.delete(String(node.key));
          else next.add(String(node.key));
          return next;
        })
      }
      selectedKeys={selectedId ? [selectedId] : []}
      onSelect={(keys) => keys.length && onSelect(String(keys[0]))}
      treeData={treeData}
    />
  );
}
