import { randomUUID } from 'node:crypto';
import type { Executor } from '../../core/context.js';
import { buildAccount, buildMember, buildOrg, type Builder, type OrgRow } from '../../demo/builders.js';
import { buildPlace } from '../../demo/groups.js';
import { opinionReport, opinionReportAuthor } from '../opinion/opinion.table.js';
import { indexDoc } from './search.index.js';

/**
 * Real-looking concerns and opinion reports of a county for the search quality tests, written into the
 * index through indexDoc (as the domains do). Dates are days before `now`; two are over a year old, so
 * every time window of the search is crossed.
 */

type Place = 'dongzhuangping' | 'fengshan' | 'luyuan' | 'zuikou';
interface Concern {
  key: string;
  title: string;
  body: string;
  category: string;
  place: Place;
  status: 'new' | 'claimed' | 'answered' | 'closed';
  isPublic: boolean;
  daysAgo: number;
}

export const CONCERNS: Concern[] = [
  { key: 'menpaihao', title: '东庄坪社区新建安置房没有门牌号', body: '东庄坪社区新建的安置小区住了四十多户，一直没有编门牌号，快递和外卖经常送错，办理户口迁移时地址也填不了。希望民政部门尽快统一编制门牌号。', category: '门牌地址', place: 'dongzhuangping', status: 'answered', isPublic: true, daysAgo: 3 },
  { key: 'zhuhumenpai', title: '凤山社区老街住户门牌脱落', body: '凤山社区老街很多住户门牌风吹日晒已经脱落，字也看不清，上次急救车找了半个小时才找到病人家。请社区把脱落的门牌换成新的。', category: '门牌地址', place: 'fengshan', status: 'new', isPublic: false, daysAgo: 10 },
  { key: 'paizhao', title: '鹿苑村电动车上牌照要跑县城', body: '鹿苑村的村民给电动车上牌照要跑到县城车管所，来回一整天。希望在镇上设一个电动车牌照办理点。', category: '道路交通', place: 'luyuan', status: 'answered', isPublic: true, daysAgo: 20 },
  { key: 'tuolaji', title: '咀口村拖拉机牌照年检不方便', body: '咀口村农户的拖拉机牌照每年都要年检，农忙时节还要排队。建议农机部门下乡集中办理年检。', category: '农业农村', place: 'zuikou', status: 'closed', isPublic: true, daysAgo: 40 },
  { key: 'ludeng-dzp', title: '东庄坪社区3号楼旁路灯不亮', body: '东庄坪社区3号楼旁边的路灯不亮已经两个多月了，晚上一片漆黑，老人和孩子出门只能打手电。希望尽快安排电工检修。', category: '环境整治', place: 'dongzhuangping', status: 'closed', isPublic: true, daysAgo: 1 },
  { key: 'ludeng-ly', title: '鹿苑村村口路灯坏了晚上出行难', body: '鹿苑村村口到村委会这段路的路灯坏了好几盏，前几天有村民晚上骑车摔进了沟里。请尽快维修路灯。', category: '环境整治', place: 'luyuan', status: 'new', isPublic: false, daysAgo: 5 },
  { key: 'loudaodeng', title: '凤山社区5号楼楼道灯坏了', body: '凤山社区5号楼的楼道灯坏了一个月，上下楼摸黑，物业一直推说没有配件。', category: '环境整治', place: 'fengshan', status: 'claimed', isPublic: false, daysAgo: 8 },
  { key: 'shuiya', title: '鹿苑村自来水水压不足', body: '鹿苑村老街的自来水水压很低，三楼以上早上基本没水，做饭洗衣都要到楼下提水。希望水厂检查管网，加装增压泵。联系电话13907171234，王先生。', category: '供水用电', place: 'luyuan', status: 'answered', isPublic: true, daysAgo: 2 },
  { key: 'shuiya-zk', title: '咀口村高处住户用不上自来水', body: '咀口村二组地势高，自来水水压上不来，夏天用水高峰时只有半夜才有水。请供水公司加装增压设备。', category: '供水用电', place: 'zuikou', status: 'claimed', isPublic: false, daysAgo: 15 },
  { key: 'tingshui', title: '东庄坪社区停水从不提前通知', body: '东庄坪社区这个月停了四五次自来水，每次都没有提前通知，家里的热水器因为水压不够打不着火。请供水公司停水前提前通知。', category: '供水用电', place: 'dongzhuangping', status: 'answered', isPublic: true, daysAgo: 30 },
  { key: 'shuizhi', title: '凤山社区自来水浑浊发黄', body: '凤山社区的自来水放出来是黄色的，还有一股铁锈味，老人孩子喝了拉肚子，现在只敢买桶装水。希望对水质进行检测。', category: '供水用电', place: 'fengshan', status: 'new', isPublic: false, daysAgo: 60 },
  { key: 'guangai', title: '鹿苑村灌溉渠多处垮塌', body: '鹿苑村的灌溉渠多处垮塌，水流不到田里，几十亩稻田插不下秧。希望水利部门安排资金维修水渠。', category: '农业农村', place: 'luyuan', status: 'closed', isPublic: true, daysAgo: 120 },
  { key: 'laji', title: '咀口村垃圾清运不及时', body: '咀口村的垃圾池已经满了一个星期还没人来拉，夏天苍蝇蚊子特别多，味道很大。希望增加垃圾清运的次数。', category: '环境整治', place: 'zuikou', status: 'answered', isPublic: true, daysAgo: 4 },
  { key: 'lajitong', title: '东庄坪社区垃圾桶太少每天溢出', body: '东庄坪社区只有一个垃圾桶，每天早上都溢出来，野狗把垃圾翻得满地都是。请多放几个垃圾桶。', category: '环境整治', place: 'dongzhuangping', status: 'new', isPublic: false, daysAgo: 6 },
  { key: 'ganju', title: '鹿苑村柑橘滞销价格低', body: '今年鹿苑村的柑橘丰收了，但收购价只有几毛钱一斤，几十户果农的柑橘堆在家里卖不出去。希望政府帮忙联系销路。', category: '农业农村', place: 'luyuan', status: 'closed', isPublic: true, daysAgo: 200 },
  { key: 'guangchangwu', title: '凤山社区广场舞噪音扰民', body: '凤山社区文化广场的广场舞每天晚上跳到十点多，音响开得很大，学生在家没法写作业。希望规定跳舞的时间和音量。', category: '环境整治', place: 'fengshan', status: 'answered', isPublic: false, daysAgo: 12 },
  { key: 'xiaoche', title: '咀口村校车接送时间太早', body: '校车早上六点就到咀口村，孩子天不亮就要出门，冬天路上结冰很不安全。请调整校车的接送时间。', category: '教育医疗', place: 'zuikou', status: 'claimed', isPublic: false, daysAgo: 25 },
  { key: 'weishengshi', title: '鹿苑村卫生室常用药经常断货', body: '鹿苑村卫生室里常用的降压药和降糖药经常断货，老人拿药要坐一个小时的车去镇卫生院。请保障常用药品的供应。', category: '教育医疗', place: 'luyuan', status: 'answered', isPublic: true, daysAgo: 45 },
  { key: 'tingche', title: '东庄坪社区晚上停车难消防通道被占', body: '东庄坪社区晚上车子停满了，连消防通道都占了，救护车和消防车根本开不进去。希望规划建设一个停车场。', category: '道路交通', place: 'dongzhuangping', status: 'new', isPublic: false, daysAgo: 9 },
  { key: 'gonglu', title: '咀口村通村公路坑洼不平', body: '通往咀口村的公路被运石料的大车压坏了，到处是坑，一下雨就积水，电动车经常在这里摔倒。希望交通部门尽快修补路面。', category: '道路交通', place: 'zuikou', status: 'closed', isPublic: true, daysAgo: 500 },
  { key: 'kuaidi', title: '凤山社区快递只送到镇上代收点', body: '凤山社区的快递都只送到镇上的代收点，取一个件还要收两块钱。希望在社区设一个快递驿站。', category: '其他', place: 'fengshan', status: 'answered', isPublic: true, daysAgo: 18 },
  { key: 'dibao', title: '鹿苑村低保评定没有公示', body: '村里评低保没有公示，大家不知道是怎么评的，有人家里有车有房还在吃低保。请把低保评定的名单和标准公示出来。', category: '其他', place: 'luyuan', status: 'new', isPublic: false, daysAgo: 35 },
];

interface Report {
  key: string;
  title: string;
  body: string;
  status: 'draft' | 'submitted' | 'adopted' | 'declined';
  /** which fixture member wrote it */
  author: 'a' | 'b';
  daysAgo: number;
}

export const REPORTS: Report[] = [
  { key: 'r-yinshui', title: '关于巩固提升农村饮水安全的建议', body: '我县部分村组自来水管网老化，水压不足、水质发黄的反映较多，高处住户用水难。建议分年度改造老旧管网，在高处村组加装增压泵站，并定期公布水质检测结果。', status: 'submitted', author: 'a', daysAgo: 7 },
  { key: 'r-menpai', title: '关于规范城镇门牌号编制管理的建议', body: '新建小区和安置房门牌号编制滞后，群众办理户籍、不动产登记和快递收寄都受影响。建议由民政部门牵头，统一编制门牌号并建立动态更新机制。', status: 'adopted', author: 'b', daysAgo: 14 },
  { key: 'r-ludeng', title: '关于建立农村路灯长效管护机制的建议', body: '农村路灯“重建设、轻管护”，坏了没人修的情况普遍。建议明确乡镇、村两级管护责任，把路灯维修经费纳入财政预算。', status: 'adopted', author: 'a', daysAgo: 90 },
  { key: 'r-ganju', title: '关于拓宽柑橘销路促进果农增收的建议', body: '柑橘集中上市时价格低迷，果农增收难。建议建设产地冷库，发展电商直播，引导合作社统一品牌销售。', status: 'submitted', author: 'b', daysAgo: 400 },
  { key: 'r-shushi', title: '关于在行政村建设农家书屋的建议', body: '农村孩子放学后、老人农闲时缺少读书的地方。建议利用村委会闲置用房建设农家书屋，配备适合的图书，由志愿者轮流值守。', status: 'draft', author: 'b', daysAgo: 3 },
];

export interface SearchFixture {
  org: OrgRow;
  places: Record<Place | 'mingfeng' | 'jiuxian' | 'yangping', { id: string }>;
  /** key → ref id */
  ids: Record<string, string>;
  /** login names: staff, member a (writes reports a), member b, a unit account */
  logins: { staff: string; memberA: string; memberB: string; unit: string };
}

const DAY = 86_400_000;

export async function buildSearchFixture(b: Builder, now: Date, regionCode = '420599'): Promise<SearchFixture> {
  const org = await buildOrg(b, { name: '远安县政协（搜索测试）', shortName: '远安县政协', regionCode });
  const mingfeng = await buildPlace(b, { org, name: '鸣凤镇' });
  const jiuxian = await buildPlace(b, { org, name: '旧县镇' });
  const yangping = await buildPlace(b, { org, name: '洋坪镇' });
  const places = {
    mingfeng,
    jiuxian,
    yangping,
    dongzhuangping: await buildPlace(b, { org, name: '东庄坪社区', parent: mingfeng, kind: 'community' }),
    fengshan: await buildPlace(b, { org, name: '凤山社区', parent: mingfeng, kind: 'community' }),
    luyuan: await buildPlace(b, { org, name: '鹿苑村', parent: jiuxian }),
    zuikou: await buildPlace(b, { org, name: '咀口村', parent: yangping }),
  };
  const township: Record<Place, { id: string }> = { dongzhuangping: mingfeng, fengshan: mingfeng, luyuan: jiuxian, zuikou: yangping };
  const { account: staff } = await buildAccount(b, { org, roles: ['staff'] });
  const { account: accountA } = await buildAccount(b, { org, roles: ['member'] });
  const { account: accountB } = await buildAccount(b, { org, roles: ['member'] });
  const { account: unit } = await buildAccount(b, { org, roles: ['unit'] });
  const { member: a } = await buildMember(b, { org, name: '张红梅', accountId: accountA.id });
  const { member: bm } = await buildMember(b, { org, name: '陈志远', accountId: accountB.id });
  const ids: Record<string, string> = {};
  const db: Executor = b.db;
  for (const c of CONCERNS) {
    ids[c.key] = randomUUID();
    await indexDoc(db, {
      kind: 'request',
      refId: ids[c.key],
      orgId: org.id,
      title: c.title,
      body: c.body,
      status: c.status,
      category: c.category,
      placeId: places[c.place].id,
      townshipId: township[c.place].id,
      isPublic: c.isPublic,
      createdAt: new Date(now.getTime() - c.daysAgo * DAY),
    });
  }
  for (const r of REPORTS) {
    const at = new Date(now.getTime() - r.daysAgo * DAY);
    const author = r.author === 'a' ? { member: a, account: accountA } : { member: bm, account: accountB };
    const [row] = await b.db
      .insert(opinionReport)
      .values({ orgId: org.id, title: r.title, body: r.body, status: r.status, createdBy: author.account.id, createdAt: at, updatedAt: at })
      .returning({ id: opinionReport.id });
    await b.db.insert(opinionReportAuthor).values({ orgId: org.id, reportId: row.id, memberId: author.member.id, position: 0 });
    ids[r.key] = row.id;
    await indexDoc(db, { kind: 'opinion_report', refId: row.id, orgId: org.id, title: r.title, body: r.body, status: r.status, isPublic: false, createdAt: at });
  }
  return { org, places, ids, logins: { staff: staff.loginName, memberA: accountA.loginName, memberB: accountB.loginName, unit: unit.loginName } };
}
