import { describe, expect, it } from 'vitest';
import { demoSite, hasChromium, shot, signInConsole } from './support.js';

/** Staff keep the roster: add a member, find them by pinyin initials, filter by sector, see one whole, record a departure; a colleague sees less. */
describe.runIf(hasChromium)('members roster', () => {
  const site = demoSite('xs-e2e-members-');

  it('adds, finds, filters, shows and retires a member', async () => {
    const page = await site.browser.newPage({ viewport: { width: 1440, height: 900 } });
    await signInConsole(page, site.server.url, 'lixiulan');
    await page.getByRole('menuitem', { name: '委员' }).click();
    await page.getByText('共 172 名委员').waitFor();

    await page.getByRole('button', { name: '新增委员' }).click();
    const drawer = page.getByRole('dialog');
    await drawer.getByLabel('姓名').fill('欧阳明远');
    await drawer.getByLabel('界别').fill('医药卫生');
    await page.keyboard.press('Enter');
    await drawer.getByLabel('工作单位及职务').fill('远安县人民医院心内科主任');
    await drawer.getByLabel('身份证号').fill('420525197803120011');
    await drawer.getByRole('button', { name: /保\s*存/ }).click();
    await drawer.getByText('身份证号校验位不正确').waitFor();
    await shot(page, '10-member-form-error');
    await drawer.getByLabel('身份证号').fill('42052519780312001x');
    await drawer.getByLabel('手机号').fill('13907171888');
    await drawer.getByRole('button', { name: /保\s*存/ }).click();
    await page.getByText('已新增委员 欧阳明远').waitFor();
    await page.getByText('共 173 名委员').waitFor();

    await page.getByPlaceholder('姓名、拼音或首字母（如 zhm）').fill('oymy');
    await page.keyboard.press('Enter');
    await page.getByText('共 1 名委员').waitFor();
    await expect(page.getByRole('row', { name: /欧阳明远/ }).innerText()).resolves.toContain('139****1888');
    await page.locator('tbody').getByText('欧阳明远', { exact: true }).click();
    await page.getByRole('heading', { name: '欧阳明远' }).waitFor();
    // staff see the month of birth, the phone masked and that an ID number is on file; the whole numbers on request (audited)
    await page.getByText('1978年3月').waitFor();
    await expect(page.getByText('1978-03-12').count()).resolves.toBe(0);
    await page.getByText('已登记').waitFor();
    await page.getByRole('button', { name: '查看欧阳明远的完整联系方式' }).click();
    await page.getByText('13907171888').waitFor();
    await page.getByText('42052519780312001X').waitFor();
    await shot(page, '11-member-detail');
    const memberUrl = page.url();
    await page.goBack();
    await page.reload();
    await page.getByText('共 173 名委员').waitFor();
    await page.locator('.ant-select').filter({ hasText: '界别' }).first().click();
    await page.keyboard.type('医药卫生');
    await page.locator('.ant-select-item-option[title="医药卫生界"]').click();
    const sectorRows = async () => {
      const rows = await page.locator('tbody tr.ant-table-row').allInnerTexts();
      return rows.length > 1 && rows.every((r) => r.includes('医药卫生界'));
    };
    await expect.poll(sectorRows, { timeout: 10_000 }).toBe(true);
    await shot(page, '12-members-by-sector');

    await page.getByRole('row', { name: /欧阳明远/ }).getByRole('button', { name: '离任' }).click();
    await page.getByLabel('原因').fill('工作调动，调往宜昌市');
    await page.getByRole('button', { name: '确认离任' }).click();
    await page.getByText('欧阳明远 已离任，履职记录保留').waitFor();
    await expect(page.getByRole('row', { name: /欧阳明远/ }).count()).resolves.toBe(0);
    await page.close();

    // a colleague sees the year of birth only, and no phone or ID number at all
    const colleague = await site.browser.newPage({ viewport: { width: 1440, height: 900 } });
    await signInConsole(colleague, site.server.url, 'zhanghongmei');
    await colleague.goto(memberUrl);
    await colleague.getByRole('heading', { name: '欧阳明远' }).waitFor();
    await colleague.getByText('出生年份').waitFor();
    await colleague.getByText('1978年', { exact: true }).waitFor();
    await colleague.getByText(/已于 .* 离任/).waitFor();
    const shown = await colleague.locator('body').innerText();
    for (const hidden of ['手机号', '身份证号', '139****1888', '已登记', '1978年3月', '工作调动']) expect(shown).not.toContain(hidden);
    await shot(colleague, '13-member-as-colleague');
    await colleague.close();
  });
});
