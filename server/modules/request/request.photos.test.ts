import { randomBytes } from 'node:crypto';
import { solveChallenge } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/sha';
import { eq } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type Agent, type TestApp } from '../../test/harness.js';
import { storedFile } from '../file/file.table.js';
import { concernWorld, raise, smallPng, type ConcernWorld } from './request.fixture.js';

/** The residents' photo upload: limits per address, the challenge near them, a daily budget of bytes. */

let t: TestApp;
let w: ConcernWorld;
let staff: Agent;
let png: Buffer;
beforeAll(async () => {
  t = await testApp();
  w = await concernWorld(t);
  staff = await w.signIn(w.staffAcc);
  png = await smallPng();
});
afterAll(() => t.close());

const upload = (bytes: Buffer, ip: string, challenge?: string) =>
  t.app.inject({
    method: 'POST',
    url: `/api/public/orgs/${w.org.regionCode}/photos${challenge ? `?challenge=${encodeURIComponent(challenge)}` : ''}`,
    payload: bytes,
    headers: { 'content-type': 'image/jpeg' },
    remoteAddress: ip,
  });
const solve = async (res: { json(): { error: { details: { message: string }[] } } }) => {
  const challenge = JSON.parse(res.json().error.details[0].message);
  return Buffer.from(JSON.stringify({ challenge, solution: await solveChallenge({ challenge, deriveKey }) })).toString('base64');
};
const files = async () => (await t.b.db.select({ id: storedFile.id }).from(storedFile)).length;
const filesFrom = async (ip: string) => (await t.b.db.select({ id: storedFile.id }).from(storedFile).where(eq(storedFile.ipHash, t.deps.crypto.blindIndex(`ip:${ip}`)))).length;
/** A photo of about 400 KB that JPEG cannot squeeze (noise). */
const noisePhoto = () => sharp(randomBytes(640 * 640 * 3), { raw: { width: 640, height: 640, channels: 3 } }).jpeg({ quality: 92 }).toBuffer();
const setRules = async (rules: Record<string, number>) => expect((await staff.patch('/api/request-rules', rules)).statusCode).toBe(200);

describe('limits per address', () => {
  it('the photos of three concerns go through; from the tenth the challenge; solved, it goes through once', async () => {
    const ip = '10.40.0.1';
    for (let i = 0; i < 9; i++) expect((await upload(png, ip)).statusCode).toBe(200);
    const tenth = await upload(png, ip);
    expect(tenth.statusCode).toBe(428);
    expect(tenth.json().error).toMatchObject({ code: 'CHALLENGE_REQUIRED', message: '提交较频繁，请先完成人机验证' });
    const payload = await solve(tenth);
    const ok = await upload(png, ip, payload);
    expect(ok.statusCode, ok.body).toBe(200);
    const again = await upload(png, ip, payload);
    expect(again.statusCode).toBe(428);
    expect(again.json().error.message).toBe('该人机验证已使用过，请重新验证');
    expect(await filesFrom(ip)).toBe(10);
    // another address is not affected
    expect((await upload(png, '10.40.0.2')).statusCode).toBe(200);
  });

  it('an IPv6 client changing its address inside its /64 is still one address; the next /64 is another', async () => {
    for (let i = 1; i <= 9; i++) expect((await upload(png, `2001:db8:41:1::${i.toString(16)}`)).statusCode).toBe(200);
    expect((await upload(png, '2001:db8:41:1:abcd::1')).statusCode).toBe(428);
    expect((await upload(png, '2001:db8:41:2::1')).statusCode).toBe(200);
  });

  it('25 uploads at once from one new address: nine go through, the rest are asked for the challenge', async () => {
    const ip = '10.40.1.1';
    const results = await Promise.all(Array.from({ length: 25 }, () => upload(png, ip)));
    const statuses = results.map((r) => r.statusCode);
    expect(statuses.filter((s) => s === 200)).toHaveLength(9);
    expect(statuses.filter((s) => s === 428)).toHaveLength(16);
    expect(await filesFrom(ip)).toBe(9);
  });

  it('a file that is no readable image is refused and uses nothing up', async () => {
    const ip = '10.40.2.1';
    const broken = Buffer.concat([png.subarray(0, 64), Buffer.alloc(4096, 1)]);
    const before = await files();
    const res = await upload(broken, ip);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toBe('图片已损坏或无法识别，请换一张 JPG 或 PNG 图片');
    expect(await files()).toBe(before);
  });
});

describe('the daily budget of bytes', () => {
  it('counts attached and unattached photos; past it the refusal is in Chinese and stores nothing; a day later it is free again', async () => {
    await setRules({ photoMBPerIpPerDay: 1 });
    try {
      const ip = '10.41.0.1';
      const photo = await noisePhoto();
      expect(photo.length).toBeGreaterThan(300_000);
      expect(photo.length).toBeLessThan(500_000);
      const first = await upload(photo, ip);
      expect(first.statusCode, first.body).toBe(200);
      await raise(t, w, { photoIds: [first.json().id] }, ip);
      expect((await upload(photo, ip)).statusCode).toBe(200); // not attached to anything
      const before = await files();
      const third = await upload(photo, ip);
      expect(third.statusCode).toBe(429);
      expect(third.json().error.message).toMatch(/^当前网络 24 小时内还能上传 0\.\d MB 照片，这张放不下；请换一张较小的照片，或不带照片提交诉求$/);
      expect(await files()).toBe(before);
      // a small one still fits
      expect((await upload(png, ip)).statusCode).toBe(200);
      t.clock.advance(24 * 3600_000 + 60_000);
      staff = await w.signIn(w.staffAcc);
      expect((await upload(photo, ip)).statusCode).toBe(200);
    } finally {
      await setRules({ photoMBPerIpPerDay: 50 });
    }
  });

  it('holds when the uploads arrive at once', async () => {
    await setRules({ photoMBPerIpPerDay: 1 });
    try {
      const ip = '10.41.1.1';
      const photo = await noisePhoto();
      const results = await Promise.all(Array.from({ length: 8 }, () => upload(photo, ip)));
      const statuses = results.map((r) => r.statusCode);
      expect(statuses.filter((s) => s === 200)).toHaveLength(Math.floor((1024 * 1024) / photo.length));
      expect(statuses.filter((s) => s === 429).length).toBe(8 - Math.floor((1024 * 1024) / photo.length));
      const spent = results.find((r) => r.statusCode === 429)!.json().error.message;
      expect(spent).toContain('这张放不下');
    } finally {
      await setRules({ photoMBPerIpPerDay: 50 });
    }
  });

  it('is a rule of the org, checked as the others', async () => {
    const res = await staff.patch('/api/request-rules', { photoMBPerIpPerDay: 0 });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0].message).toBe('每个网络地址每天可上传照片（MB）不能少于 1');
    expect((await staff.get('/api/request-rules')).json()).toMatchObject({ photoMBPerIpPerDay: 50, followsPerIpPerDay: 30 });
  });
});
