import { useState } from 'react';
import { Card, Col, Descriptions, Row, Select, Statistic } from 'antd';
import { OPINION_LEVEL_LABELS, OPINION_LEVELS } from '@server/modules/opinion/opinion.schema';
import { percent, useMemberFigures } from './figuresApi';

const thisYear = new Date().getFullYear();
const YEARS = Array.from({ length: 5 }, (_, i) => thisYear - i);

/**
 * 履职数据 on a member's page: the concerns they were responsible for and the reports they wrote, for
 * a year. Staff and leaders see any member's; a member only their own (the card stays away otherwise).
 */
export function MemberFiguresCard({ memberId }: { memberId: string }) {
  const [year, setYear] = useState(thisYear);
  const { data: f, error, isLoading } = useMemberFigures(memberId, year);
  if (error) return null;
  const r = f?.requests;
  const o = f?.opinions;
  const levels = (p: Record<(typeof OPINION_LEVELS)[number], number> | undefined) =>
    p ? OPINION_LEVELS.filter((l) => p[l] > 0).map((l) => `${OPINION_LEVEL_LABELS[l]} ${p[l]}`).join('，') || '—' : '—';
  const small = { content: { fontSize: 20 } };
  return (
    <Card
      title="履职数据"
      loading={isLoading}
      extra={<Select size="small" value={year} style={{ width: 96 }} options={YEARS.map((y) => ({ value: y, label: `${y} 年` }))} onChange={setYear} />}
    >
      {r && o && (
        <>
          <Row gutter={[12, 12]}>
            <Col span={6}><Statistic title="承办诉求" value={r.raised} suffix="件" styles={small} /></Col>
            <Col span={6}><Statistic title="按期答复率" value={percent(r.onTimeRate)} styles={small} /></Col>
            <Col span={6}><Statistic title="已解决" value={r.solved} suffix="件" styles={small} /></Col>
            <Col span={6}><Statistic title="满意率" value={percent(r.satisfactionRate)} styles={small} /></Col>
            <Col span={6}><Statistic title="撰写信息" value={o.written} suffix="条" styles={small} /></Col>
            <Col span={6}><Statistic title="联名信息" value={o.cowritten} suffix="条" styles={small} /></Col>
            <Col span={6}><Statistic title="被采用" value={OPINION_LEVELS.reduce((n, l) => n + o.adopted[l], 0)} suffix="次" styles={small} /></Col>
            <Col span={6}><Statistic title="获批示" value={OPINION_LEVELS.reduce((n, l) => n + o.instructed[l], 0)} suffix="次" styles={small} /></Col>
          </Row>
          <Descriptions size="small" column={1} style={{ marginTop: 12 }}>
            <Descriptions.Item label="各级采用">{levels(o.adopted)}</Descriptions.Item>
            <Descriptions.Item label="各级批示">{levels(o.instructed)}</Descriptions.Item>
            <Descriptions.Item label="诉求答复">
              已答复 {r.answered} 件，其中按期 {r.answeredWithinDeadline} 件{r.avgHoursToFirstAnswer !== null ? `，平均 ${r.avgHoursToFirstAnswer} 小时首次答复` : ''}
              {r.overdueOpen ? `，超期未答复 ${r.overdueOpen} 件` : ''}
            </Descriptions.Item>
          </Descriptions>
        </>
      )}
    </Card>
  );
}
