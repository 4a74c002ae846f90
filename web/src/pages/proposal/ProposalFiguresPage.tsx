import { useNavigate, useSearchParams } from 'react-router-dom';
import { Alert, Button, Card, Col, Empty, Row, Select, Space, Spin, Statistic, Tabs, Tooltip, Typography } from 'antd';
import { DownloadOutlined, FileWordOutlined, QuestionCircleOutlined } from '@ant-design/icons';
import { ApiError } from '../../api/client';
import { EChart } from '../../components/EChart';
import { compilationUrl, unitReportXlsxUrl, useProposalFigures, useProposalRules, useUnitReport, type ProposalFigures } from './proposalApi';
import { byCategory, byReplyCategory } from './proposalCharts';
import { chinaToday, useProposalRole } from './proposalTags';
import { percent } from './unitApi';
import { UnitReportTable } from './UnitReportTable';

const errorText = (e: unknown) => (e instanceof ApiError ? e.message : '统计数据加载失败，请稍后重试');
const thisYear = chinaToday().year();
const YEARS = Array.from({ length: 6 }, (_, i) => thisYear - i);

function Kpi({ title, value, suffix, hint, warn, to }: { title: string; value: number | string; suffix?: string; hint?: string; warn?: boolean; to?: string }) {
  const navigate = useNavigate();
  return (
    <Card size="small" hoverable={!!to} onClick={to ? () => navigate(to) : undefined} style={{ height: '100%' }}>
      <Statistic
        title={
          <Space size={4}>
            {title}
            {hint && (
              <Tooltip title={hint}>
                <QuestionCircleOutlined style={{ color: '#8c8c8c' }} />
              </Tooltip>
            )}
          </Space>
        }
        value={value}
        suffix={typeof value === 'number' ? suffix : undefined}
        styles={{ content: { fontSize: 22, ...(warn ? { color: '#cf1322' } : {}) } }}
      />
    </Card>
  );
}

/** 提交 … 满意率: nine tiles (the server counts proposals by their current status; 提交 and 立案 add them up), each count a way into its list. */
function Kpis({ f }: { f: ProposalFigures }) {
  const { staff } = useProposalRole();
  const filed = f.filed + f.merged + f.assigned + f.replied + f.closed;
  const submitted = filed + f.submitted + f.declined + f.converted;
  const list = (tab: string, status?: string) => `/proposals?tab=${tab}${f.sessionId ? `&sessionId=${f.sessionId}` : ''}${status ? `&status=${status}` : ''}`;
  const tiles = [
    { title: '提交', value: submitted, hint: '提交审查的提案，含不予立案、转办和并案的', to: list('all') },
    { title: '立案', value: filed, hint: '已立案编号的提案，含并入其他提案的', to: list('all') },
    { title: '办理中', value: f.assigned, hint: '已交办、尚未全部答复', to: list('all', 'assigned') },
    { title: '已答复', value: f.replied, hint: '承办单位均已答复，等待提案者测评', to: list('all', 'replied') },
    { title: '已办结', value: f.closed, hint: '提案者均已对答复作出测评', to: list('all', 'closed') },
    { title: '超期', value: f.overdue, warn: f.overdue > 0, hint: '有承办单位超过答复期限尚未答复的提案', to: staff ? list('overdue') : list('all', 'assigned') },
    { title: '重点提案', value: f.key, hint: '经主席会议确定的重点提案', to: list('key') },
    { title: '按期答复率', value: percent(f.onTimeRate), hint: '按期答复的件次占已答复和超期未答复件次之和的比例（按承办单位计）' },
    { title: '满意率', value: percent(f.satisfactionRate), hint: '提案者对办理结果测评为满意和基本满意的占全部测评的比例' },
  ];
  const now = [f.submitted && `待审查 ${f.submitted} 件`, f.filed && `已立案待交办 ${f.filed} 件`, f.declined && `不予立案 ${f.declined} 件`, f.converted && `转办 ${f.converted} 件`, f.merged && `并案 ${f.merged} 件`].filter(Boolean);
  return (
    <>
      <Row gutter={[12, 12]}>
        {tiles.map((t) => (
          <Col key={t.title} flex="1 0 120px">
            <Kpi suffix="件" {...t} />
          </Col>
        ))}
      </Row>
      {now.length > 0 && <Typography.Text type="secondary">其中{now.join('，')}。</Typography.Text>}
    </>
  );
}

function Overview({ f, error, loading, sessionName }: { f: ProposalFigures | undefined; error: unknown; loading: boolean; sessionName: string }) {
  if (error) return <Alert type="error" showIcon title={errorText(error)} />;
  if (!f) return <Spin style={{ display: 'block', margin: 48 }} />;
  const total = f.submitted + f.filed + f.declined + f.converted + f.merged + f.assigned + f.replied + f.closed;
  return (
    <Spin spinning={loading}>
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        <Kpis f={f} />
        {total === 0 ? (
          <Empty description={f.sessionId ? `${sessionName}还没有提交的提案` : '尚未设置届次会议'} />
        ) : (
          <Row gutter={16}>
            <Col xs={24} xl={13}>
              <Card size="small" title="按提案分类">
                <EChart option={byCategory(f)} height={Math.max(240, f.byCategory.length * 34 + 40)} label="提案按分类统计图" />
              </Card>
            </Col>
            <Col xs={24} xl={11}>
              <Card size="small" title="按答复类别">
                {f.byReplyCategory.some((c) => c.count > 0) ? (
                  <>
                    <EChart option={byReplyCategory(f)} height={260} label="提案答复类别统计图" />
                    <Space orientation="vertical" size={0}>
                      {f.byReplyCategory.map((c) => (
                        <Typography.Text key={c.code} type="secondary" style={{ fontSize: 12 }}>
                          {c.code} 类：{c.label}（{c.count} 件）
                        </Typography.Text>
                      ))}
                    </Space>
                  </>
                ) : (
                  <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="还没有答复" style={{ margin: '48px 0' }} />
                )}
              </Card>
            </Col>
          </Row>
        )}
      </Space>
    </Spin>
  );
}

function UnitReport({ year, setYear }: { year: number; setYear: (y: number) => void }) {
  const { data, error, isFetching } = useUnitReport(year);
  const { data: rules } = useProposalRules();
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Space wrap style={{ width: '100%', justifyContent: 'space-between' }}>
        <Space>
          <Select value={year} style={{ width: 110 }} options={YEARS.map((y) => ({ value: y, label: `${y} 年` }))} onChange={setYear} aria-label="年度" />
          <Typography.Text type="secondary">按交办日期统计该年度交办的提案；按期答复率、满意率计至今日</Typography.Text>
        </Space>
        <Tooltip title="导出记入审计日志">
          <Button icon={<DownloadOutlined />} href={unitReportXlsxUrl(year)}>导出 Excel</Button>
        </Tooltip>
      </Space>
      {error ? <Alert type="error" showIcon title={errorText(error)} /> : <UnitReportTable rows={data?.rows ?? []} categories={rules?.rules.replyCategories ?? []} loading={isFetching && !data} />}
    </Space>
  );
}

/**
 * 提案统计与办理报告: a session's figures (counts, on-time and satisfaction rates, by category and by
 * reply category) and the units' yearly handling report with its Excel export.
 */
export function ProposalFiguresPage() {
  const [params, setParams] = useSearchParams();
  const { data: rules } = useProposalRules();
  const sessions = rules?.sessions ?? [];
  const tab = params.get('tab') === 'units' ? 'units' : 'overview';
  // without a choice the server takes the session proposals go to now
  const { data: f, error, isFetching } = useProposalFigures(params.get('session') ?? undefined);
  const sessionId = params.get('session') ?? f?.sessionId ?? undefined;
  const sessionName = sessions.find((s) => s.id === sessionId)?.name ?? '';
  const year = Number(params.get('year')) || thisYear;
  const set = (k: string, v: string) =>
    setParams(
      (p) => {
        p.set(k, v);
        return p;
      },
      { replace: true },
    );

  return (
    <Card title="提案统计与办理报告">
      <Tabs
        activeKey={tab}
        onChange={(k) => set('tab', k)}
        tabBarExtraContent={
          tab === 'overview' &&
          sessions.length > 0 && (
            <Space>
              <Select
                value={sessionId}
                placeholder="选择会议"
                style={{ width: 200 }}
                aria-label="会议"
                options={[...sessions].reverse().map((s) => ({ value: s.id, label: `${s.name}${s.current ? '（本次）' : ''}` }))}
                onChange={(v) => set('session', v)}
              />
              {sessionId && (
                <Tooltip title={`${sessionName}立案提案的汇编（Word）`}>
                  <Button icon={<FileWordOutlined />} href={compilationUrl(sessionId)}>提案汇编</Button>
                </Tooltip>
              )}
            </Space>
          )
        }
        items={[
          { key: 'overview', label: '提案统计', children: <Overview f={f} error={error} loading={isFetching} sessionName={sessionName} /> },
          { key: 'units', label: '承办单位年度办理情况', children: <UnitReport year={year} setYear={(y) => set('year', String(y))} /> },
        ]}
      />
    </Card>
  );
}
