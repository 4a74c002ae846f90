import { useState } from 'react';
import { App, Button, Card, Empty, Popconfirm, Space, Tag, Timeline, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { OpinionRecordView } from '@server/modules/opinion/opinion.schema';
import { showApiError } from '../../api/forms';
import { useMe } from '../../api/session';
import { RecordModal } from './OpinionDecision';
import { useOpinionActions, type OpinionView } from './opinionApi';
import { formatDay, formatTime } from './opinionTags';

/** 采用与批示, level by level (county first); staff of an org the report passed through record more, and delete their own mistaken ones. */
export function RecordsCard({ report }: { report: OpinionView }) {
  const { data: me } = useMe();
  const { message } = App.useApp();
  const { removeRecord } = useOpinionActions();
  const [adding, setAdding] = useState(false);
  const org = me?.currentOrg;
  const manages = !!me?.permissions.includes('opinion.manage');
  // the adoption a decision made at this level is the decision itself, not a correction (the server refuses it too)
  const removable = (x: OpinionRecordView) => manages && x.org.id === org?.id && !(x.kind === 'adopted' && x.level === org?.level);

  const row = (x: OpinionRecordView) => (
    <div key={x.id} style={{ padding: '6px 0', borderTop: '1px dashed #f0f0f0' }}>
      <Space style={{ width: '100%', justifyContent: 'space-between' }} align="start">
        <Space size={6} wrap>
          <Tag color={x.kind === 'adopted' ? 'green' : 'red'}>{x.kindLabel}</Tag>
          <Typography.Text strong>{x.byName}</Typography.Text>
          <Typography.Text type="secondary">{x.on}</Typography.Text>
        </Space>
        {removable(x) && (
          <Popconfirm
            title="删除这条登记？"
            description="只用于更正登记错误的记录。"
            okText="删除"
            okButtonProps={{ danger: true }}
            onConfirm={() => removeRecord.mutateAsync({ id: report.id, recordId: x.id }).then(() => message.success('已删除'), (e) => showApiError(null, e, message.error))}
          >
            <Button type="text" size="small" danger icon={<DeleteOutlined />} aria-label="删除登记" />
          </Popconfirm>
        )}
      </Space>
      {x.text && <Typography.Paragraph style={{ margin: '4px 0 0', whiteSpace: 'pre-wrap' }}>{x.text}</Typography.Paragraph>}
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>{x.org.name}登记</Typography.Text>
    </div>
  );

  return (
    <Card title="采用与批示" extra={report.can.record && <Button size="small" icon={<PlusOutlined />} onClick={() => setAdding(true)}>登记采用或批示</Button>}>
      {report.levels.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="尚无采用或批示" />
      ) : (
        report.levels.map((l) => (
          <div key={l.level} style={{ marginBottom: 12 }}>
            <Typography.Text strong style={{ color: '#b7261b' }}>{l.label}</Typography.Text>
            {[...l.adopted, ...l.instructed].map(row)}
          </div>
        ))
      )}
      <RecordModal report={report} open={adding} onClose={() => setAdding(false)} />
    </Card>
  );
}

/** 办理过程: every step with who did it and when. */
export function HistoryCard({ report }: { report: OpinionView }) {
  return (
    <Card title="办理过程">
      {report.history.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无记录" />
      ) : (
        <Timeline
          items={report.history.map((h) => ({
            color: h.action === 'declined' || h.action === 'returned' ? 'red' : h.action === 'adopted' || h.action === 'forwarded' ? 'green' : 'gray',
            content: (
              <>
                <Space size={6} wrap>
                  <Typography.Text strong>{h.label}</Typography.Text>
                  {h.actorName && <Typography.Text>{h.actorName}</Typography.Text>}
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>{formatTime(h.at)}</Typography.Text>
                </Space>
                {h.summary && <div style={{ color: '#595959', whiteSpace: 'pre-wrap' }}>{h.summary}</div>}
              </>
            ),
          }))}
        />
      )}
      {report.submittedAt && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          报送于 {formatDay(report.submittedAt)}
          {report.decidedAt ? `，处理于 ${formatDay(report.decidedAt)}` : ''}
        </Typography.Text>
      )}
    </Card>
  );
}
