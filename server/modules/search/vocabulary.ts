/**
 * The committee vocabulary added to jieba's dictionary, so that the words residents and members use
 * are kept whole (路灯不亮 → 路灯 不亮, not 路 灯不亮) and place names are not cut at random
 * (旧县镇鹿苑村 → 旧县镇 鹿苑村, not 旧县 镇鹿苑 村). Changing anything here changes how text is cut:
 * bump DICT_VERSION in segment.ts so that older rows are re-indexed.
 *
 * The place names are 远安's (the demo org, server/demo/structure.ts; segment.test.ts checks they are
 * all here). Another county adds its own places the same way.
 */

/** 界别, parties and special committees. */
const SECTORS = [
  '中共', '民革', '民盟', '民建', '民进', '农工党', '致公党', '九三学社', '台盟', '无党派人士', '共青团', '总工会', '妇联', '工商联',
  '科学技术界', '教育界', '文化艺术界', '医药卫生界', '经济界', '农业界', '社会福利和社会保障界', '少数民族界', '特邀界', '界别',
  '提案委员会', '提案委', '经济委', '社法委', '教科卫体委', '文史委', '民宗委', '专委会', '专门委员会',
];

/** The committee's own work. */
const WORK = [
  '政协', '政协委员', '委员', '提案', '提案办理', '社情民意', '社情民意信息', '关键小事', '关键小事我来答', '协商到你家', '协商议事',
  '委员工作室', '活动小组', '网格', '网格员', '履职', '民生实事', '批示', '采用', '承办单位', '群众诉求', '诉求',
];

/** 远安's townships and their villages and communities (as in server/demo/structure.ts). */
export const PLACE_NAMES: [string, string[]][] = [
  ['鸣凤镇', ['东庄坪社区', '凤山社区', '鸣凤社区', '西门社区', '南门社区', '太平村', '凤阳村', '九子溪村']],
  ['花林寺镇', ['花林寺社区', '白云村', '中坪村', '乐坪村', '龙凤村']],
  ['旧县镇', ['旧县社区', '鹿苑村', '新华村', '马渡河村', '西河村']],
  ['洋坪镇', ['洋坪社区', '咀口村', '余家畈村', '三湾村', '双路村']],
  ['茅坪场镇', ['茅坪场社区', '晓坪村', '桃花村', '龙潭村']],
  ['嫘祖镇', ['嫘祖社区', '望家村', '苟家垭村', '金家湾村', '贾家湾村']],
  ['河口乡', ['河口社区', '金龙村', '落星村', '卫星村']],
];

/** What residents' concerns are about. */
const CONCERNS = [
  '门牌', '门牌号', '门牌号码', '自来水', '自来水管', '水压', '停水', '水管', '水费', '路灯', '楼道灯',
  '垃圾', '垃圾清运', '垃圾桶', '垃圾分类', '垃圾池', '道路', '通村公路', '村组道路', '路面硬化', '坑洼', '积水', '排水沟', '下水道',
  '化粪池', '生活污水', '校车', '接送', '卫生室', '村卫生室', '卫生院', '家庭医生', '低保', '低保户', '医保', '医保报销', '养老保险',
  '灌溉渠', '水渠', '堰塘', '柑橘', '销路', '黄茶', '鹿苑黄茶', '香菇', '茶叶', '快递', '快递点', '驿站', '停车', '停车位',
  '停车难', '乱停乱放', '广场舞', '噪音', '扰民', '电压', '停电', '变压器', '宽带', '信号', '班车', '公交', '留守儿童', '空巢老人',
  '养老服务', '幼儿园', '危房', '危房改造', '护栏', '减速带', '斑马线', '红绿灯', '物业', '加装电梯', '老旧小区', '流浪狗', '秸秆',
  '河道', '清淤', '山体滑坡', '落石', '防汛', '充电桩', '电动车', '占道经营', '农资', '耕地', '撂荒', '土地流转', '补贴', '燃气',
  '天然气', '消防通道', '菜市场', '农贸市场', '公厕', '健身器材', '文化广场', '农家书屋', '饮水安全', '水质', '异味', '养殖场',
];

/** The township and village names, also without 镇/乡/村/社区 (鹿苑, 东庄坪). */
function placeWords() {
  const places = PLACE_NAMES.flatMap(([t, vs]) => [t, ...vs]);
  return [...new Set([...places, ...places.map((p) => p.replace(/(镇|乡|社区|村)$/, '')).filter((p) => p.length >= 2)])];
}

export const vocabulary = (): string[] => [...new Set([...SECTORS, ...WORK, ...placeWords(), ...CONCERNS])];

/** jieba's user dictionary format: `word frequency`, one a line; the frequency makes the word win over the cuts around it. */
export const vocabularyDict = () => vocabulary().map((w) => `${w} 50000`).join('\n');

/**
 * Inverse document frequencies for "similar items" (jieba's idf.txt format): what a concern is about
 * (自来水, 水压) says more than where it is (鹿苑村), which otherwise, unknown to jieba's table, would
 * weigh like a rare word.
 */
export const vocabularyIdf = () =>
  [...CONCERNS.map((w) => `${w} 12.5`), ...[...SECTORS, ...WORK].map((w) => `${w} 10`), ...placeWords().map((w) => `${w} 8`)].join('\n');
