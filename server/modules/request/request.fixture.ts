import sharp from 'sharp';
import type { LightMyRequestResponse } from 'fastify';
import { buildAccount, buildCommittee, buildMember, buildOrg } from '../../demo/builders.js';
import { buildGroup, buildPlace } from '../../demo/groups.js';
import { signIn, type TestApp } from '../../test/harness.js';
import { ensureCategories } from './request.category.js';
import { requestCategory } from './request.table.js';
import { and, eq } from 'drizzle-orm';

/**
 * A small county for the concern tests: two townships with covered villages, one township covered
 * as a whole, one uncovered; two groups with conveners and members who sign in; staff and a leader.
 */
export async function concernWorld(t: TestApp) {
  const org = await buildOrg(t.b, { name: '中国人民政治协商会议测试县委员会', shortName: '测试县政协' });
  const { account: staffAcc } = await buildAccount(t.b, { org, roles: ['staff'], displayName: '李秀兰' });
  const { account: staff2Acc } = await buildAccount(t.b, { org, roles: ['staff'], displayName: '刘静' });
  const { account: leaderAcc } = await buildAccount(t.b, { org, roles: ['leader'], displayName: '陈志远' });
  const jiaoke = await buildCommittee(t.b, { org, name: '教科卫体委员会', shortName: '教科卫体委' });
  const mingfeng = await buildPlace(t.b, { org, name: '鸣凤镇', sort: 1 });
  const taiping = await buildPlace(t.b, { org, name: '太平村', parent: mingfeng, sort: 1 });
  const fengyang = await buildPlace(t.b, { org, name: '凤阳村', parent: mingfeng, sort: 2 });
  const hualin = await buildPlace(t.b, { org, name: '花林寺镇', sort: 2 });
  const baiyun = await buildPlace(t.b, { org, name: '白云村', parent: hualin });
  const jiuxian = await buildPlace(t.b, { org, name: '旧县镇', sort: 3 });
  const luyuan = await buildPlace(t.b, { org, name: '鹿苑村', parent: jiuxian });
  const person = async (name: string) => {
    const { account } = await buildAccount(t.b, { org, roles: ['member'], displayName: name });
    const { member } = await buildMember(t.b, { org, name, accountId: account.id });
    return { account, member, name };
  };
  const zhang = await person('张红梅');
  const yang = await person('杨德明');
  const guo = await person('郭海燕');
  const groupA = await buildGroup(t.b, { org, name: '第一活动小组', convener: zhang.member, members: [yang.member], liaisonAccount: staffAcc, places: [taiping, fengyang] });
  const groupB = await buildGroup(t.b, { org, name: '第二活动小组', convener: guo.member, places: [hualin] });
  await ensureCategories(t.b.db, org.id);
  const cats = await t.b.db.select().from(requestCategory).where(eq(requestCategory.orgId, org.id));
  const cat = (name: string) => cats.find((c) => c.name === name)!;
  await t.b.db.update(requestCategory).set({ committeeId: jiaoke.id }).where(and(eq(requestCategory.orgId, org.id), eq(requestCategory.name, '教育医疗')));
  return {
    org,
    staffAcc,
    staff2Acc,
    leaderAcc,
    jiaoke,
    places: { mingfeng, taiping, fengyang, hualin, baiyun, jiuxian, luyuan },
    zhang,
    yang,
    guo,
    groupA,
    groupB,
    cat,
    signIn: (acc: { loginName: string }) => signIn(t.app, acc.loginName),
  };
}
export type ConcernWorld = Awaited<ReturnType<typeof concernWorld>>;

let phoneSeq = 0;
/** A fresh mainland mobile number per call (limits count per phone). */
export const freshPhone = () => `139${String(10_000_000 + ((process.pid * 7 + ++phoneSeq * 7919) % 89_999_999)).padStart(8, '0')}`;

export const raiseBody = (w: ConcernWorld, over: Record<string, unknown> = {}) => ({
  categoryId: w.cat('环境整治').id,
  placeId: w.places.taiping.id,
  title: '太平村三组路灯不亮',
  content: '太平村三组通往村委会的路上有四盏路灯坏了一个多月，晚上老人孩子走路很不安全。',
  phone: freshPhone(),
  consent: true,
  ...over,
});

/** A public call, from a given address. */
export const pub = (t: TestApp, method: 'GET' | 'POST', url: string, payload?: unknown, ip = '10.1.1.1'): Promise<LightMyRequestResponse> =>
  t.app.inject({ method, url, payload: payload as object, remoteAddress: ip });

export async function raise(t: TestApp, w: ConcernWorld, over: Record<string, unknown> = {}, ip?: string) {
  const res = await pub(t, 'POST', `/api/public/orgs/${w.org.regionCode}/requests`, raiseBody(w, over), ip ?? `10.2.${++phoneSeq % 250}.${phoneSeq % 250}`);
  if (res.statusCode !== 200) throw new Error(`raise failed: ${res.statusCode} ${res.body}`);
  const { code } = res.json() as { code: string };
  return code;
}

/** A real photo with EXIF (camera, GPS-like comment) for the upload tests. */
export const jpegWithExif = () =>
  sharp({ create: { width: 2400, height: 1200, channels: 3, background: { r: 200, g: 120, b: 40 } } })
    .withExif({ IFD0: { Make: 'TestCam', Model: 'GPS 30.86N 111.64E' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '30/1 51/1 36/1' } })
    .jpeg()
    .toBuffer();
export const smallPng = () => sharp({ create: { width: 40, height: 30, channels: 4, background: { r: 0, g: 128, b: 255, alpha: 0.5 } } }).png().toBuffer();
