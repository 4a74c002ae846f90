import { buildAccount, buildMember, buildOrg, buildSector, type Builder, type OrgRow } from '../../demo/builders.js';

/** Test fixture: 宜昌 (city) over 远安 (county), members with accounts, staff at both, a leader. */
export async function opinionWorld(b: Builder, tag: string) {
  const city = await buildOrg(b, { name: `中国人民政治协商会议宜昌市委员会${tag}`, shortName: `宜昌市政协${tag}`, level: 'city' });
  const county = await buildOrg(b, { name: `中国人民政治协商会议远安县委员会${tag}`, shortName: `远安县政协${tag}`, level: 'county', parentId: city.id });
  const sector = await buildSector(b, { org: county, name: '农业界' });
  const memberWithAccount = async (org: OrgRow, login: string, name: string) => {
    const { account } = await buildAccount(b, { org, roles: ['member'], loginName: login, displayName: name });
    const { member } = await buildMember(b, { org, sector, name, accountId: account.id, workUnit: '远安县鸣凤镇' });
    return member;
  };
  const writer = await memberWithAccount(county, `${tag}zhang`, '张红梅');
  const coAuthor = await memberWithAccount(county, `${tag}yang`, '杨德明');
  const other = await memberWithAccount(county, `${tag}guo`, '郭海燕');
  const noAccount = (await buildMember(b, { org: county, sector, name: '刘建国' })).member;
  await buildAccount(b, { org: county, roles: ['staff'], loginName: `${tag}li`, displayName: '李秀兰' });
  await buildAccount(b, { org: county, roles: ['leader'], loginName: `${tag}chen`, displayName: '陈志远' });
  await buildAccount(b, { org: city, roles: ['staff'], loginName: `${tag}ma`, displayName: '马晓东' });
  return { city, county, sector, writer, coAuthor, other, noAccount };
}

export const REPORT_BODY =
  '远安县山区乡镇留守老人比例高，村卫生室服务能力弱，慢性病老人每月往返县城取药往往要花上一整天。建议推行慢病长处方和送药上门，由乡镇卫生院定期巡诊，并把村卫生室纳入医保结算网络，让老人在家门口看得上病、买得到药。';
