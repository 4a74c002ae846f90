/**
 * The queries the search benchmark runs: what staff and residents type — a subject (路灯), a problem
 * (漏水), a place (鹿苑村), rare words (增压泵), and two or three of them together, plus a few single
 * characters that are not words (the title fallback). Deterministic: the same 200 every run.
 */
import { prng } from '../server/demo/concern.texts.js';
import { PLACES } from '../server/demo/structure.js';

const SUBJECTS = ['路灯', '门牌', '门牌号', '自来水', '水压', '停水', '垃圾', '垃圾清运', '道路', '校车', '卫生室', '低保', '医保', '灌溉渠', '柑橘', '快递', '停车', '广场舞', '噪音', '停电', '变压器', '河道', '信号', '宽带', '危房', '流浪狗', '公厕', '健身器材', '留守儿童', '老人'];
const PROBLEMS = ['漏水', '不亮', '坑洼', '积水', '跳闸', '塌陷', '堵塞', '滞销', '发黄', '扰民', '乱收费', '拖欠', '断货', '脱落', '满溢', '漆黑', '迟到', '撂荒'];
const RARE = ['增压泵', '冷库', '太阳能', '急救车', '陪读', '蜡烛', '血糖仪', '增氧机', '护坡', '不动产登记', '电商直播', '明白纸', '降压药', '地砖', '铁锈味'];
const SINGLE = ['灯', '渠', '狗', '桥', '茶'];

export function searchQueries(count = 200): string[] {
  const rnd = prng(42);
  const pick = <T>(xs: T[]) => xs[Math.floor(rnd() * xs.length)];
  const villages = PLACES.flatMap(([, vs]) => vs);
  const townships = PLACES.map(([t]) => t);
  const shapes: (() => string)[] = [
    () => pick(SUBJECTS),
    () => pick(SUBJECTS),
    () => pick(PROBLEMS),
    () => pick(RARE),
    () => pick(villages),
    () => `${pick(SUBJECTS)} ${pick(PROBLEMS)}`,
    () => `${pick(villages)} ${pick(SUBJECTS)}`,
    () => `${pick(villages)}${pick(SUBJECTS)}`,
    () => `${pick(townships)} ${pick(SUBJECTS)} ${pick(PROBLEMS)}`,
    () => `${pick(SUBJECTS)} ${pick(RARE)}`,
  ];
  const out: string[] = [];
  for (let i = 0; i < count; i++) out.push(i % 40 === 39 ? pick(SINGLE) : pick(shapes)());
  return out;
}
