import { useMemo, useState } from 'react';
import { Alert, Button, Card, Col, DatePicker, Empty, Row, Segmented, Select, Space, Spin, Statistic, Tooltip, Typography } from 'antd';
import { DownloadOutlined, QuestionCircleOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { OPINION_LEVEL_LABELS, OPINION_LEVELS } from '@server/modules/opinion/opinion.schema';
import { ApiError } from '../../api/client';
import { EChart } from '../../components/EChart';
import { chinaToday } from '../opinion/opinionTags';
import { usePlaces } from '../place/placeApi';
import { adoptionByLevel, opinionMonthly, requestByCategory, requestByPlace, requestMonthly } from './figuresCharts';
import { ON_TIME_RATE_HINT } from '@server/modules/figures/figures.schema';
import { figuresExportUrl, percent, useOpinionFigures, useRequestFigures } from './figuresApi';
import { MemberRanking, StatsTable } from './FiguresTables';

type Period = 'year' | '30d' | 'custom';
const DAY = 'YYYY-MM-DD';

/** The period's first and last day: this year so far, the last 30 days, or a range picked. */
function periodOf(p: Period, range: [Dayjs, Dayjs] | null) {
  const today = chinaToday();
  if (p === '30d') return { from: today.subtract(29, 'day').format(DAY), to: today.format(DAY) };
  if (p === 'custom' && range) return { from: range[0].format(DAY), to: range[1].format(DAY) };
  return { from: today.startOf('year').format(DAY), to: today.format(DAY) };
}

const Kpi = ({ title, value, suffix, hint, warn }: { title: string; value: number | string; suffix?: string; hint?: string; warn?: boolean }) => (
  <Card size="small">
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
      suffix={suffix}
      styles={{ content: warn ? { color: '#cf1322' } : undefined }}
    />
  </Card>
);

const errorText = (e: unknown) => (e instanceof ApiError ? e.message : '统计数据加载失败，请稍后重试');

/**
 * 统计: concerns (raised, answered in time, solved, satisfaction, time to first answer) and opinion
 * reports (written, adopted per level, instructed) of a period, by month, township and category;
 * 导出 Excel with the same period.
 */
export function FiguresPage() {
  const [period, setPeriod] = useState<Period>('year');
  const [range, setRange] = useState<[Dayjs, Dayjs] | null>(null);
  const [townshipId, setTownshipId] = useState<string | undefined>();
  const { from, to } = periodOf(period, range);
  const { data: rq, error: rqError, isFetching: rqLoading } = useRequestFigures({ from, to, townshipId });
  const { data: op, error: opError, isFetching: opLoading } = useOpinionFigures({ from, to });
  const { data: places } = usePlaces();
  const townships = useMemo(() => (places ?? []).filter((p) => !p.parentId), [places]);
  const townshipName = townships.find((t) => t.id === townshipId)?.name;
  const t = rq?.totals;
  const instructed = op ? OPINION_LEVELS.reduce((n, l) => n + op.instructed[l], 0) : 0;

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card
        title="统计"
        extra={
          <Tooltip title="诉求按乡镇、按分类，社情民意，委员履职，共四张表（导出记入审计日志）">
            <Button icon={<DownloadOutlined />} href={figuresExportUrl({ from, to, townshipId })}>导出 Excel</Button>
          </Tooltip>
        }
      >
        <Space wrap size={12}>
          <Segmented<Period>
            value={period}
            options={[{ value: 'year', label: '本年' }, { value: '30d', label: '近 30 天' }, { value: 'custom', label: '自定义' }]}
            onChange={(p) => {
              setPeriod(p);
              if (p === 'custom' && !range) setRange([chinaToday().startOf('year'), chinaToday()]);
            }}
          />
          {period === 'custom' && (
            <DatePicker.RangePicker value={range} allowClear={false} disabledDate={(d) => d.isAfter(chinaToday(), 'day')} onChange={(r) => r?.[0] && r[1] && setRange([r[0], r[1]])} />
          )}
          <Select
            allowClear
            placeholder="全部乡镇"
            style={{ width: 160 }}
            value={townshipId}
            options={townships.map((p) => ({ value: p.id, label: p.name }))}
            onChange={setTownshipId}
          />
          <Typography.Text type="secondary">
            {from} 至 {to}
            {townshipName ? `，诉求限${townshipName}（社情民意不分乡镇）` : ''}
          </Typography.Text>
        </Space>
      </Card>

      <Card title={`群众诉求${townshipName ? ` · ${townshipName}` : ''}`} loading={!rq && !rqError}>
        {rqError ? (
          <Alert type="error" showIcon title={errorText(rqError)} />
        ) : t ? (
          <Spin spinning={rqLoading}>
            <Row gutter={[12, 12]}>
              <Col span={4}><Kpi title="诉求数" value={t.raised} suffix="件" /></Col>
              <Col span={4}><Kpi title="按期答复率" value={percent(t.onTimeRate)} hint={ON_TIME_RATE_HINT} /></Col>
              <Col span={4}><Kpi title="已解决" value={t.solved} suffix="件" /></Col>
              <Col span={4}><Kpi title="满意率" value={percent(t.satisfactionRate)} hint={`满意和基本满意占已评价（${t.rated} 件）的比例`} /></Col>
              <Col span={4}><Kpi title="平均首次答复" value={t.avgHoursToFirstAnswer ?? '—'} suffix={t.avgHoursToFirstAnswer === null ? undefined : '小时'} /></Col>
              <Col span={4}><Kpi title="超期未答复" value={t.overdueOpen} suffix="件" warn={t.overdueOpen > 0} /></Col>
            </Row>
            {t.raised === 0 ? (
              <Empty style={{ marginTop: 24 }} description="这段时间没有群众诉求" />
            ) : (
              <Row gutter={16} style={{ marginTop: 16 }}>
                <Col span={12}>
                  <Typography.Text strong>按月</Typography.Text>
                  <EChart option={requestMonthly(rq)} label="诉求按月统计图" />
                </Col>
                <Col span={12}>
                  <Typography.Text strong>按分类</Typography.Text>
                  <EChart option={requestByCategory(rq)} label="诉求按分类统计图" />
                </Col>
                <Col span={24} style={{ marginTop: 8 }}>
                  <Typography.Text strong>{rq.placeLevel === 'township' ? '按乡镇' : '按村（社区）'}</Typography.Text>
                  <EChart option={requestByPlace(rq)} height={320} label="诉求按地方统计图" />
                </Col>
              </Row>
            )}
          </Spin>
        ) : null}
      </Card>

      {rq && rq.totals.raised > 0 && (
        <Row gutter={16}>
          <Col span={24}>
            <Card title={rq.placeLevel === 'township' ? '按乡镇' : `${townshipName ?? ''}按村（社区）`} size="small">
              <StatsTable rows={rq.byPlace} totals={rq.totals} first={rq.placeLevel === 'township' ? '乡镇' : '村（社区）'} />
            </Card>
          </Col>
          <Col span={24} style={{ marginTop: 16 }}>
            <Card title="按分类" size="small">
              <StatsTable rows={rq.byCategory} totals={rq.totals} first="分类" />
            </Card>
          </Col>
        </Row>
      )}

      <Card title="社情民意" loading={!op && !opError}>
        {opError ? (
          <Alert type="error" showIcon title={errorText(opError)} />
        ) : op ? (
          <Spin spinning={opLoading}>
            <Row gutter={[12, 12]}>
              <Col span={4}><Kpi title="报送信息" value={op.written} suffix="条" /></Col>
              <Col span={4}><Kpi title="被采用" value={op.adoptedAny} suffix="条" hint="在任一级被采用的信息条数（按采用日期）" /></Col>
              {OPINION_LEVELS.map((l) => (
                <Col span={3} key={l}><Kpi title={`${OPINION_LEVEL_LABELS[l]}采用`} value={op.adopted[l]} /></Col>
              ))}
              <Col span={4}><Kpi title="获领导批示" value={instructed} suffix="条" hint={OPINION_LEVELS.map((l) => `${OPINION_LEVEL_LABELS[l]} ${op.instructed[l]}`).join('，')} /></Col>
            </Row>
            <Row gutter={16} style={{ marginTop: 16 }}>
              <Col span={12}>
                <Typography.Text strong>按月</Typography.Text>
                <EChart option={opinionMonthly(op)} label="社情民意按月统计图" />
              </Col>
              <Col span={12}>
                <Typography.Text strong>各级采用与批示</Typography.Text>
                <EChart option={adoptionByLevel(op)} label="各级采用与批示统计图" />
              </Col>
            </Row>
            <Typography.Text strong style={{ display: 'block', margin: '16px 0 8px' }}>
              委员排行{op.declined ? <Typography.Text type="secondary" style={{ fontWeight: 400 }}>（本期间不予采用 {op.declined} 条）</Typography.Text> : null}
            </Typography.Text>
            <MemberRanking f={op} />
          </Spin>
        ) : null}
      </Card>
    </Space>
  );
}
