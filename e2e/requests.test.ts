import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { demoSite, hasChromium, shot, signInConsole } from './support.js';

/**
 * 关键小事我来答, the whole way round through real pages: a resident raises a concern with a photo on
 * the phone; staff assign it in the console; the member answers on her phone; the resident reads the
 * answer by tracking code and rates it; staff approve it for the public list, which shows it without
 * the resident's name or phone.
 */
const REGION = '420525';
const PHONE = '13987654321';
const NAME = '覃桂香';
const PHONE_VIEW = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

const noSideScroll = async (page: Page) => expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
const noPersonalData = async (page: Page) => {
  const html = await page.content();
  expect(html).not.toContain(PHONE);
  expect(html).not.toContain(PHONE.slice(0, 3) + '****' + PHONE.slice(7));
  expect(html).not.toContain(NAME);
};

describe.runIf(hasChromium)('a resident’s concern, from the phone to the public list', () => {
  const site = demoSite('xs-e2e-requests-');

  it('raise → assign → answer on the phone → track and rate → publish', async () => {
    const url = site.server.url;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xs-requests-'));
    // straight from a phone's camera: over the 5 MB limit (noise does not compress), made smaller by the page before upload
    const photo = path.join(dir, 'door.png');
    const noise = randomBytes(2400 * 1800 * 3);
    await sharp(noise, { raw: { width: 2400, height: 1800, channels: 3 } }).png().toFile(photo);
    expect(fs.statSync(photo).size).toBeGreaterThan(5 * 1024 * 1024);

    // 1. the resident, at a phone's width, without an account
    const resident = await site.browser.newPage(PHONE_VIEW);
    await resident.goto(`${url}/m/r/${REGION}`);
    await resident.getByText('关键小事我来答').waitFor();
    await resident.getByText('门牌地址', { exact: true }).click();
    await resident.getByText('请选择乡镇 → 村（社区）').click();
    await resident.getByText('嫘祖镇', { exact: true }).click();
    await resident.getByText('金家湾村', { exact: true }).click();
    await resident.getByText('确定').click();
    await resident.getByPlaceholder('一句话说明').fill('三组新建房屋一直没有门牌号');
    await resident.getByPlaceholder('请写明发生了什么').fill('金家湾村三组去年新建了十几栋房子，到现在都没有门牌号，快递和外卖经常送错，办事填地址也麻烦。');
    await resident.locator('input[type=file]').setInputFiles(photo);
    await resident.locator('.adm-image-uploader-cell img').first().waitFor();
    await resident.getByPlaceholder('如：王先生').fill(NAME);
    await resident.getByPlaceholder('11 位手机号').fill(PHONE);
    await resident.locator('.adm-checkbox-icon').click();
    await resident.getByRole('button', { name: '提交诉求' }).click();
    await resident.getByTestId('tracking-code').waitFor({ timeout: 60_000 });
    const code = (await resident.getByTestId('tracking-code').innerText()).trim();
    const raised = (await (await fetch(`${url}/api/public/requests/${code}`)).json()) as { photos: { width: number | null }[] };
    expect(raised.photos).toHaveLength(1);
    expect(raised.photos[0].width).toBeLessThanOrEqual(1600);
    await noPersonalData(resident);
    await shot(resident, '50-flow-resident-raised');

    // 2. staff find it in the console and assign it to 张红梅 (convener of the group covering 金家湾村)
    const staff = await site.browser.newPage({ viewport: { width: 1440, height: 900 } });
    await signInConsole(staff, url, 'lixiulan');
    await staff.getByText('工作台').first().waitFor();
    await staff.goto(`${url}/requests`);
    const row = staff.locator('tr', { hasText: code });
    await row.waitFor();
    expect(await row.innerText()).toContain('第十一活动小组');
    await row.getByText('三组新建房屋一直没有门牌号').click();
    await staff.getByRole('button', { name: '指定委员' }).click();
    const dialog = staff.getByRole('dialog');
    await dialog.locator('.ant-select').click();
    await staff.keyboard.type('张红梅');
    await staff.locator('.ant-select-item-option', { hasText: '张红梅' }).first().click();
    await dialog.getByRole('button', { name: /^指\s*定$/ }).click();
    await staff.getByText('已指定办理委员').waitFor();
    await staff.getByRole('button', { name: '改指定委员' }).waitFor();
    expect(await staff.content()).not.toContain(PHONE);
    await shot(staff, '51-flow-staff-assigned');
    const requestId = staff.url().split('/').pop()!;

    // 3. 张红梅 answers on her phone
    const member = await site.browser.newPage(PHONE_VIEW);
    await member.goto(`${url}/m/login`);
    await member.getByPlaceholder('请输入', { exact: true }).fill('zhanghongmei');
    await member.getByPlaceholder('请输入密码').fill('Xieshang@2026');
    await member.getByRole('button', { name: '登录' }).click();
    await member.getByText('诉求', { exact: true }).first().click();
    // assigned to her by staff: under 我办理的, not 待认领
    await member.getByText('我办理的').first().click();
    await member.getByText('三组新建房屋一直没有门牌号').first().click();
    await member.getByRole('button', { name: '答复群众' }).click();
    await member.getByPlaceholder(/例如：已联系镇政府/).fill('您好！已和嫘祖镇政府、县公安局户政部门对接，三组新建房屋的门牌已统一编号制作，本周五前安装到位。');
    // the form starts at 已解决 (the usual outcome); tapping it again would clear it
    await member.locator('.adm-selector-item-active', { hasText: '问题已经解决' }).waitFor();
    await member.getByRole('button', { name: '提交答复' }).click();
    await member.waitForURL(`**/m/requests/${requestId}`).catch(async (e) => {
      await shot(member, '52-flow-member-answer-failed');
      throw e;
    });
    await member.getByText('本周五前安装到位', { exact: false }).first().waitFor();
    await noSideScroll(member);
    await shot(member, '52-flow-member-answered');

    // 4. the resident reads the answer by tracking code and rates it
    await resident.goto(`${url}/m/track/${code}`);
    await resident.getByText('本周五前安装到位', { exact: false }).first().waitFor();
    await resident.getByText('张红梅委员').first().waitFor();
    await resident.getByTestId('rating-form').getByText('满意', { exact: true }).click();
    await resident.getByRole('button', { name: '提交评价' }).click();
    await resident.getByText('已办结').first().waitFor();
    await noPersonalData(resident);
    await noSideScroll(resident);
    await shot(resident, '53-flow-resident-rated');

    // 5. staff approve it for the public list
    await staff.reload();
    await staff.getByRole('button', { name: '审核公开' }).click();
    await staff.locator('.ant-modal-confirm').getByRole('button', { name: /^公\s*开$/ }).click();
    await staff.getByText('已公开').first().waitFor();

    // 6. the public list shows it, with place, category, answer and rating, and no personal data
    const reader = await site.browser.newPage(PHONE_VIEW);
    await reader.goto(`${url}/m/r/${REGION}/list`);
    const card = reader.getByTestId('public-card').filter({ hasText: '三组新建房屋一直没有门牌号' });
    await card.waitFor();
    const text = await card.innerText();
    expect(text).toContain('门牌地址');
    expect(text).toContain('金家湾村');
    expect(text).toContain('本周五前安装到位');
    expect(text).toContain('满意');
    await noPersonalData(reader);
    await noSideScroll(reader);
    await shot(reader, '54-flow-public-list');
    const api = await (await fetch(`${url}/api/public/orgs/${REGION}/requests?pageSize=100`)).text();
    expect(api).toContain('三组新建房屋一直没有门牌号');
    expect(api).not.toContain(PHONE);
    expect(api).not.toContain(NAME);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
