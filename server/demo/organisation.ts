import { eq } from 'drizzle-orm';
import { account } from '../modules/account/account.table.js';
import { makeIdNumber } from '../modules/member/idcard.js';
import { POSITION_LABELS, type PARTIES } from '../modules/member/member.schema.js';
import { plenarySession } from '../modules/term/term.table.js';
import { sessionName } from '../modules/term/term.schema.js';
import { buildCommittee, buildMember, buildSector, buildTerm, type Builder, type OrgRow } from './builders.js';

type Party = (typeof PARTIES)[number];

/** 远安县政协's sectors; the party of a member follows the party sectors, and is mixed elsewhere. */
export const SECTORS: [string, Party | null][] = [
  ['中共', '中共'], ['民革', '民革'], ['民盟', '民盟'], ['民建', '民建'], ['民进', '民进'], ['农工党', '农工党'], ['九三学社', '九三学社'],
  ['无党派人士', '无党派'], ['共青团', null], ['总工会', null], ['妇联', null], ['工商联', null], ['科学技术界', null], ['教育界', null],
  ['文化艺术界', null], ['医药卫生界', null], ['经济界', null], ['农业界', null], ['社会福利和社会保障界', null], ['少数民族界', null], ['特邀界', null],
];

export const COMMITTEES: [string, string, string[]][] = [
  ['提案委员会', '提案委', ['民革', '民盟', '民建', '工商联']],
  ['经济和农业农村委员会', '经济委', ['经济界', '农业界', '工商联', '民建']],
  ['社会和法制委员会', '社法委', ['总工会', '妇联', '社会福利和社会保障界', '共青团']],
  ['教科卫体委员会', '教科卫体委', ['教育界', '医药卫生界', '科学技术界', '九三学社', '农工党', '民进']],
  ['文化文史和学习委员会', '文史委', ['文化艺术界', '无党派人士', '特邀界']],
  ['民族宗教和港澳台侨委员会', '民宗委', ['少数民族界', '中共', '特邀界']],
];

export const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程魏苏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
export const GIVEN_MALE = ['建国', '志强', '文华', '晓东', '国平', '德明', '明亮', '卫东', '勇', '磊', '军', '家兴', '新华', '立新', '俊峰', '长江', '志华', '光明', '建华', '涛', '超', '小平'];
export const GIVEN_FEMALE = ['秀兰', '海燕', '丽娟', '春燕', '玉芳', '红霞', '静', '敏', '婷', '晓梅', '永红', '桂英', '雪梅', '金凤', '翠兰', '爱华', '淑芬', '丹'];
export const UNITS: Record<string, string[]> = {
  中共: ['县委办公室副主任', '鸣凤镇党委副书记', '县发展和改革局局长', '花林寺镇党委书记'],
  教育界: ['远安县第一高级中学校长', '鸣凤镇中心学校副校长', '远安县职业教育中心教师', '旧县镇初级中学教导主任'],
  医药卫生界: ['远安县人民医院副院长', '远安县中医医院主任医师', '洋坪镇卫生院院长', '县疾病预防控制中心主任'],
  经济界: ['湖北远安磷化集团有限公司总经理', '远安县鹿苑黄茶有限公司董事长', '远安农村商业银行行长', '宜昌嫘祖文化旅游公司经理'],
  农业界: ['远安县鹿苑茶叶专业合作社理事长', '茅坪场镇香菇种植大户', '县农业技术推广中心高级农艺师', '河口乡水果种植合作社社长'],
  民革: ['远安县自然资源和规划局副局长', '远安县第二高级中学教师', '宜昌远欣建筑工程公司总工程师', '县档案馆副馆长'],
  民盟: ['远安县实验小学校长', '远安县人民医院主治医师', '县审计局副局长', '远安县文化馆副馆长'],
  民建: ['远安县兴远物流有限公司董事长', '宜昌鑫源陶瓷有限公司总经理', '县市场监督管理局副局长', '远安县恒信会计师事务所所长'],
  民进: ['远安县鸣凤镇初级中学校长', '远安县新华书店经理', '县教育局教研室主任', '远安县幼儿园园长'],
  农工党: ['远安县中医医院副院长', '远安县妇幼保健院主任医师', '旧县镇卫生院副院长', '县卫生健康局医政股股长'],
  九三学社: ['县农业农村局高级农艺师', '远安县水利水电勘测设计院工程师', '宜昌长机科技远安分公司技术总监', '县气象局副局长'],
  无党派人士: ['县人民法院副院长', '远安县税务局副局长', '远安县荣誉律师事务所主任', '县统计局副局长'],
  共青团: ['共青团远安县委副书记', '远安县青年创业协会会长', '鸣凤镇团委书记', '远安县大学生村官'],
  总工会: ['远安县总工会副主席', '湖北远安磷化集团工会主席', '远安县环卫所一线职工', '县交通运输局职工代表'],
  妇联: ['远安县妇联副主席', '嫘祖镇妇联主席', '远安县巾帼家政服务中心负责人', '洋坪镇双路村妇女主任'],
  工商联: ['远安县工商联副主席', '远安县楚园春酒业有限公司董事长', '远安县凤翔牧业有限公司总经理', '远安县商会秘书长'],
  科学技术界: ['县科技和经济信息化局副局长', '远安县农业科学研究所所长', '宜昌新耀电子商务有限公司技术经理', '县科协副主席'],
  文化艺术界: ['远安县花鼓戏剧团团长', '县文化和旅游局副局长', '远安县书法家协会主席', '嫘祖文化研究会秘书长'],
  社会福利和社会保障界: ['县民政局副局长', '远安县社会福利院院长', '县医疗保障局副局长', '远安县慈善总会秘书长'],
  少数民族界: ['县民族宗教事务局副局长', '河口乡卫星村党支部书记', '远安县回族餐饮协会会长', '茅坪场镇土家族非遗传承人'],
  特邀界: ['远安县人民检察院副检察长', '县公安局副局长', '远安县退役军人事务局副局长', '远安县台湾同胞联谊会会长'],
  default: ['远安县图书馆馆长', '个体工商户', '远安县律师事务所主任', '县残疾人联合会副理事长', '嫘祖镇社区居委会主任', '远安县融媒体中心记者'],
};
export const ETHNIC = ['汉族', '汉族', '汉族', '汉族', '土家族', '汉族', '回族', '汉族', '苗族', '汉族'];
export const MIXED_PARTIES: Party[] = ['中共', '群众', '中共', '无党派', '群众', '中共'];

/**
 * A 远安-like county committee: 十届 (current) with five plenary sessions, 21 sectors, 6 committees
 * each linking several sectors, and 172 members — chair, vice-chairs, secretary-general, standing
 * members — some of whom also sit on the city committee (市县两级委员).
 */
export async function seedOrganisation(b: Builder, county: OrgRow, city: OrgRow) {
  const tenth = await buildTerm(b, { org: county, number: 10, startDate: '2022-01-10', isCurrent: true });
  const sessions = [['2022-01-10', '2022-01-13'], ['2023-01-09', '2023-01-12'], ['2024-01-08', '2024-01-11'], ['2025-01-06', '2025-01-09'], ['2026-01-08', '2026-01-11']];
  await b.db.insert(plenarySession).values(
    sessions.map(([startDate, endDate], i) => ({ orgId: county.id, termId: tenth.id, number: i + 1, name: sessionName(10, i + 1), startDate, endDate })),
  );
  const sectors = new Map<string, { id: string; party: Party | null }>();
  for (const [i, [name, party]] of SECTORS.entries()) sectors.set(name, { ...(await buildSector(b, { org: county, name, sort: i + 1 })), party });
  const committees = [];
  for (const [i, [name, shortName, linked]] of COMMITTEES.entries())
    committees.push({ row: await buildCommittee(b, { org: county, name, shortName, sort: i + 1, sectors: linked.map((s) => sectors.get(s)!) }), linked });
  const citySector = await buildSector(b, { org: city, name: '经济界', sort: 1 });
  const cityTerm = await buildTerm(b, { org: city, number: 6, startDate: '2022-01-05', isCurrent: true });

  const sectorNames = [...sectors.keys()];
  const accountOf = async (loginName: string) => (await b.db.select({ id: account.id }).from(account).where(eq(account.loginName, loginName)))[0]?.id;
  const named: Record<number, { name: string; position: 'chair' | 'vice_chair' | 'secretary_general'; sector: string; loginName?: string; gender?: 'female' }> = {
    0: { name: '陈志远', position: 'chair', sector: '中共', loginName: 'chenzhiyuan' },
    1: { name: '黄文华', position: 'vice_chair', sector: '民盟', loginName: 'huangwenhua' },
    2: { name: '邓立新', position: 'vice_chair', sector: '中共' },
    3: { name: '覃桂英', position: 'vice_chair', sector: '民建', gender: 'female' },
    4: { name: '周俊峰', position: 'vice_chair', sector: '无党派人士' },
    5: { name: '曾德明', position: 'secretary_general', sector: '中共' },
  };
  /** members who sign in with a demo login: 张红梅, and 杨德明 and 郭海燕 (who co-sign her proposals) */
  const WITH_LOGIN: Record<number, [name: string, login: string]> = { 6: ['张红梅', 'zhanghongmei'], 8: ['杨德明', 'yangdeming'], 13: ['郭海燕', 'guohaiyan'] };
  for (let i = 0; i < 172; i++) {
    const special = named[i];
    const sectorName = special?.sector ?? (i === 6 ? '经济界' : sectorNames[(i * 5 + Math.floor(i / 21)) % sectorNames.length]);
    const sec = sectors.get(sectorName)!;
    const gender = special ? (special.gender ?? 'male') : i === 6 || i % 3 === 1 ? 'female' : 'male';
    const given = gender === 'female' ? GIVEN_FEMALE : GIVEN_MALE;
    const name = special?.name ?? WITH_LOGIN[i]?.[0] ?? `${SURNAMES[(i * 13) % SURNAMES.length]}${given[(i * 7 + Math.floor(i / 40)) % given.length]}`;
    const year = 1962 + ((i * 5) % 30);
    const birthDate = `${year}-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + ((i * 3) % 28)).padStart(2, '0')}`;
    const units = UNITS[sectorName] ?? UNITS.default;
    const standing = !!special || i % 6 === 0 || i === 6;
    const inCommittees = committees.filter((c) => c.linked.includes(sectorName)).slice(0, 1).map((c) => c.row);
    const { person } = await buildMember(b, {
      org: county,
      sector: sec,
      name,
      gender,
      birthDate,
      ethnicity: ETHNIC[i % ETHNIC.length],
      party: sec.party ?? MIXED_PARTIES[i % MIXED_PARTIES.length],
      standing,
      position: special?.position ?? (standing ? 'standing' : 'member'),
      workUnit: special ? `远安县政协${POSITION_LABELS[special.position]}` : i === 6 ? '远安县鸣凤镇红梅农业专业合作社理事长' : units[i % units.length],
      phone: i === 6 ? '13872600011' : `1387260${String(1000 + i).padStart(4, '0')}`,
      idNumber: makeIdNumber('420525', birthDate, gender, i),
      committees: inCommittees,
      terms: [tenth],
      accountId: special?.loginName ? await accountOf(special.loginName) : WITH_LOGIN[i] ? await accountOf(WITH_LOGIN[i][1]) : undefined,
    });
    // 市县两级委员: every 25th member (and 张红梅) also sits on the city committee
    if (i === 6 || i % 25 === 10) await buildMember(b, { org: city, sector: citySector, person, party: sec.party ?? '无党派', terms: [cityTerm] });
  }
}
