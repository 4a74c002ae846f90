import { Space, Tag, Tooltip } from 'antd';
import dayjs from 'dayjs';
import { OPINION_LEVEL_LABELS, type OpinionLevel, type OpinionListItem, type OpinionStatus } from '@server/modules/opinion/opinion.schema';

const STATUS_COLORS: Record<OpinionStatus, string | undefined> = {
  draft: undefined,
  submitted: 'processing',
  returned: 'warning',
  adopted: 'success',
  forwarded: 'cyan',
  declined: 'default',
};

/** 草稿 / 已报送 / 已采用 … in the colour of the state. */
export const OpinionStatusTag = ({ status, label }: { status: OpinionStatus; label: string }) => <Tag color={STATUS_COLORS[status]}>{label}</Tag>;

/** 县级 → 县采用 */
const short = (l: OpinionLevel) => OPINION_LEVEL_LABELS[l].replace('级', '');

/** 县采用 · 市采用 · 批示 2: what became of a report, at a glance. */
export function RecordBadges({ r }: { r: Pick<OpinionListItem, 'adoptedLevels' | 'instructedCount'> }) {
  if (!r.adoptedLevels.length && !r.instructedCount) return <span style={{ color: '#bfbfbf' }}>—</span>;
  return (
    <Space size={4} wrap>
      {r.adoptedLevels.map((l) => (
        <Tag key={l} color={l === 'county' ? 'green' : l === 'city' ? 'blue' : 'purple'} style={{ marginInlineEnd: 0 }}>
          {short(l)}采用
        </Tag>
      ))}
      {r.instructedCount > 0 && (
        <Tooltip title={`获领导批示 ${r.instructedCount} 次`}>
          <Tag color="red" style={{ marginInlineEnd: 0 }}>
            批示{r.instructedCount > 1 ? ` ${r.instructedCount}` : ''}
          </Tag>
        </Tooltip>
      )}
    </Space>
  );
}

/** Today in China (the server counts days there), whatever the browser's time zone. */
export const chinaToday = () => dayjs(new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' }));

export const formatDay = (iso: string | null) => (iso ? new Date(iso).toLocaleDateString('zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).replaceAll('/', '-') : '—');
export const formatTime = (iso: string | null) =>
  iso ? new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false }).replaceAll('/', '-') : '—';
