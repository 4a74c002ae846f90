import { inArray } from 'drizzle-orm';
import { account } from '../modules/account/account.table.js';
import { handlingUnit, handlingUnitAccount } from '../modules/unit/unit.table.js';
import type { Builder } from './builders.js';

/**
 * 远安县's handling units (承办单位) as its proposals office lists them: the county government's
 * departments, the court, people's organisations, the power company and the townships. Each has the
 * office contact the committee calls, the head who signs its reply letters and the prefix of its
 * letters' numbers (远住建函〔2026〕12号).
 */
export interface UnitSpec {
  name: string;
  shortName: string;
  kind: 'government' | 'judicial' | 'party' | 'organisation' | 'enterprise' | 'township';
  contactName: string;
  contactPhone: string;
  /** 签发人: the unit's head */
  head: string;
  /** 文号 prefix: 远住建函 */
  letter: string;
}

export const UNITS: UnitSpec[] = [
  { name: '县发展和改革局', shortName: '县发改局', kind: 'government', contactName: '刘晓峰', contactPhone: '0717-3812061', head: '王建军', letter: '远发改函' },
  { name: '县教育局', shortName: '县教育局', kind: 'government', contactName: '陈丽', contactPhone: '0717-3812135', head: '李卫东', letter: '远教函' },
  { name: '县科技和经济信息化局', shortName: '县科经局', kind: 'government', contactName: '周明', contactPhone: '0717-3812270', head: '郑国庆', letter: '远科经函' },
  { name: '县公安局', shortName: '县公安局', kind: 'government', contactName: '黄涛', contactPhone: '0717-3812110', head: '吴志刚', letter: '远公函' },
  { name: '县民政局', shortName: '县民政局', kind: 'government', contactName: '杨春燕', contactPhone: '0717-3812318', head: '赵长江', letter: '远民函' },
  { name: '县财政局', shortName: '县财政局', kind: 'government', contactName: '徐敏', contactPhone: '0717-3812402', head: '孙立新', letter: '远财函' },
  { name: '县人力资源和社会保障局', shortName: '县人社局', kind: 'government', contactName: '何丽娟', contactPhone: '0717-3812457', head: '马俊峰', letter: '远人社函' },
  { name: '县自然资源和规划局', shortName: '县自规局', kind: 'government', contactName: '高建华', contactPhone: '0717-3812533', head: '胡光明', letter: '远自然资规函' },
  { name: '宜昌市远安生态环境分局', shortName: '远安环境分局', kind: 'government', contactName: '林婷', contactPhone: '0717-3812609', head: '罗新华', letter: '宜环远函' },
  { name: '县住房和城乡建设局', shortName: '县住建局', kind: 'government', contactName: '王磊', contactPhone: '0717-3812688', head: '郭志强', letter: '远住建函' },
  { name: '县交通运输局', shortName: '县交通局', kind: 'government', contactName: '孙莉', contactPhone: '0717-3812716', head: '梁建国', letter: '远交函' },
  { name: '县水利和湖泊局', shortName: '县水利局', kind: 'government', contactName: '谢雪梅', contactPhone: '0717-3812765', head: '宋德明', letter: '远水函' },
  { name: '县农业农村局', shortName: '县农业农村局', kind: 'government', contactName: '唐玉芳', contactPhone: '0717-3812820', head: '许家兴', letter: '远农函' },
  { name: '县商务局', shortName: '县商务局', kind: 'government', contactName: '韩超', contactPhone: '0717-3812871', head: '冯立军', letter: '远商函' },
  { name: '县文化和旅游局', shortName: '县文旅局', kind: 'government', contactName: '邓红霞', contactPhone: '0717-3812903', head: '曹文华', letter: '远文旅函' },
  { name: '县卫生健康局', shortName: '县卫健局', kind: 'government', contactName: '彭静', contactPhone: '0717-3812952', head: '曾国平', letter: '远卫健函' },
  { name: '县应急管理局', shortName: '县应急局', kind: 'government', contactName: '肖勇', contactPhone: '0717-3813012', head: '田卫国', letter: '远应急函' },
  { name: '县市场监督管理局', shortName: '县市场监管局', kind: 'government', contactName: '董婷', contactPhone: '0717-3813055', head: '袁志华', letter: '远市监函' },
  { name: '县医疗保障局', shortName: '县医保局', kind: 'government', contactName: '潘晓梅', contactPhone: '0717-3813108', head: '蒋建华', letter: '远医保函' },
  { name: '县城市管理执法局', shortName: '县城管局', kind: 'government', contactName: '蔡军', contactPhone: '0717-3813166', head: '余长江', letter: '远城管函' },
  { name: '县林业局', shortName: '县林业局', kind: 'government', contactName: '杜金凤', contactPhone: '0717-3813201', head: '叶明亮', letter: '远林函' },
  { name: '县人民法院', shortName: '县法院', kind: 'judicial', contactName: '程丹', contactPhone: '0717-3813250', head: '魏立新', letter: '远法函' },
  { name: '团县委', shortName: '团县委', kind: 'organisation', contactName: '苏婷', contactPhone: '0717-3813302', head: '吕晓东', letter: '远团函' },
  { name: '县妇联', shortName: '县妇联', kind: 'organisation', contactName: '丁秀兰', contactPhone: '0717-3813355', head: '任爱华', letter: '远妇函' },
  { name: '国网远安县供电公司', shortName: '县供电公司', kind: 'enterprise', contactName: '沈涛', contactPhone: '0717-3813400', head: '姚建国', letter: '远电函' },
  { name: '鸣凤镇人民政府', shortName: '鸣凤镇', kind: 'township', contactName: '卢永红', contactPhone: '0717-3813451', head: '姜志强', letter: '鸣政函' },
  { name: '旧县镇人民政府', shortName: '旧县镇', kind: 'township', contactName: '崔桂英', contactPhone: '0717-3813502', head: '钟德明', letter: '旧政函' },
  { name: '嫘祖镇人民政府', shortName: '嫘祖镇', kind: 'township', contactName: '谭春燕', contactPhone: '0717-3813557', head: '陆国平', letter: '嫘政函' },
];

export const unitSpec = (name: string) => {
  const u = UNITS.find((x) => x.name === name || x.shortName === name);
  if (!u) throw new Error(`demo: unknown handling unit ${name}`);
  return u;
};

/** The demo's unit accounts and the unit each works for. */
export const UNIT_ACCOUNTS: [login: string, unit: string][] = [
  ['wanglei', '县住房和城乡建设局'],
  ['sunli', '县交通运输局'],
];

/** The units of the org and the demo unit accounts linked to theirs; unit name → id. */
export async function seedUnits(b: Builder, orgId: string): Promise<Map<string, string>> {
  const rows = await b.db
    .insert(handlingUnit)
    .values(UNITS.map((u, i) => ({ orgId, name: u.name, shortName: u.shortName, kind: u.kind, contactName: u.contactName, contactPhoneEnc: b.crypto.encrypt(u.contactPhone), sort: i + 1 })))
    .returning({ id: handlingUnit.id, name: handlingUnit.name });
  const ids = new Map(rows.map((r) => [r.name, r.id]));
  const accounts = await b.db
    .select({ id: account.id, loginName: account.loginName })
    .from(account)
    .where(inArray(account.loginName, UNIT_ACCOUNTS.map(([l]) => l)));
  const links = UNIT_ACCOUNTS.flatMap(([login, unit]) => {
    const a = accounts.find((x) => x.loginName === login);
    return a ? [{ orgId, unitId: ids.get(unit)!, accountId: a.id }] : [];
  });
  if (links.length) await b.db.insert(handlingUnitAccount).values(links);
  return ids;
}

