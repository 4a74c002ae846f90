import { solveChallenge } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/sha';
import sharp from 'sharp';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type Agent, type TestApp } from '../../test/harness.js';
import { storedFile } from '../file/file.table.js';
import { concernWorld, freshPhone, jpegWithExif, pub, raise, raiseBody, smallPng, type ConcernWorld } from './request.fixture.js';
import { searchDoc } from '../search/search.table.js';
import { request } from './request.table.js';

let t: TestApp;
let w: ConcernWorld;
let staff: Agent;
let zhang: Agent;
beforeAll(async () => {
  t = await testApp();
  w = await concernWorld(t);
  staff = await w.signIn(w.staffAcc);
  zhang = await w.signIn(w.zhang.account);
});
afterAll(() => t.close());

const upload = (bytes: Buffer, type = 'image/jpeg', ip = '10.9.9.9') =>
  t.app.inject({ method: 'POST', url: `/api/public/orgs/${w.org.regionCode}/photos`, payload: bytes, headers: { 'content-type': type }, remoteAddress: ip });

describe('the form', () => {
  it('gives categories, townships with their villages and the privacy notice', async () => {
    const res = await pub(t, 'GET', `/api/public/orgs/${w.org.regionCode}/request-form`);
    expect(res.statusCode).toBe(200);
    const f = res.json();
    expect(f.categories.map((c: { name: string }) => c.name)).toEqual(['环境整治', '道路交通', '门牌地址', '供水用电', '教育医疗', '就业创业', '农业农村', '其他']);
    expect(f.places.find((p: { name: string }) => p.name === '鸣凤镇').children.map((c: { name: string }) => c.name)).toEqual(['太平村', '凤阳村']);
    expect(f.privacy.paragraphs.join('')).toContain('个人信息保护法');
    expect(f.privacy.paragraphs.join('')).toContain('办结 180 天后');
    expect(f.rules).toMatchObject({ maxPhotos: 3, maxPhotoMB: 5 });
  });
  it('says so for an unknown region', async () => {
    const res = await pub(t, 'GET', '/api/public/orgs/999999/request-form');
    expect(res.statusCode).toBe(404);
    expect(res.json().error.message).toContain('未找到该地区');
  });
});

describe('photos', () => {
  it('re-encodes a real photo: no EXIF or GPS survives, at most 1600 px', async () => {
    const raw = await jpegWithExif();
    expect(raw.includes(Buffer.from('TestCam'))).toBe(true);
    const res = await upload(raw);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ width: 1600, height: 800 });
    const [row] = await t.b.db.select().from(storedFile).where(eq(storedFile.id, res.json().id));
    expect(row.ownerId).toBeNull();
    expect(row.mime).toBe('image/jpeg');
    const meta = await sharp(row.bytes).metadata();
    expect(meta.exif).toBeUndefined();
    expect(row.bytes.includes(Buffer.from('TestCam'))).toBe(false);
    expect(row.bytes.includes(Buffer.from('GPS'))).toBe(false);
  });
  it('takes a PNG sent as octet-stream', async () => {
    const res = await upload(await smallPng(), 'application/octet-stream');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ width: 40, height: 30 });
  });
  it('refuses a text file renamed to .jpg, by its content', async () => {
    const res = await upload(Buffer.from('这不是图片，只是改了扩展名的文本文件。'.repeat(20)), 'image/jpeg');
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toBe('只能上传 JPG 或 PNG 图片');
  });
  it('refuses a 6 MB file with a Chinese 413', async () => {
    const big = Buffer.concat([await jpegWithExif(), Buffer.alloc(6 * 1024 * 1024, 7)]);
    const res = await upload(big);
    expect(res.statusCode).toBe(413);
    expect(res.json().error.message).toBe('提交的内容过大（上限 5 MB）');
  });
});

describe('raising a concern', () => {
  it('gives a tracking code from the unambiguous alphabet and keeps the phone encrypted', async () => {
    const phone = freshPhone();
    const photo = (await upload(await smallPng())).json().id as string;
    const code = await raise(t, w, { phone, name: '王大爷', photoIds: [photo] });
    expect(code).toMatch(/^[2-9A-HJ-NP-Z]{8}$/);
    const [row] = await t.b.db.select().from(request).where(eq(request.code, code));
    expect(row.phoneEnc).not.toContain(phone);
    expect(t.deps.crypto.decrypt(row.phoneEnc!)).toBe(phone);
    expect(t.deps.crypto.decrypt(row.residentNameEnc!)).toBe('王大爷');
    expect(row.consentAt).toBeTruthy();
    const [file] = await t.b.db.select().from(storedFile).where(eq(storedFile.id, photo));
    expect(file.ownerId).toBe(row.id);
    const track = (await pub(t, 'GET', `/api/public/requests/${code}`)).json();
    expect(track.photos).toHaveLength(1);
    // a tracking link opened first on another phone still leads back to this org's pages
    expect(track.regionCode).toBe(w.org.regionCode);
    const img = await pub(t, 'GET', `/api/public/requests/${code}/photos/${photo}`);
    expect(img.statusCode).toBe(200);
    expect(img.headers['content-type']).toBe('image/jpeg');
  });
  it('refuses without consent, with a bad phone, a short title, too many photos — and changes nothing', async () => {
    const before = (await t.b.db.select({ id: request.id }).from(request)).length;
    const url = `/api/public/orgs/${w.org.regionCode}/requests`;
    const cases: [Record<string, unknown>, string][] = [
      [{ consent: false }, '请阅读并同意《个人信息收集说明》后再提交'],
      [{ phone: '12345678901' }, '请填写正确的 11 位手机号'],
      [{ title: '路灯' }, '标题至少 5 个字'],
      [{ photoIds: Array.from({ length: 4 }, () => crypto.randomUUID()) }, '最多上传 3 张照片'],
      [{ placeId: crypto.randomUUID() }, '所选地点不存在，请重新选择乡镇和村（社区）'],
      [{ photoIds: [crypto.randomUUID()] }, '照片不存在或已被使用，请重新上传'],
    ];
    for (const [over, message] of cases) {
      const res = await pub(t, 'POST', url, raiseBody(w, over), '10.3.3.3');
      expect(res.statusCode, JSON.stringify(over)).toBe(400);
      expect(res.json().error.message).toBe(message);
    }
    expect((await t.b.db.select({ id: request.id }).from(request)).length).toBe(before);
  });
  it('accepts a number written with spaces or +86', async () => {
    const code = await raise(t, w, { phone: '+86 138 7260 9999' });
    const [row] = await t.b.db.select().from(request).where(eq(request.code, code));
    expect(t.deps.crypto.decrypt(row.phoneEnc!)).toBe('13872609999');
  });
});

describe('limits and the challenge', () => {
  const url = () => `/api/public/orgs/${w.org.regionCode}/requests`;
  const solve = async (res: { json(): { error: { details: { message: string }[] } } }) => {
    const challenge = JSON.parse(res.json().error.details[0].message);
    const solution = await solveChallenge({ challenge, deriveKey });
    return Buffer.from(JSON.stringify({ challenge, solution })).toString('base64');
  };

  it('per phone: the last one of the day needs the challenge, then the limit refuses', async () => {
    const phone = freshPhone();
    await raise(t, w, { phone }, '10.4.0.1');
    await raise(t, w, { phone }, '10.4.0.2');
    const third = await pub(t, 'POST', url(), raiseBody(w, { phone }), '10.4.0.3');
    expect(third.statusCode).toBe(428);
    expect(third.json().error.code).toBe('CHALLENGE_REQUIRED');
    const payload = await solve(third);
    const ok = await pub(t, 'POST', url(), raiseBody(w, { phone, challenge: payload }), '10.4.0.3');
    expect(ok.statusCode).toBe(200);
    const fourth = await pub(t, 'POST', url(), raiseBody(w, { phone, challenge: payload }), '10.4.0.4');
    expect(fourth.statusCode).toBe(429);
    expect(fourth.json().error.message).toContain('该手机号 24 小时内已提交 3 条诉求');
    // a day later the phone may raise again
    t.clock.advance(24 * 3600_000 + 60_000);
    expect((await pub(t, 'POST', url(), raiseBody(w, { phone }), '10.4.0.5')).statusCode).toBe(200);
  });

  it('per address: from the 4th the challenge, a solved one used once, then the daily limit', async () => {
    const ip = '10.5.0.1';
    for (let i = 0; i < 3; i++) await raise(t, w, {}, ip);
    const need = await pub(t, 'POST', url(), raiseBody(w), ip);
    expect(need.statusCode).toBe(428);
    const payload = await solve(need);
    expect((await pub(t, 'POST', url(), raiseBody(w, { challenge: payload }), ip)).statusCode).toBe(200);
    const reused = await pub(t, 'POST', url(), raiseBody(w, { challenge: payload }), ip);
    expect(reused.statusCode).toBe(428);
    expect(reused.json().error.message).toBe('该人机验证已使用过，请重新验证');
    const forged = await pub(t, 'POST', url(), raiseBody(w, { challenge: payload.replace(/.{4}$/, 'AAAA') }), ip);
    expect(forged.statusCode).toBe(428);
    // the rest of the day's 20, each with its own solved challenge
    let last = reused;
    for (let n = 4; n < 20; n++) {
      const res = await pub(t, 'POST', url(), raiseBody(w, { challenge: await solve(last) }), ip);
      expect(res.statusCode).toBe(200);
      last = await pub(t, 'POST', url(), raiseBody(w), ip);
    }
    expect(last.statusCode).toBe(429);
    expect(last.json().error.message).toBe('当前网络 24 小时内提交的诉求已达上限，请明天再试');
  });

  it('an IPv6 client is one address in its /64, however it changes it; an IPv4 address written as IPv6 is that address', async () => {
    // three from three addresses of one home's network: the fourth, from yet another address in it, needs the challenge
    for (const ip of ['2001:db8:40:1::1', '2001:db8:40:1::2', '2001:db8:40:1:8f3a:2c1:9d4e:7b']) await raise(t, w, {}, ip);
    expect((await pub(t, 'POST', url(), raiseBody(w), '2001:db8:40:1:ffff::9')).statusCode).toBe(428);
    // the next /64 is another home
    expect((await pub(t, 'POST', url(), raiseBody(w), '2001:db8:40:2::1')).statusCode).toBe(200);
    for (const ip of ['198.51.100.40', '::ffff:198.51.100.40', '198.51.100.40']) await raise(t, w, {}, ip);
    expect((await pub(t, 'POST', url(), raiseBody(w), '::ffff:198.51.100.40')).statusCode).toBe(428);
  });

  it('25 raises at once from one new address: only the threshold pass without the challenge, the rest are asked for it', async () => {
    const ip = '10.5.7.1';
    const results = await Promise.all(Array.from({ length: 25 }, () => pub(t, 'POST', url(), raiseBody(w), ip)));
    const statuses = results.map((r) => r.statusCode);
    expect(statuses.filter((s) => s === 200)).toHaveLength(3);
    expect(statuses.filter((s) => s === 428)).toHaveLength(22);
    expect(await t.b.db.$count(request, eq(request.ipHash, t.deps.crypto.blindIndex(`ip:${ip}`)))).toBe(3);
  });

  it('a challenge can also be fetched before submitting', async () => {
    const res = await pub(t, 'GET', '/api/public/challenge');
    expect(res.statusCode).toBe(200);
    expect(res.json().parameters.algorithm).toBe('SHA-256');
    expect(res.json().signature).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('the public side never shows the resident', () => {
  it('no public response carries the phone number, masked or whole, nor the name', async () => {
    const phone = '13607171234';
    const code = await raise(t, w, { phone, name: '赵桂芝', content: '我家门口的下水道堵了，请打 13607171234 或 0717-3812345 联系我，赵桂芝。' }, '10.6.0.1');
    const [row] = await t.b.db.select().from(request).where(eq(request.code, code));
    // sessions idle out while the clock moves: sign in again
    [staff, zhang] = [await w.signIn(w.staffAcc), await w.signIn(w.zhang.account)];
    expect((await zhang.post(`/api/requests/${row.id}/answer`, { answer: '已联系村委会安排疏通，本周内完成，请留意。', outcome: 'solved' })).statusCode).toBe(200);
    expect((await staff.post(`/api/requests/${row.id}/publish`, { publish: true })).statusCode).toBe(200);
    const bodies = [
      (await pub(t, 'GET', `/api/public/requests/${code}`)).body,
      (await pub(t, 'GET', `/api/public/orgs/${w.org.regionCode}/requests?pageSize=200`)).body,
      (await pub(t, 'GET', `/api/public/requests/followed?ids=${row.id}&codes=${code}`)).body,
      (await pub(t, 'POST', `/api/public/requests/${row.id}/follow`, { device: 'a1b2c3d4e5f60718293a4b5c6d7e8f90' })).body,
      (await pub(t, 'POST', `/api/public/requests/${code}/rating`, { rating: 'satisfied', comment: '谢谢，已经通了' })).body,
      (await pub(t, 'GET', `/api/public/orgs/${w.org.regionCode}/request-form`)).body,
    ];
    const list = JSON.parse(bodies[1]);
    expect(list.items.some((i: { id: string }) => i.id === row.id)).toBe(true);
    for (const b of bodies) {
      expect(b).not.toContain('13607171234');
      expect(b).not.toContain('136****1234');
      expect(b).not.toContain('3812345');
      expect(b).not.toContain('赵桂芝');
    }
    expect(bodies[0]).toContain('[号码已隐去]');
    // staff see it masked too, the whole number only through the audited contact call
    const detail = (await staff.get(`/api/requests/${row.id}`)).json();
    expect(detail.phoneMasked).toBe('136****1234');
    expect(detail.residentName).toBe('赵*');
  });

  it('numbers written with dots, dashes, spaces, +86 or full-width digits are hidden too; dates stay', async () => {
    const content = '2024-05-01起下水道一直堵，请打139.1234.5678或+86 139 1234 5679，座机（0717）3812345，也可以打１３９－１２３４－５６７０。';
    const code = await raise(t, w, { content, title: '下水道堵了电话139 1234 5678' }, '10.6.0.2');
    const [row] = await t.b.db.select().from(request).where(eq(request.code, code));
    const track = (await pub(t, 'GET', `/api/public/requests/${code}`)).json();
    const detail = (await staff.get(`/api/requests/${row.id}`)).json();
    const [doc] = await t.b.db.select().from(searchDoc).where(eq(searchDoc.refId, row.id));
    for (const text of [track.title, track.content, detail.title, detail.content, doc.title, doc.body]) {
      expect(text).not.toMatch(/1234|5678|３８１|５６７|3812345/);
    }
    expect(track.content).toBe('2024-05-01起下水道一直堵，请打[号码已隐去]或[号码已隐去]，座机[号码已隐去]，也可以打[号码已隐去]。');
    expect(doc.body).toContain('2024-05-01起');
  });
});
