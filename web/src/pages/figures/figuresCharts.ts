import type { EChartsCoreOption } from 'echarts/core';
import { OPINION_LEVEL_LABELS, OPINION_LEVELS } from '@server/modules/opinion/opinion.schema';
import type { OpinionFigures, RequestFigures } from './figuresApi';

/** Chart options built from the API's figures: pure functions, one per chart of the figures page. */

const grid = { left: 40, right: 16, top: 40, bottom: 30, containLabel: true };
const legend = { top: 0 };
/** 2026-03 → 3月 (with the year when the period spans more than one) */
const monthLabels = (months: string[]) => {
  const years = new Set(months.map((m) => m.slice(0, 4)));
  return months.map((m) => (years.size > 1 ? `${m.slice(2, 4)}年${Number(m.slice(5))}月` : `${Number(m.slice(5))}月`));
};

export const requestMonthly = (f: RequestFigures): EChartsCoreOption => ({
  tooltip: { trigger: 'axis' },
  legend,
  grid,
  xAxis: { type: 'category', data: monthLabels(f.monthly.map((m) => m.month)) },
  yAxis: { type: 'value', minInterval: 1 },
  series: [
    { name: '诉求数', type: 'bar', barMaxWidth: 28, data: f.monthly.map((m) => m.raised) },
    { name: '已答复', type: 'line', data: f.monthly.map((m) => m.answered) },
    { name: '已解决', type: 'line', data: f.monthly.map((m) => m.solved) },
  ],
});

export const opinionMonthly = (f: OpinionFigures): EChartsCoreOption => ({
  tooltip: { trigger: 'axis' },
  legend,
  grid,
  xAxis: { type: 'category', data: monthLabels(f.monthly.map((m) => m.month)) },
  yAxis: { type: 'value', minInterval: 1 },
  series: [
    { name: '报送', type: 'bar', barMaxWidth: 24, data: f.monthly.map((m) => m.written) },
    { name: '采用', type: 'bar', barMaxWidth: 24, data: f.monthly.map((m) => m.adopted) },
    { name: '批示', type: 'line', data: f.monthly.map((m) => m.instructed) },
  ],
});

export const requestByPlace = (f: RequestFigures): EChartsCoreOption => ({
  tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
  legend,
  grid: { ...grid, bottom: 10 },
  xAxis: { type: 'category', data: f.byPlace.map((p) => p.name), axisLabel: { interval: 0, rotate: f.byPlace.length > 8 ? 30 : 0 } },
  yAxis: { type: 'value', minInterval: 1 },
  series: [
    { name: '诉求数', type: 'bar', barMaxWidth: 28, data: f.byPlace.map((p) => p.raised) },
    { name: '按期答复', type: 'bar', barMaxWidth: 28, data: f.byPlace.map((p) => p.answeredWithinDeadline) },
    { name: '已解决', type: 'bar', barMaxWidth: 28, data: f.byPlace.map((p) => p.solved) },
  ],
});

export const requestByCategory = (f: RequestFigures): EChartsCoreOption => ({
  tooltip: { trigger: 'item', formatter: '{b}：{c} 件（{d}%）' },
  series: [
    {
      name: '诉求分类',
      type: 'pie',
      radius: ['38%', '66%'],
      center: ['50%', '52%'],
      minShowLabelAngle: 3,
      label: { formatter: '{b}\n{c}' },
      data: f.byCategory.filter((c) => c.raised > 0).map((c) => ({ name: c.name, value: c.raised })),
    },
  ],
});

export const adoptionByLevel = (f: OpinionFigures): EChartsCoreOption => ({
  tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
  legend,
  grid,
  xAxis: { type: 'category', data: OPINION_LEVELS.map((l) => OPINION_LEVEL_LABELS[l]) },
  yAxis: { type: 'value', minInterval: 1 },
  series: [
    { name: '采用', type: 'bar', barMaxWidth: 36, data: OPINION_LEVELS.map((l) => f.adopted[l]) },
    { name: '领导批示', type: 'bar', barMaxWidth: 36, data: OPINION_LEVELS.map((l) => f.instructed[l]) },
  ],
});
