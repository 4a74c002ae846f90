import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { demoSite, hasChromium, shot, signInConsole } from './support.js';

/**
 * The platform as its users meet it: an admin switches org and creates a staff account; the staff
 * member signs in with the temporary password and must change it; the audit log shows all of it.
 */
describe.runIf(hasChromium)('console and phone shell', () => {
  const site = demoSite('xs-e2e-');
  const signIn = (page: Page, identifier: string, password: string) => signInConsole(page, site.server.url, identifier, password);
  const signOut = async (page: Page) => {
    await page.getByTestId('user-menu').hover();
    await page.getByText('退出登录').click();
    await page.getByRole('button', { name: /登\s*录/ }).waitFor();
  };

  it('admin switches org, creates a staff account; staff changes the initial password; the audit log shows it', async () => {
    const page = await site.browser.newPage({ viewport: { width: 1366, height: 860 } });
    await signIn(page, 'admin', 'Xieshang@2026');
    await page.getByText('周立军，您好').waitFor();
    await shot(page, '01-home');

    // switch to the city committee and back
    await page.getByTestId('org-switcher').click();
    await page.getByTitle('宜昌市政协（市级）').click();
    await page.getByText('已切换到 中国人民政治协商会议宜昌市委员会').waitFor();
    await page.getByText('行政区划代码').locator('..').getByText('420500').waitFor();
    await shot(page, '02-switched-to-city');
    await page.getByTestId('org-switcher').click();
    await page.getByTitle('远安县政协（县级）').click();
    await page.getByText('已切换到 中国人民政治协商会议远安县委员会').waitFor();

    // create a staff account
    await page.getByRole('menuitem', { name: '账号与角色' }).click();
    await page.getByRole('button', { name: '新建账号' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('登录名').fill('wangfang');
    await dialog.getByLabel('姓名').fill('王芳');
    await dialog.getByLabel('手机号').fill('139 7179 9999');
    await dialog.getByLabel('委员').uncheck();
    await dialog.getByLabel('机关干部').check();
    await shot(page, '03-create-account');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    const temp = (await page.getByTestId('temp-password').innerText()).trim();
    expect(temp).toMatch(/^\S{9}$/);
    await shot(page, '04-temporary-password');
    await page.getByRole('button', { name: /知道了|确\s*定|OK/ }).click();
    await page.getByRole('cell', { name: 'wangfang' }).waitFor();
    await expect(page.getByRole('row', { name: /王芳/ }).innerText()).resolves.toContain('139****9999');

    // a duplicate login name is refused with a message on the field
    await page.getByRole('button', { name: '新建账号' }).click();
    await dialog.getByLabel('登录名').fill('wangfang');
    await dialog.getByLabel('姓名').fill('王芳二');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await dialog.getByText('登录名已被使用').waitFor();
    await dialog.getByRole('button', { name: /取\s*消/ }).click();
    await signOut(page);

    // the staff member's first sign-in: forced password change
    await signIn(page, 'wangfang', temp);
    await page.getByText('请先修改初始密码').waitFor();
    await page.getByLabel('初始密码').fill(temp);
    await page.getByLabel('新密码', { exact: true }).fill('wangfang2026!');
    await page.getByLabel('确认新密码').fill('wangfang2026!');
    await page.getByRole('button', { name: '确认修改' }).click();
    await page.getByText('密码不能包含登录名').waitFor();
    await shot(page, '05-forced-change-error');
    await page.getByLabel('新密码', { exact: true }).fill('Yuanan#2026');
    await page.getByLabel('确认新密码').fill('Yuanan#2026');
    await page.getByRole('button', { name: '确认修改' }).click();
    await page.getByText('王芳，您好').waitFor();
    await page.locator('header').getByText('机关干部').waitFor();
    // staff have no account management
    await expect(page.getByRole('menuitem', { name: '账号与角色' }).count()).resolves.toBe(0);
    await shot(page, '06-staff-home');
    await signOut(page);

    // the audit log shows what happened
    await signIn(page, 'admin', 'Xieshang@2026');
    await page.getByText('周立军，您好').waitFor();
    await page.getByRole('menuitem', { name: '审计日志' }).click();
    await page.getByText('新建账号 王芳（wangfang），角色：机关干部').waitFor();
    await page.getByText('王芳 首次登录修改初始密码').waitFor();
    await page.getByText('周立军 切换到 中国人民政治协商会议远安县委员会').waitFor();
    await expect(page.getByText('登录失败').count()).resolves.toBe(0);
    await shot(page, '07-audit-log');
    await page.close();
  });

  it('a member signs in on the phone and sees 我的', async () => {
    const page = await site.browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    await page.goto(`${site.server.url}/m/`);
    await page.getByPlaceholder('请输入', { exact: true }).fill('zhanghongmei');
    await page.getByPlaceholder('请输入密码').fill('wrong-Pass1');
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByText(/账号或密码错误/).waitFor();
    await shot(page, '08-mobile-login-error');
    await page.getByPlaceholder('请输入密码').fill('Xieshang@2026');
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByText('张红梅').waitFor();
    await page.getByText('您在 2 个组织任职，点击切换').waitFor();
    await page.getByText('委员信息').waitFor();
    await page.getByText('经济委').waitFor();
    await page.getByText('宜昌市政协', { exact: true }).waitFor();
    await shot(page, '09-mobile-me');
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(390);
    await page.close();
  });
});
