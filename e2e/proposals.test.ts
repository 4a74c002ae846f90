import fs from 'node:fs';
import JSZip from 'jszip';
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { demoSite, hasChromium, shot, signInConsole } from './support.js';

/**
 * A joint proposal the whole way round through real pages: 张红梅 drafts it on her phone and invites
 * 杨德明, who co-signs on his; the proposals office files it and assigns 县住建局 to lead with
 * 县交通运输局 co-handling; the co unit signs off; the lead records its contact with the proposers
 * and replies B with a follow-up date; 张红梅 rates 不满意 on the phone; staff send it back; the second
 * reply is rated 满意; staff publish it, and the public page shows it without phone numbers; the Word
 * reply letter downloads and is a real document.
 */
const REGION = '420525';
const PHONE_VIEW = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
const DESK = { viewport: { width: 1440, height: 900 }, acceptDownloads: true };
const TITLE = '关于城区背街小巷增设无障碍坡道的建议';
/** written into the second reply; the public page must not show it */
const UNIT_MOBILE = '13907170021';

const noSideScroll = async (page: Page) => expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

async function phoneSignIn(browser: Browser, url: string, login: string) {
  const page = await browser.newPage(PHONE_VIEW);
  await page.goto(`${url}/m/login`);
  await page.getByPlaceholder('请输入', { exact: true }).fill(login);
  await page.getByPlaceholder('请输入密码').fill('Xieshang@2026');
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByText('我的', { exact: true }).last().waitFor();
  return page;
}

async function consoleAs(browser: Browser, url: string, login: string) {
  const page = await browser.newPage(DESK);
  await signInConsole(page, url, login);
  await page.getByText('工作台').first().waitFor();
  return page;
}

/** Picks an option of the antd select inside `scope` by typing part of its label. */
async function choose(page: Page, scope: ReturnType<Page['locator']>, label: string) {
  await scope.locator('.ant-select').click();
  await page.keyboard.type(label);
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: label }).first().click();
}

/** Rates the reply on the member's phone page. */
async function rateOnPhone(page: Page, handling: string, result: string, comment: string) {
  const form = page.getByTestId('proposal-rating-form').first();
  await form.waitFor();
  await form.getByTestId('rate-handling').getByText(handling, { exact: true }).click();
  await form.getByTestId('rate-result').getByText(result, { exact: true }).click();
  await form.locator('textarea:visible').first().fill(comment);
  await form.getByRole('button', { name: '提交测评' }).click();
  await page.locator('.adm-dialog').getByRole('button', { name: '提交' }).click();
}

/** The lead unit records its contact and sends a B reply with a follow-up date. */
async function leadReplies(page: Page, body: string) {
  await page.getByRole('button', { name: '登记沟通' }).click();
  const contact = page.getByRole('dialog');
  await contact.getByLabel('沟通情况').fill('电话联系张红梅、杨德明委员，介绍了无障碍坡道的选点和建设计划，委员建议优先改造医院和学校周边。');
  await contact.getByRole('button', { name: /^登\s*记$/ }).click();
  await page.getByText('沟通情况已登记').waitFor();
  await page.getByRole('button', { name: /^答\s*复$/ }).click();
  const reply = page.getByRole('dialog');
  await reply.getByLabel('文号').fill('远住建函〔2026〕31号');
  await reply.getByLabel('签发人').fill('刘德华');
  await reply.getByText('B', { exact: true }).click();
  const follow = reply.getByRole('textbox', { name: '再次报告日期' });
  await follow.click();
  await follow.fill('2027-06-30');
  await follow.press('Enter');
  await reply.getByLabel('答复正文').fill(body);
  await reply.getByRole('button', { name: '发送答复' }).click();
  await page.getByText('答复已发送，提案者可以查看并测评').waitFor();
}

describe.runIf(hasChromium)('a joint proposal, from the phone to the public page', () => {
  const site = demoSite('xs-e2e-proposals-');

  it('draft → co-sign → file and assign → sign-off → reply B → 不满意 → sent back → 满意 → public, Word letter', async () => {
    const url = site.server.url;

    // 1. 张红梅 drafts a joint proposal on her phone and invites 杨德明
    const zhang = await phoneSignIn(site.browser, url, 'zhanghongmei');
    await zhang.goto(`${url}/m/proposals/new`);
    await zhang.getByPlaceholder('关于……的建议').fill(TITLE);
    await zhang.getByText('社会建设', { exact: true }).click();
    await zhang.getByPlaceholder('写清反映的问题和现状').fill('城区背街小巷台阶多、路沿高，轮椅、婴儿车和拄拐的老人出行困难。鸣凤镇老城区约有40条背街小巷，设有坡道的不到三成。');
    await zhang.getByPlaceholder('分析问题产生的原因').fill('无障碍设施建设多集中在主干道，背街小巷缺乏统一规划，已有坡道坡度过陡、被占用的情况较多。');
    await zhang.locator('textarea[placeholder^="一是"]').fill('一是将背街小巷无障碍坡道纳入城市更新计划，分批实施；二是优先改造医院、学校、菜市场周边；三是建立占用无障碍设施的巡查机制。');
    await zhang.getByRole('button', { name: '邀请联名委员' }).click();
    await zhang.getByPlaceholder('输入姓名、拼音或首字母').fill('杨德明');
    await zhang.locator('.adm-popup .adm-list-item', { hasText: '杨德明' }).first().click();
    await zhang.getByRole('button', { name: '完成（已选 1 位）' }).click();
    await zhang.getByRole('button', { name: '保存草稿' }).click();
    await zhang.waitForURL(/\/m\/proposals\/[0-9a-f-]{36}$/);
    const id = zhang.url().split('/').pop()!;
    await zhang.getByText(TITLE).first().waitFor();
    await noSideScroll(zhang);
    await shot(zhang, '60-proposal-drafted');

    // 2. 杨德明 co-signs on his phone
    const yang = await phoneSignIn(site.browser, url, 'yangdeming');
    await yang.goto(`${url}/m/proposals/${id}`);
    await yang.getByRole('button', { name: '同意联名' }).click();
    await yang.locator('.adm-dialog').getByRole('button', { name: '同意' }).click();
    await yang.getByText('已确认').first().waitFor();
    await shot(yang, '61-proposal-cosigned');

    // 3. 张红梅 submits it
    await zhang.reload();
    await zhang.getByRole('button', { name: '提交', exact: true }).click();
    await zhang.locator('.adm-dialog').getByRole('button', { name: '提交' }).click();
    await zhang.getByText('待审查').first().waitFor();

    // 4. the proposals office files it and assigns 县住建局 to lead, 县交通运输局 to co-handle
    const staff = await consoleAs(site.browser, url, 'lixiulan');
    await staff.goto(`${url}/proposals/${id}`);
    await staff.getByRole('button', { name: /^审\s*查$/ }).click();
    const review = staff.getByRole('dialog');
    await review.getByText('已审核：本提案符合“一事一案”').click();
    await review.getByRole('button', { name: /^立\s*案$/ }).click();
    await staff.getByText('已立案，提案者已收到通知').waitFor();
    const numberLabel = (await staff.getByText(/第\d{4}号/).first().innerText()).match(/第\d{4}号/)![0];
    await staff.getByRole('button', { name: /^交\s*办$/ }).click();
    const assign = staff.getByRole('dialog');
    await assign.getByText('主办会办', { exact: true }).click();
    await choose(staff, assign.locator('.ant-form-item', { hasText: '主办单位' }), '县住房和城乡建设局');
    await choose(staff, assign.locator('.ant-form-item', { hasText: '会办单位' }), '县交通运输局');
    await assign.locator('.ant-modal-title').click();
    await assign.getByRole('button', { name: /^交\s*办$/ }).click();
    await staff.getByText('已交办，承办单位已收到通知').waitFor();
    await shot(staff, '62-proposal-assigned');

    // 5. the co-handling unit signs off
    const sun = await consoleAs(site.browser, url, 'sunli');
    await sun.goto(`${url}/proposals/${id}`);
    await sun.getByRole('button', { name: /^会\s*签$/ }).click();
    // a co-handling unit never replies to the proposers itself
    expect(await sun.getByRole('button', { name: /^答\s*复$/ }).count()).toBe(0);
    const signOff = sun.getByRole('dialog');
    await signOff.getByLabel('会办意见').fill('我局同意在交通改造项目中同步建设公交站台无障碍设施，所需资金列入明年部门预算。');
    await signOff.getByRole('button', { name: '提交会办意见' }).click();
    await sun.getByText('已会签').first().waitFor();

    // 6. the lead unit contacts the proposers and replies B with a follow-up date
    const wang = await consoleAs(site.browser, url, 'wanglei');
    await wang.goto(`${url}/proposals/${id}`);
    // the proposers' phones masked; the whole ones on request, to phone them (audited)
    const proposers = wang.locator('.ant-card').filter({ has: wang.locator('.ant-card-head-title', { hasText: /^提案者$/ }) });
    await expect.poll(() => proposers.innerText()).toMatch(/138\*{4}\d{4}/);
    expect(await proposers.innerText()).not.toMatch(/1[3-9]\d{9}/);
    await wang.getByRole('button', { name: '查看完整电话' }).click();
    await expect.poll(() => proposers.innerText()).toMatch(/1387260\d{4}/);
    await shot(wang, '63a-proposal-contacts');
    await leadReplies(wang, '您们提出的关于城区背街小巷增设无障碍坡道的建议收悉。我局已将背街小巷无障碍改造纳入2027年城市更新计划，首批改造医院、学校周边12条巷道，预计2027年6月底前完成。');
    await shot(wang, '63-proposal-replied');

    // 7. 张红梅 rates it 不满意 on her phone
    await zhang.goto(`${url}/m/proposals/${id}`);
    await zhang.getByText('B类').first().waitFor();
    await rateOnPhone(zhang, '满意', '不满意', '首批只有12条巷道，老城区其余巷道没有时间表，希望明确。');
    // the dialog says what happens next; once closed, the reply keeps saying it
    const told = zhang.locator('.adm-dialog');
    await told.getByText('已转提案委，可要求承办单位重新办理').waitFor();
    await told.getByRole('button', { name: '知道了' }).click();
    await told.waitFor({ state: 'hidden' });
    await zhang.getByTestId('proposal-reply').getByText('已转提案委，可要求承办单位重新办理').waitFor();
    await noSideScroll(zhang);
    await shot(zhang, '64-proposal-rated-unsatisfied');

    // 8. staff send it back for handling again
    await staff.reload();
    await staff.getByRole('button', { name: '退回重办' }).first().click();
    const back = staff.getByRole('dialog');
    await back.getByLabel('退回理由').fill('提案者对办理结果不满意：请明确老城区其余巷道的改造时间表。');
    const due = back.getByRole('textbox', { name: '新的办理期限' });
    await due.click();
    const newDue = new Date(Date.now() + 40 * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 10);
    await due.fill(newDue);
    await due.press('Enter');
    await back.getByRole('button', { name: '退回重办' }).click();
    await staff.getByText('已退回重办').first().waitFor();

    // 9. the second reply, rated 满意 by both proposers
    await wang.reload();
    await leadReplies(wang, `根据您们的意见，我局进一步制定了老城区背街小巷无障碍改造时间表：2027年完成医院、学校周边12条，2028年完成其余28条。如有疑问请致电 ${UNIT_MOBILE} 与我局城建股联系。`);
    await zhang.goto(`${url}/m/proposals/${id}`);
    await rateOnPhone(zhang, '满意', '满意', '时间表明确，感谢。');
    await zhang.getByText('测评已提交，感谢您的评价').waitFor();
    await yang.goto(`${url}/m/proposals/${id}`);
    await rateOnPhone(yang, '满意', '基本满意', '希望按时间表抓好落实。');
    await yang.getByText('已办结').first().waitFor();

    // 10. staff publish the reply; the public page shows it without phone numbers
    await staff.reload();
    // the letter's contact (left empty, the unit's registered one) is masked on the staff's page too
    await staff.getByText(/联系人 王磊 071\*{4}2688/).first().waitFor();
    await staff.getByRole('button', { name: /^公\s*开$/ }).first().click();
    await staff.getByRole('dialog').getByRole('button', { name: /^公\s*开$/ }).click();
    await staff.getByText('全文公开').first().waitFor();
    const reader = await site.browser.newPage(PHONE_VIEW);
    await reader.goto(`${url}/m/r/${REGION}/proposals`);
    const card = reader.getByTestId('public-proposal').filter({ hasText: TITLE });
    await card.first().click();
    await reader.getByTestId('public-reply').first().waitFor();
    const page = await reader.content();
    expect(page).toContain('2028年完成其余28条');
    expect(page).toContain('县住房和城乡建设局');
    expect(page).not.toContain(UNIT_MOBILE);
    expect(page).not.toMatch(/1[3-9]\d{9}/);
    await noSideScroll(reader);
    await shot(reader, '65-proposal-public');
    const api = await (await fetch(`${url}/api/public/orgs/${REGION}/proposals/${id}`)).text();
    expect(api).not.toContain(UNIT_MOBILE);

    // 11. the Word reply letter downloads and is a document with the letter in it
    await wang.reload();
    const [download] = await Promise.all([wang.waitForEvent('download'), wang.getByRole('link', { name: /复文/ }).first().click()]);
    const file = await download.path();
    const zip = await JSZip.loadAsync(fs.readFileSync(file!));
    const xml = await zip.file('word/document.xml')!.async('string');
    const text = xml.replace(/<[^>]+>/g, '');
    expect(text).toContain(`${numberLabel}提案的答复`);
    expect(text.split('张红梅、杨德明委员：')).toHaveLength(2);
    expect(text).toContain('县住房和城乡建设局');
    expect(text).toContain('（B类）');
    expect(text).toContain('会办单位：县交通运输局');
    expect(text).toContain('2028年完成其余28条');
    // the printed letter gives the proposers the unit's whole contact phone (the download is audited)
    expect(text).toContain('0717-3812688');
  });
});
