/**
 * Generated proposals for the proposals benchmark: a county's subjects (the demo's proposals' topics
 * and more), its places, and situation / analysis / suggestion composed from many sentence patterns,
 * so that similar-proposal lookups meet the spread of words a real archive has. Deterministic per seed.
 */
import { prng } from '../server/demo/concern.texts.js';
import { PLACES } from '../server/demo/structure.js';

interface Subject {
  /** what it is about, as a title says it */
  name: string;
  category: string;
  /** the units that handle it (names as in server/demo/units.ts) */
  units: string[];
  /** a few things the situation mentions */
  facts: string[];
}

const SUBJECTS: Subject[] = [
  { name: '农村公路养护', category: '乡村振兴', units: ['县交通运输局'], facts: ['路面破损', '边沟堵塞', '路肩塌陷', '护路员报酬低'] },
  { name: '集镇生活污水处理', category: '生态文明建设', units: ['县住房和城乡建设局', '宜昌市远安生态环境分局'], facts: ['雨污合流', '管网错接漏接', '进水浓度低', '污水溢流'] },
  { name: '中小学校车安全', category: '社会建设', units: ['县教育局', '县交通运输局'], facts: ['学生上学距离远', '拼车接送', '车辆超载', '校车线路少'] },
  { name: '山区留守老人就医', category: '社会建设', units: ['县卫生健康局', '县医疗保障局'], facts: ['取药往返一天', '村卫生室药品少', '慢病长处方', '村医老龄化'] },
  { name: '嫘祖文化保护传承', category: '文化建设', units: ['县文化和旅游局'], facts: ['蚕桑遗存', '嫘祖信俗', '研学线路', '文创产品'] },
  { name: '鹿苑黄茶产业', category: '乡村振兴', units: ['县农业农村局'], facts: ['茶园老化', '品牌混用', '夏秋茶利用率低', '茶企规模小'] },
  { name: '磷化工产业转型', category: '经济建设', units: ['县科技和经济信息化局', '宜昌市远安生态环境分局'], facts: ['磷石膏堆存', '装置老旧', '精细化工', '综合利用率低'] },
  { name: '电动自行车充电设施', category: '社会建设', units: ['县住房和城乡建设局', '县应急管理局'], facts: ['飞线充电', '楼道停放', '火灾隐患', '充电桩不足'] },
  { name: '旅游厕所建设', category: '经济建设', units: ['县文化和旅游局'], facts: ['节假日排队', '无障碍设施缺失', '保洁不到位', '管护经费'] },
  { name: '老旧小区改造', category: '社会建设', units: ['县住房和城乡建设局', '县财政局'], facts: ['屋面漏水', '管网老化', '加装电梯', '消防通道堵塞'] },
  { name: '农产品冷链物流', category: '乡村振兴', units: ['县商务局', '县农业农村局'], facts: ['预冷库不足', '损耗率高', '冷藏车少', '错峰销售'] },
  { name: '乡村振兴示范村建设', category: '乡村振兴', units: ['县农业农村局'], facts: ['千村一面', '村集体经济薄弱', '设施运营维护', '一村一品'] },
  { name: '农村集中供水管护', category: '乡村振兴', units: ['县水利和湖泊局'], facts: ['水压不足', '管网漏损', '水质检测', '单村水厂'] },
  { name: '山洪地质灾害防范', category: '社会建设', units: ['县应急管理局', '县自然资源和规划局'], facts: ['滑坡隐患点', '监测设备老化', '预警信息', '避险转移演练'] },
  { name: '农村寄递物流', category: '经济建设', units: ['县商务局'], facts: ['快递进村', '加收派送费', '客货邮融合', '村级服务点'] },
  { name: '中小学生心理健康教育', category: '社会建设', units: ['县教育局'], facts: ['心理教师不足', '留守学生', '心理筛查', '危机干预'] },
  { name: '县域医共体建设', category: '社会建设', units: ['县卫生健康局'], facts: ['县外就诊率', '专家下沉', '远程影像', '检查结果互认'] },
  { name: '农村建房管理', category: '乡村振兴', units: ['县自然资源和规划局', '县住房和城乡建设局'], facts: ['未批先建', '村庄规划滞后', '建筑工匠', '自建房安全'] },
  { name: '青年返乡创业', category: '经济建设', units: ['县人力资源和社会保障局', '团县委'], facts: ['启动资金不足', '创业担保贷款', '孵化基地', '创业导师'] },
  { name: '沮河流域生态保护', category: '生态文明建设', units: ['宜昌市远安生态环境分局', '县水利和湖泊局'], facts: ['排污口', '河岸裸露', '生态流量', '生态补偿'] },
  { name: '校园周边食品安全', category: '社会建设', units: ['县市场监督管理局'], facts: ['三无食品', '流动摊贩', '明厨亮灶', '食品安全管控区'] },
  { name: '医保经办服务', category: '社会建设', units: ['县医疗保障局'], facts: ['异地就医备案', '手工报销', '慢特病认定', '掌上办'] },
  { name: '城区配电网改造', category: '经济建设', units: ['国网远安县供电公司'], facts: ['频繁停电', '变压器过载', '计划停电告知', '台区增容'] },
  { name: '基层矛盾纠纷化解', category: '政治建设', units: ['县人民法院', '县公安局'], facts: ['邻里纠纷', '诉源治理', '特邀调解员', '在线调解'] },
  { name: '农村留守儿童关爱', category: '社会建设', units: ['县妇联', '县教育局', '县民政局'], facts: ['祖辈监护', '儿童之家', '代理家长', '课后托管'] },
  { name: '农贸市场改造', category: '经济建设', units: ['县市场监督管理局'], facts: ['排水不畅', '占道经营', '停车位不足', '地面湿滑'] },
  { name: '农村客运班线', category: '社会建设', units: ['县交通运输局'], facts: ['班次少', '末班车早', '预约响应', '学生返校'] },
  { name: '河道采砂生态修复', category: '生态文明建设', units: ['县水利和湖泊局'], facts: ['河床下切', '岸坡裸露', '深坑积水', '植被恢复'] },
  { name: '全民健身设施', category: '社会建设', units: ['县文化和旅游局', '县住房和城乡建设局'], facts: ['健身步道', '健身器材', '体育场地开放', '照明设施'] },
  { name: '移风易俗', category: '乡村振兴', units: ['县民政局'], facts: ['大操大办', '人情礼金', '红白理事会', '村规民约'] },
  { name: '高龄老人居家养老', category: '社会建设', units: ['县民政局', '县卫生健康局'], facts: ['独居老人', '助餐助浴', '紧急呼叫', '互助养老'] },
  { name: '香菇产业', category: '乡村振兴', units: ['县农业农村局'], facts: ['废弃菌棒', '木屑原料', '精深加工', '价格波动'] },
  { name: '传统村落保护', category: '文化建设', units: ['县住房和城乡建设局', '县文化和旅游局'], facts: ['古民居', '石板街', '年久失修', '保护规划'] },
  { name: '城区停车管理', category: '社会建设', units: ['县住房和城乡建设局', '县公安局'], facts: ['停车难', '错时开放', '立体停车库', '占用消防通道'] },
  { name: '森林防火', category: '生态文明建设', units: ['县林业局', '县应急管理局'], facts: ['野外用火', '护林员', '防火通道', '监控塔'] },
  { name: '特色民宿发展', category: '经济建设', units: ['县文化和旅游局'], facts: ['民宿档次低', '消防审批', '服务培训', '线上推广'] },
  { name: '义务教育师资均衡', category: '社会建设', units: ['县教育局', '县人力资源和社会保障局'], facts: ['乡村教师流失', '结构性缺编', '交流轮岗', '周转房'] },
  { name: '就业技能培训', category: '经济建设', units: ['县人力资源和社会保障局'], facts: ['订单式培训', '技能补贴', '企业用工难', '零工市场'] },
  { name: '城乡生活垃圾分类', category: '生态文明建设', units: ['县城市管理执法局', '县住房和城乡建设局'], facts: ['混装混运', '易腐垃圾', '转运成本', '积分兑换'] },
  { name: '营商环境优化', category: '经济建设', units: ['县发展和改革局', '县市场监督管理局'], facts: ['审批时限', '涉企检查', '惠企政策', '一网通办'] },
];

const TOWNSHIPS = PLACES.map(([t]) => t);
const VILLAGES = PLACES.flatMap(([t, vs]) => vs.map((v) => `${t}${v}`));

const TITLE = [
  '关于加强{s}的建议', '关于推进{s}的建议', '关于完善{s}长效机制的建议', '关于加快{t}{s}的建议', '关于解决{t}{s}问题的建议',
  '关于{s}提质增效的建议', '关于规范{s}管理的建议', '关于加大{s}支持力度的建议', '关于统筹推进{s}的建议', '关于做好{s}工作的几点建议',
];
const SITUATION = [
  '近年来我县{s}工作取得一定成效，但在{v}等地调研发现，{f1}、{f2}等问题仍较突出，群众反映强烈。',
  '据了解，全县{s}方面目前仍有{n}处（个）问题没有解决，{t}尤为集中，主要表现为{f1}和{f2}。',
  '{t}群众多次反映{f1}问题，今年以来相关投诉{n}件，{v}一带{f2}现象也较普遍。',
  '在{y}年的专题视察中我们看到，{s}存在{f1}、{f2}的情况，部分问题已持续多年。',
];
const ANALYSIS = [
  '究其原因，一是投入不足，二是部门职责交叉、统筹不够，三是{f3}等基础工作薄弱。',
  '问题的根源在于规划滞后、资金渠道单一，{f3}缺乏长效管护机制。',
  '主要原因是政策宣传不到位，{f3}方面的配套措施没有跟上，乡镇和村级力量不足。',
  '一方面{f1}与群众需求不匹配，另一方面{f3}的考核机制尚未建立。',
];
const SUGGESTION = [
  '一是编制{s}专项规划，明确目标任务和时间表；二是将{f1}纳入年度重点工作，县级财政给予保障；三是在{t}先行试点，总结经验后全县推广；四是建立考核评价机制，定期通报进展。',
  '一是开展{s}专项排查，建立问题清单和整改台账；二是整合相关部门资金，集中解决{f2}问题；三是明确乡镇、村和相关部门的管护责任；四是畅通群众反映渠道，接受社会监督。',
  '一是加大上级项目资金争取力度，用好地方政府专项债券；二是引导社会资本参与{s}；三是加强{f3}方面的人才队伍建设和业务培训；四是在{v}等群众需求迫切的地方优先实施。',
  '建议县政府牵头建立{s}联席会议制度，一是统筹解决{f1}问题，二是完善{f3}的政策措施，三是每年向县政协通报一次进展情况。',
];
const REPLY = [
  '您提出的建议对我们改进工作很有帮助。一、已将{s}列入今年重点工作，{t}的试点已经启动；二、县财政安排专项资金{n}万元；三、{f1}问题已完成整改{n2}处；四、下一步将建立长效管护机制。',
  '经认真研究，现答复如下：一、关于{f1}问题，我单位已会同{t}人民政府开展排查，建立了问题清单；二、关于资金保障，已争取上级资金{n}万元；三、关于{f3}，正在研究制定具体办法，拟于明年出台。',
  '感谢您对{s}工作的关心。您所提的{f2}问题，受财力和政策条件限制，目前尚难全面解决，我们将在{t}先行探索，并积极向上级争取支持。',
];

export interface GeneratedProposal {
  title: string;
  situation: string;
  analysis: string;
  suggestion: string;
  category: string;
  /** indexes into SUBJECTS' units: the first handles it */
  units: string[];
  reply: string;
}

export const BENCH_UNITS = [...new Set(SUBJECTS.flatMap((s) => s.units))];

/** A generator of proposals: the same seed gives the same sequence. */
export function proposalTexts(seed = 1) {
  const rnd = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
  return (): GeneratedProposal => {
    const s = pick(SUBJECTS);
    const v = pick(VILLAGES);
    const t = pick(TOWNSHIPS);
    const [f1, f2, f3] = [...s.facts].sort(() => rnd() - 0.5);
    const fill = (x: string) =>
      x
        .replaceAll('{s}', s.name)
        .replaceAll('{t}', t)
        .replaceAll('{v}', v)
        .replaceAll('{f1}', f1)
        .replaceAll('{f2}', f2)
        .replaceAll('{f3}', f3)
        .replaceAll('{n}', String(3 + Math.floor(rnd() * 400)))
        .replaceAll('{n2}', String(1 + Math.floor(rnd() * 60)))
        .replaceAll('{y}', String(2003 + Math.floor(rnd() * 23)));
    let title = fill(pick(TITLE));
    if ([...title].length > 50) title = `关于加强${s.name}的建议`;
    return {
      title,
      situation: fill(pick(SITUATION)) + (rnd() < 0.5 ? fill(pick(SITUATION)) : ''),
      analysis: fill(pick(ANALYSIS)),
      suggestion: fill(pick(SUGGESTION)),
      category: s.category,
      units: s.units,
      reply: fill(pick(REPLY)),
    };
  };
}
