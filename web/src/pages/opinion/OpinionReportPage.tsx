import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { Alert, App, Button, Card, Col, Form, Input, List, Popconfirm, Result, Row, Space, Spin, Typography } from 'antd';
import { DownloadOutlined, EditOutlined, PaperClipOutlined } from '@ant-design/icons';
import { ApiError } from '../../api/client';
import { showApiError, validValues } from '../../api/forms';
import { useMe } from '../../api/session';
import { DetailHeader } from '../../components/DetailHeader';
import { DecisionModal, type DecisionAction } from './OpinionDecision';
import { OpinionForm } from './OpinionForm';
import { HistoryCard, RecordsCard } from './OpinionRecords';
import { opinionFileUrl, useOpinionActions, useOpinionReport, type OpinionView } from './opinionApi';
import { formatDay, OpinionStatusTag, RecordBadges } from './opinionTags';

const size = (n: number) => (n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} KB`);

/** Staff edit the wording while deciding (the member's text stays in the history and the audit log). */
function BodyEditor({ report, onDone }: { report: OpinionView; onDone: () => void }) {
  const [form] = Form.useForm<{ title: string; body: string }>();
  const { message } = App.useApp();
  const { edit } = useOpinionActions();
  const save = async () => {
    const v = await validValues(form);
    if (!v) return;
    try {
      await edit.mutateAsync({ id: report.id, ...v });
      message.success('已保存修改');
      onDone();
    } catch (e) {
      showApiError(form, e, message.error);
    }
  };
  return (
    <Form form={form} layout="vertical" initialValues={{ title: report.title, body: report.body }}>
      <Form.Item name="title" label="标题" rules={[{ required: true, whitespace: true, message: '请填写标题' }, { min: 4, message: '标题至少 4 个字' }]}>
        <Input maxLength={60} showCount />
      </Form.Item>
      <Form.Item name="body" label="正文" rules={[{ required: true, whitespace: true, message: '请填写正文' }, { min: 50, message: '正文至少 50 个字' }]}>
        <Input.TextArea autoSize={{ minRows: 12, maxRows: 30 }} maxLength={5000} showCount />
      </Form.Item>
      <Space>
        <Button type="primary" onClick={save} loading={edit.isPending}>保存修改</Button>
        <Button onClick={onDone}>取消</Button>
      </Space>
    </Form>
  );
}

/**
 * 社情民意信息详情: the text (staff may edit it while deciding), authors, attachments, the decision
 * buttons, adoptions and instructions per level, the history, and the concerns it came from.
 */
export function OpinionReportPage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const { data: me } = useMe();
  const { data: r, error, isLoading } = useOpinionReport(id);
  const { submit } = useOpinionActions();
  const [editing, setEditing] = useState(false);
  const [writing, setWriting] = useState(false);
  const [action, setAction] = useState<DecisionAction | null>(null);
  if (isLoading) return <Spin />;
  if (error || !r)
    return (
      <Result
        status={error instanceof ApiError && error.status === 403 ? '403' : '404'}
        title="无法查看这条信息"
        subTitle={error instanceof ApiError ? error.message : '信息不存在或您无权查看。'}
        extra={<Button onClick={() => navigate('/opinion-reports')}>返回列表</Button>}
      />
    );
  const here = me?.currentOrg?.id;
  const c = r.can;

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <DetailHeader
        title={r.title}
        tags={
          <>
            <OpinionStatusTag status={r.status} label={r.status === 'forwarded' && r.forwardedTo?.id === here ? '待本级处理' : r.statusLabel} />
            {(r.adoptedLevels.length > 0 || r.instructedCount > 0) && <RecordBadges r={r} />}
          </>
        }
        meta={
          <>
            {r.org.name} · {r.authors.map((a) => a.name).join('、')} · {r.submittedAt ? `报送于 ${formatDay(r.submittedAt)}` : `撰写于 ${formatDay(r.createdAt)}`}
            {r.forwardedTo && (r.forwardedTo.id === here ? ' · 转报本会' : ` · 已转报${r.forwardedTo.name}`)}
          </>
        }
        actions={
          <Space wrap>
            {c.edit && <Button icon={<EditOutlined />} onClick={() => setWriting(true)}>修改</Button>}
            {c.submit && (
              <Popconfirm title="报送这条信息？" description="报送后不能再修改，除非机关退回。" okText="报送" onConfirm={() => submit.mutateAsync(r.id).then(() => message.success('已报送'), (e) => showApiError(null, e, message.error))}>
                <Button type="primary">报送</Button>
              </Popconfirm>
            )}
            {c.staffEdit && !editing && <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>编辑文字</Button>}
            {c.decide && <Button type="primary" onClick={() => setAction('adopt')}>采用</Button>}
            {c.forward && <Button onClick={() => setAction('forward')}>报送上级</Button>}
            {c.returnToAuthor && <Button onClick={() => setAction('return')}>退回修改</Button>}
            {c.decide && <Button danger onClick={() => setAction('decline')}>不予采用</Button>}
          </Space>
        }
      >
        {r.reason && <Alert style={{ marginTop: 12 }} type={r.status === 'returned' ? 'warning' : 'info'} showIcon title={`${r.status === 'returned' ? '退回修改' : '不予采用'}的理由：${r.reason}`} />}
        {r.status === 'draft' && <Alert style={{ marginTop: 12 }} type="info" showIcon title="这是草稿，只有作者能看到；报送后机关才会收到。" />}
      </DetailHeader>
      <Row gutter={16}>
        <Col span={15}>
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            <Card title="正文">
              {editing ? (
                <BodyEditor report={r} onDone={() => setEditing(false)} />
              ) : (
                <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', fontSize: 15, lineHeight: 1.9, marginBottom: 0 }}>{r.body}</Typography.Paragraph>
              )}
            </Card>
            <Card title="附件">
              <List
                size="small"
                dataSource={r.files}
                locale={{ emptyText: '无附件' }}
                renderItem={(f) => (
                  <List.Item actions={[<a key="dl" href={opinionFileUrl(r.id, f.id)} download={f.name}><DownloadOutlined /> 下载</a>]}>
                    <Space>
                      <PaperClipOutlined />
                      <a href={opinionFileUrl(r.id, f.id)} download={f.name}>{f.name}</a>
                      <Typography.Text type="secondary">{size(f.size)}</Typography.Text>
                    </Space>
                  </List.Item>
                )}
              />
            </Card>
            {r.fromRequests.length > 0 && (
              <Card title="来自群众诉求">
                <List
                  size="small"
                  dataSource={r.fromRequests}
                  renderItem={(q) => (
                    <List.Item>
                      <Space>
                        <Typography.Text type="secondary">{q.code}</Typography.Text>
                        {me?.permissions.includes('request.read') ? <Link to={`/requests/${q.id}`}>{q.title}</Link> : <a href={`/m/requests/${q.id}`}>{q.title}</a>}
                      </Space>
                    </List.Item>
                  )}
                />
              </Card>
            )}
          </Space>
        </Col>
        <Col span={9}>
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            <Card title="作者">
              <List
                size="small"
                dataSource={r.authors}
                renderItem={(a, i) => (
                  <List.Item>
                    <List.Item.Meta
                      title={
                        <Space>
                          {r.org.id === here ? <Link to={`/members/${a.id}`}>{a.name}</Link> : a.name}
                          <Typography.Text type="secondary" style={{ fontSize: 12 }}>{i === 0 ? '第一作者' : '联名'}</Typography.Text>
                        </Space>
                      }
                      description={[a.sector, a.workUnit].filter(Boolean).join(' · ')}
                    />
                  </List.Item>
                )}
              />
            </Card>
            <RecordsCard report={r} />
            {r.bulletins.length > 0 && (
              <Card title="编入期刊">
                <List
                  size="small"
                  dataSource={r.bulletins}
                  renderItem={(b) => (
                    <List.Item>
                      {b.org.id === here ? <Link to={`/bulletins?open=${b.id}`}>{`${b.title} ${b.year}年第${b.number}期`}</Link> : `${b.org.name}《${b.title}》${b.year}年第${b.number}期`}
                    </List.Item>
                  )}
                />
              </Card>
            )}
            <HistoryCard report={r} />
          </Space>
        </Col>
      </Row>
      <DecisionModal report={r} action={action} onClose={() => setAction(null)} />
      <OpinionForm open={writing} report={r} onClose={() => setWriting(false)} />
    </Space>
  );
}
