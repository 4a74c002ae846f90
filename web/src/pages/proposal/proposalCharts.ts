import type { EChartsCoreOption } from 'echarts/core';
import type { ProposalFigures } from '@server/modules/proposal/proposal.schema';

/** Chart options of the proposals' figures page: pure functions of the API's figures. */

/** 提案按分类: bars, the biggest category first. */
export const byCategory = (f: ProposalFigures): EChartsCoreOption => {
  const rows = [...f.byCategory].sort((a, b) => b.count - a.count);
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, formatter: '{b}：{c} 件' },
    grid: { left: 16, right: 32, top: 16, bottom: 10, containLabel: true },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', inverse: true, data: rows.map((r) => r.name) },
    series: [{ name: '提案数', type: 'bar', barMaxWidth: 22, label: { show: true, position: 'right' }, data: rows.map((r) => r.count) }],
  };
};

/** 答复类别: a ring, A/B/C/D with their labels in the tooltip. */
export const byReplyCategory = (f: ProposalFigures): EChartsCoreOption => ({
  tooltip: { trigger: 'item', formatter: (p: { data: { full: string }; name: string; value: number; percent: number }) => `${p.name} 类（${p.data.full}）<br/>${p.value} 件，${p.percent}%` },
  legend: { bottom: 0, type: 'scroll' },
  series: [
    {
      name: '答复类别',
      type: 'pie',
      radius: ['38%', '64%'],
      center: ['50%', '45%'],
      label: { formatter: '{b} 类\n{c} 件' },
      data: f.byReplyCategory.filter((c) => c.count > 0).map((c) => ({ name: c.code, value: c.count, full: c.label })),
    },
  ],
});
