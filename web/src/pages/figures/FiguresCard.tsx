import { Link, useNavigate } from 'react-router-dom';
import { Card, Col, Row, Statistic, Typography } from 'antd';
import { OPINION_LEVELS } from '@server/modules/opinion/opinion.schema';
import { useMe } from '../../api/session';
import { ON_TIME_RATE_HINT } from '@server/modules/figures/figures.schema';
import { percent, useOpinionFigures, useRequestFigures } from './figuresApi';

/** 群众诉求 · 社情民意 on the staff and leaders' dashboard: this year so far, each tile a way into its page. */
export function FiguresCard() {
  const { data: me } = useMe();
  const navigate = useNavigate();
  const allowed = !!me?.permissions.includes('figures.read');
  const { data: rq } = useRequestFigures({}, allowed);
  const { data: op } = useOpinionFigures({}, allowed);
  if (!allowed) return null;
  const t = rq?.totals;
  const tile = (title: string, value: number | string | undefined, path: string, suffix?: string, warn?: boolean, hint?: string) => (
    <Col span={6}>
      <Card size="small" hoverable onClick={() => navigate(path)}>
        <Statistic title={<span title={hint}>{title}</span>} value={value ?? '—'} suffix={value === undefined || typeof value === 'string' ? undefined : suffix} styles={{ content: { fontSize: 22, ...(warn ? { color: '#cf1322' } : {}) } }} />
      </Card>
    </Col>
  );
  return (
    <Card
      title="群众诉求 · 社情民意"
      style={{ marginTop: 16 }}
      extra={
        <Typography.Text type="secondary">
          {rq ? `${rq.from.slice(0, 4)} 年至今` : '本年'} · <Link to="/figures">查看统计</Link>
        </Typography.Text>
      }
    >
      <Row gutter={[12, 12]}>
        {tile('诉求数', t?.raised, '/figures', '件')}
        {tile('按期答复率', t ? percent(t.onTimeRate) : undefined, '/figures', undefined, false, ON_TIME_RATE_HINT)}
        {tile('满意率', t ? percent(t.satisfactionRate) : undefined, '/figures')}
        {tile('超期未答复', t?.overdueOpen, '/requests', '件', !!t?.overdueOpen)}
        {tile('报送信息', op?.written, '/opinion-reports?tab=all', '条')}
        {tile('被采用', op?.adoptedAny, '/opinion-reports?tab=all', '条')}
        {tile('获批示', op ? OPINION_LEVELS.reduce((n, l) => n + op.instructed[l], 0) : undefined, '/opinion-reports?tab=all', '条')}
        {tile('已解决诉求', t?.solved, '/figures', '件')}
      </Row>
    </Card>
  );
}
