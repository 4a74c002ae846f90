import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { Alert, Button, Card, Col, Descriptions, Empty, Result, Row, Space, Spin, Tag, Timeline, Typography } from 'antd';
import { DetailHeader } from '../../components/DetailHeader';
import { useMe } from '../../api/session';
import { EscalateModal, type ConcernRef } from './EscalateModal';
import { PhotoGrid, ResidentContact, Rows } from './RequestParts';
import { RequestActions } from './RequestActions';
import { SimilarPanel } from './SimilarPanel';
import { DueCell, PublishTag, RatingTag, StatusTag, minute, overdueDays } from './requestTags';
import { useRequest, type RequestDetailView } from './requestApi';

const escalationLink = (e: RequestDetailView['escalations'][number]) =>
  e.kind === 'opinion_report' && e.targetId ? `/opinion-reports/${e.targetId}` : `/request-escalations?kind=${e.kind}`;

/** 诉求详情: the concern, its routing and deadline, the resident (masked), the answer and rating, the timeline, escalations, similar items, staff actions. */
export function RequestPage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const { data: me } = useMe();
  const canManage = !!me?.permissions.includes('request.manage');
  const { data: r, isLoading, error } = useRequest(id);
  const [converting, setConverting] = useState<ConcernRef[] | null>(null);
  if (isLoading) return <Spin style={{ display: 'block', margin: 48 }} />;
  if (error || !r) return <Result status="404" title="诉求不存在" subTitle="该诉求不存在或不属于当前组织。" extra={<Button onClick={() => navigate('/requests')}>返回诉求列表</Button>} />;
  const isOpen = r.status === 'new' || r.status === 'claimed' || r.status === 'reopened';
  const answeredBy = r.events.findLast((e) => e.kind === 'answered')?.actorName;
  const self: ConcernRef = { id: r.id, code: r.code, title: r.title, member: r.member };

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <DetailHeader
        title={r.title}
        tags={
          <>
            <StatusTag status={r.status} />
            {r.overdue && <Tag color="red">超期{overdueDays(r.dueAt)}天</Tag>}
            <PublishTag state={r.publishState} />
          </>
        }
        meta={
          <>
            查询码 <Typography.Text code copyable>{r.code}</Typography.Text>· {r.category.name} · {r.place.fullName} · {minute(r.createdAt)} 提交
            {r.followCount ? ` · ${r.followCount} 人关注` : ''}
          </>
        }
        actions={canManage && <RequestActions r={r} onConvert={setConverting} />}
      >
        {r.publishState === 'hidden' && <Alert style={{ marginTop: 12 }} type="error" showIcon title={`已屏蔽：${r.publishReason ?? ''}`} description="不在诉求公示中显示；群众凭查询码仍能看到自己的诉求和答复。" />}
        {r.status === 'reopened' && <Alert style={{ marginTop: 12 }} type="warning" showIcon title={`群众对答复不满意，已重新办理（第 ${r.reopenCount} 次）`} description={r.ratingComment ? `群众意见：${r.ratingComment}` : undefined} />}
      </DetailHeader>
      <Row gutter={16}>
        <Col xs={24} xl={15}>
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            <Card title="诉求内容">
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', fontSize: 15 }}>{r.content}</Typography.Paragraph>
              <PhotoGrid photos={r.photos} />
              <Descriptions size="small" column={2} style={{ marginTop: 16 }}>
                <Descriptions.Item label="分类">{r.category.name}</Descriptions.Item>
                <Descriptions.Item label="地点">{r.place.fullName}</Descriptions.Item>
                <Descriptions.Item label="群众">
                  <ResidentContact r={r} />
                </Descriptions.Item>
                <Descriptions.Item label="提交时间">{minute(r.createdAt)}</Descriptions.Item>
              </Descriptions>
            </Card>
            <Card title="答复与评价">
              {r.answer ? (
                <>
                  <Space wrap style={{ marginBottom: 8 }}>
                    <Tag color="green">{r.outcomeLabel}</Tag>
                    {r.department && <Typography.Text>转交：{r.department}</Typography.Text>}
                    {r.mergedInto && (
                      <Typography.Text>
                        并入 <Link to={`/requests/${r.mergedInto.id}`}>{r.mergedInto.code} {r.mergedInto.title}</Link>
                      </Typography.Text>
                    )}
                    <Typography.Text type="secondary">
                      {answeredBy ? `${answeredBy} · ` : ''}{minute(r.answeredAt)} 答复
                      {r.firstAnsweredAt && r.firstAnsweredAt !== r.answeredAt ? `（首次答复 ${minute(r.firstAnsweredAt)}）` : ''}
                    </Typography.Text>
                  </Space>
                  <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{r.answer}</Typography.Paragraph>
                  <PhotoGrid photos={r.answerPhotos} />
                  <Descriptions size="small" column={1} style={{ marginTop: 12 }}>
                    <Descriptions.Item label="群众评价">
                      {r.rating ? (
                        <Space>
                          <RatingTag rating={r.rating} />
                          <Typography.Text type="secondary">{minute(r.ratedAt)}</Typography.Text>
                        </Space>
                      ) : r.status === 'answered' ? '等待群众评价' : '—'}
                    </Descriptions.Item>
                    {r.ratingComment && <Descriptions.Item label="评价意见">{r.ratingComment}</Descriptions.Item>}
                  </Descriptions>
                </>
              ) : (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={r.status === 'closed' ? '未答复即办结，见办理过程' : '尚未答复'} />
              )}
            </Card>
            <Card title="办理过程">
              <Timeline
                items={r.events.map((e) => ({
                  color: e.kind === 'reopened' || e.kind === 'hidden' || e.kind === 'reminded' ? 'red' : e.kind === 'answered' || e.kind === 'closed' ? 'green' : 'gray',
                  content: (
                    <Space orientation="vertical" size={0}>
                      <Typography.Text strong>{e.label}</Typography.Text>
                      {e.note && <Typography.Text>{e.note}</Typography.Text>}
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>{e.actorName} · {minute(e.at)}</Typography.Text>
                    </Space>
                  ),
                }))}
              />
            </Card>
          </Space>
        </Col>
        <Col xs={24} xl={9}>
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            <Card title="办理安排" size="small">
              <Descriptions size="small" column={1}>
                <Descriptions.Item label="活动小组">{r.group?.name ?? <Typography.Text type="warning">未分派</Typography.Text>}</Descriptions.Item>
                <Descriptions.Item label="对口专委会">{r.committee?.name ?? '—'}</Descriptions.Item>
                <Descriptions.Item label="办理委员">{r.member ? <Link to={`/members/${r.member.id}`}>{r.member.name}</Link> : <Typography.Text type="secondary">{isOpen ? '待认领' : '—'}</Typography.Text>}</Descriptions.Item>
                <Descriptions.Item label="分派方式">{r.routedBy === 'staff' ? '机关干部改派' : '按地点和分类自动分派'}</Descriptions.Item>
                <Descriptions.Item label="答复期限">
                  <DueCell r={r} />
                </Descriptions.Item>
                {r.closedAt && <Descriptions.Item label="办结时间">{minute(r.closedAt)}</Descriptions.Item>}
              </Descriptions>
            </Card>
            <Card title="转化去向" size="small">
              <Rows
                items={r.escalations}
                keyOf={(e) => e.id}
                empty="尚未转化"
                render={(e) => (
                    <Space orientation="vertical" size={0}>
                      <Space size={4}>
                        <Tag color="purple">{e.kindLabel}</Tag>
                        <Link to={escalationLink(e)}>{e.title}</Link>
                      </Space>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>{minute(e.createdAt)}</Typography.Text>
                    </Space>
                )}
              />
            </Card>
            <SimilarPanel id={r.id} self={self} canConvert={canManage} onConvert={setConverting} />
          </Space>
        </Col>
      </Row>
      <EscalateModal concerns={converting} onClose={() => setConverting(null)} />
    </Space>
  );
}
