import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { makeIdNumber } from '../server/modules/member/idcard.js';
import { rosterXlsx } from '../server/demo/roster.js';
import { demoSite, hasChromium, shot, signInConsole } from './support.js';

/**
 * The organisation issue as an office lives it: import the roster (a broken file first), find a
 * member, form a group the 远安 way from the newcomers, give one of them a liaison keeper and watch the
 * coverage move; then a member opens their group on the phone.
 */
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const newcomers = [
  ['汪红德', '男', '', '汉族', '经济界', '群众', '经济委', '委员', '宜昌新耀电子商务有限公司总经理', '13886700101', makeIdNumber('420525', '1979-04-16', 'male', 11)],
  ['陈光文', '男', '', '汉族', '农业界', '无党派', '经济委', '委员', '远安县水资源保护协会会长', '13886700102', makeIdNumber('420525', '1971-09-03', 'male', 12)],
  ['梅晓燕', '女', '1985.07', '土家族', '医药卫生界', '中共', '教科卫体委', '委员', '远安县妇幼保健院副院长', '13886700103', ''],
  ['汪宗斌', '男', '1968.02', '汉族', '农业界', '群众', '', '委员', '茅坪场镇晓坪村种植基地负责人', '13886700104', ''],
];

describe.runIf(hasChromium)('organisation: roster import, groups, liaison', () => {
  const site = demoSite('xs-e2e-org-');
  const signIn = (page: Page, login: string) => signInConsole(page, site.server.url, login);
  const choose = async (page: Page, file: Buffer, name: string) => {
    await page.locator('.ant-modal input[type=file]').setInputFiles({ name, mimeType: XLSX, buffer: file });
  };

  it('staff import the roster, form a group the 远安 way and assign a liaison', async () => {
    const page = await site.browser.newPage({ viewport: { width: 1440, height: 900 } });
    await signIn(page, 'lixiulan');
    await page.getByRole('menuitem', { name: '委员' }).click();
    await page.getByText('共 172 名委员').waitFor();

    // a broken file: the row and column of each problem, nothing imported
    await page.getByRole('button', { name: '从 Excel 导入' }).click();
    const broken = await rosterXlsx([newcomers[0], ['李明', '男', '1980.03', '汉族', '经济届', '民盟', '', '委员', '个体工商户', '13886700199', ''], ...newcomers.slice(1)]);
    await choose(page, broken, '委员名单（有误）.xlsx');
    await page.getByText('未导入任何数据', { exact: true }).waitFor();
    await page.getByRole('cell', { name: '界别“经济届”不存在（是否为“经济界”？）' }).waitFor();
    await page.getByRole('cell', { name: '第3行' }).waitFor();
    await expect(page.getByRole('button', { name: /确认导入/ }).isDisabled()).resolves.toBe(true);
    await shot(page, '20-import-errors');

    // the good file: checked, then imported
    await choose(page, await rosterXlsx(newcomers), '委员名单.xlsx');
    await page.getByText('校验通过：共 4 行，将新增 4 人、更新 0 人').waitFor();
    await shot(page, '21-import-checked');
    await page.getByRole('button', { name: '确认导入 4 行' }).click();
    await page.getByText('导入完成：新增 4 人，更新 0 人').waitFor();
    await page.getByText('共 176 名委员').waitFor();

    // filter by sector, open a member
    await page.locator('.ant-select').filter({ hasText: '界别' }).first().click();
    await page.keyboard.type('农业');
    await page.locator('.ant-select-item-option[title="农业界"]').click();
    await expect.poll(async () => (await page.locator('tbody tr.ant-table-row').allInnerTexts()).every((r) => r.includes('农业界'))).toBe(true);
    await page.getByRole('link', { name: '陈光文' }).or(page.locator('tbody').getByText('陈光文', { exact: true })).first().click();
    await page.getByRole('heading', { name: '陈光文' }).waitFor();
    await page.getByText('尚未编入活动小组').waitFor();
    await page.getByText('远安县水资源保护协会会长').first().waitFor();
    await shot(page, '22-member-page');

    // form a group: a vice-chair and two committees propose the ungrouped members of their sectors
    await page.getByRole('menuitem', { name: '活动小组' }).click();
    await page.getByRole('cell', { name: '第十二活动小组' }).waitFor();
    await page.getByRole('button', { name: '组建活动小组' }).click();
    const drawer = page.getByRole('dialog');
    await drawer.getByLabel('带组领导（主席或副主席）').click();
    await page.locator('.ant-select-item-option').filter({ hasText: '周俊峰' }).click();
    await drawer.getByLabel('专委会').click();
    await page.locator('.ant-select-item-option').filter({ hasText: '经济委' }).click();
    await page.locator('.ant-select-item-option').filter({ hasText: '教科卫体委' }).click();
    await page.keyboard.press('Escape');
    await drawer.getByRole('button', { name: '推荐成员' }).click();
    await drawer.getByText('推荐成员：未分组委员 4 人，已选 4 人').waitFor();
    await expect(drawer.getByLabel('小组名称').inputValue()).resolves.toBe('第十三活动小组');
    await drawer.getByText('梅晓燕（中共）').waitFor(); // the CPC newcomer proposed as convener
    await shot(page, '23-group-proposal');
    await drawer.getByRole('button', { name: '组建小组（4 人）' }).click();
    await page.getByText('已组建第十三活动小组（4 人）').waitFor();
    await page.getByRole('row', { name: /第十三活动小组/ }).getByText('4 人（党员 1）').waitFor();
    await shot(page, '24-groups');

    // liaison: a newcomer nobody keeps in touch with gets a keeper; the coverage moves
    await page.getByRole('menuitem', { name: '联系制度' }).click();
    const level = page.getByTestId('coverage-2');
    await level.getByText('非中共委员 99 人，已落实联系 90 人，覆盖率 90.9%').waitFor();
    await page.getByRole('tab', { name: /中共党员委员联系非中共委员/ }).click();
    const panel = page.getByRole('tabpanel');
    await panel.getByPlaceholder('姓名、拼音或首字母').fill('wzb');
    await panel.getByPlaceholder('姓名、拼音或首字母').press('Enter');
    await panel.getByRole('row', { name: /汪宗斌/ }).getByRole('checkbox').check();
    await panel.getByRole('button', { name: '指定联系人（1 人）' }).click();
    const modal = page.getByRole('dialog');
    await modal.locator('.ant-select').click();
    await page.keyboard.type('mxy');
    await page.locator('.ant-select-item-option').filter({ hasText: '梅晓燕' }).click();
    await shot(page, '25-keeper-picker');
    await modal.getByRole('button', { name: /确\s*定/ }).click();
    await page.getByText('已落实联系 1 人').waitFor();
    await level.getByText('非中共委员 99 人，已落实联系 91 人，覆盖率 91.9%').waitFor();
    await shot(page, '26-liaison');
    await page.close();
  });

  it('a member sees their own record (masked), their group and its convener on the phone', async () => {
    const page = await site.browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    await page.goto(`${site.server.url}/m/`);
    await page.getByPlaceholder('请输入', { exact: true }).fill('zhanghongmei');
    await page.getByPlaceholder('请输入密码').fill('Xieshang@2026');
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByText('我的活动小组').waitFor();
    await page.getByText('第十一活动小组', { exact: true }).waitFor();
    await page.getByText('召集人', { exact: true }).waitFor();
    await page.getByText('联系我的', { exact: true }).waitFor();
    // her own record: the month of birth, the phone masked, the ID number only "on file"
    await page.getByText('个人信息', { exact: true }).waitFor();
    await page.getByText('出生年月', { exact: true }).waitFor();
    await page.getByText('138****0011').waitFor();
    const mine = await page.locator('body').innerText();
    expect(mine).not.toMatch(/1[3-9]\d{9}/);
    expect(mine).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    await shot(page, '27-mobile-group');
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(390);
    await page.close();
  });
});
