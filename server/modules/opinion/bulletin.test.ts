import JSZip from 'jszip';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, testApp, type Agent, type TestApp } from '../../test/harness.js';
import { auditLog } from '../audit/audit.table.js';
import { opinionWorld, REPORT_BODY } from './opinion.fixture.js';
import { distribution } from './bulletin.docx.js';

let t: TestApp;
let w: Awaited<ReturnType<typeof opinionWorld>>;
let zhang: Agent, li: Agent, chen: Agent, ma: Agent;
const ids: string[] = [];
let pending: string;
beforeAll(async () => {
  t = await testApp();
  w = await opinionWorld(t.b, 'bu');
  [zhang, li, chen, ma] = await Promise.all(['buzhang', 'buli', 'buchen', 'buma'].map((l) => signIn(t.app, l)));
  const titles = ['关于加快推进农村生活污水治理的建议', '关于解决山区留守老人就医难问题的建议', '关于支持鹿苑黄茶品牌建设的建议', '关于完善农村客运班线的建议'];
  for (const [i, title] of titles.entries()) {
    const r = (await zhang.post('/api/opinion-reports', { title, body: `${REPORT_BODY}\n建议二：第${i + 1}条具体措施。`, coAuthorIds: [w.coAuthor.id] })).json();
    await zhang.post(`/api/opinion-reports/${r.id}/submit`);
    if (i < 3) expect((await li.post(`/api/opinion-reports/${r.id}/decision`, { action: i === 2 ? 'forward' : 'adopt' })).statusCode).toBe(200);
    if (i < 3) ids.push(r.id);
    else pending = r.id;
  }
});
afterAll(() => t.close());

describe('社情民意 bulletin', () => {
  it('numbers issues per year, only with this org’s adopted reports, each in one issue', async () => {
    const cands = (await li.get('/api/bulletins/candidates?fresh=true')).json();
    expect(cands.total).toBe(3);
    const notAdopted = await li.post('/api/bulletins', { issuedOn: '2026-03-05', reportIds: [ids[0], pending] });
    expect(notAdopted.statusCode).toBe(400);
    expect(notAdopted.json().error.message).toContain('第 2 条不是本组织已采用的信息');
    const first = await li.post('/api/bulletins', { issuedOn: '2026-03-05', reportIds: [ids[1], ids[0]] });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ year: 2026, number: 1, numberLabel: '第1期', title: '社情民意', isLatest: true });
    expect(first.json().items.map((i: { reportId: string }) => i.reportId)).toEqual([ids[1], ids[0]]);
    const twice = await li.post('/api/bulletins', { issuedOn: '2026-04-01', reportIds: [ids[0]] });
    expect(twice.json().error.message).toContain('已编入第1期');
    const second = await li.post('/api/bulletins', { title: '乡村振兴专刊', issuedOn: '2026-04-01', reportIds: [ids[2]] });
    expect(second.json().number).toBe(2);
    const nextYear = await li.post('/api/bulletins', { issuedOn: '2027-01-10', reportIds: [ids[2]] });
    expect(nextYear.statusCode).toBe(400); // already in 2026 第2期
    expect((await li.get('/api/bulletins/candidates?fresh=true')).json().total).toBe(0);
    const [audit] = await t.b.db.select().from(auditLog).where(and(eq(auditLog.action, 'bulletin.create'), eq(auditLog.targetId, first.json().id)));
    expect(audit.summary).toBe('编发社情民意2026年第1期（2 条）');

    // only the latest issue changes, and stays in its year
    const old = await li.put(`/api/bulletins/${first.json().id}`, { title: '', issuedOn: '2026-03-05', reportIds: [ids[0], ids[1]] });
    expect(old.statusCode).toBe(409);
    const moved = await li.put(`/api/bulletins/${second.json().id}`, { title: '', issuedOn: '2027-01-01', reportIds: [ids[2]] });
    expect(moved.json().error.message).toContain('2026 年内');
    const list = (await chen.get('/api/bulletins?year=2026')).json();
    expect(list.items.map((b: { numberLabel: string; isLatest: boolean }) => [b.numberLabel, b.isLatest])).toEqual([['第2期', true], ['第1期', false]]);
    expect((await zhang.get('/api/bulletins')).statusCode).toBe(403);
    expect((await ma.get(`/api/bulletins/${first.json().id}`)).statusCode).toBe(404);
    // the report shows the issue it appeared in
    expect((await zhang.get(`/api/opinion-reports/${ids[0]}`)).json().bulletins).toMatchObject([{ number: 1, year: 2026 }]);
  });

  it('takes concurrent issues one number each', async () => {
    const res = await Promise.all(
      [0, 1].map(async (i) => {
        const r = (await zhang.post('/api/opinion-reports', { title: `关于同时编发的第${i}条建议`, body: REPORT_BODY })).json();
        await zhang.post(`/api/opinion-reports/${r.id}/submit`);
        await li.post(`/api/opinion-reports/${r.id}/decision`, { action: 'adopt' });
        return li.post('/api/bulletins', { issuedOn: '2025-12-01', reportIds: [r.id] });
      }),
    );
    expect(res.map((r) => r.statusCode)).toEqual([200, 200]);
    expect(res.map((r) => r.json().number).sort()).toEqual([1, 2]);
  });

  it('exports a Word document in the printed form', async () => {
    const [b] = (await li.get('/api/bulletins?year=2026')).json().items;
    const res = await li.get(`/api/bulletins/${b.id}/docx`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain(encodeURIComponent('社情民意2026年第2期.docx'));
    const zip = await JSZip.loadAsync(res.rawPayload);
    expect(Object.keys(zip.files)).toEqual(expect.arrayContaining(['word/document.xml', '[Content_Types].xml']));
    const xml = await zip.file('word/document.xml')!.async('string');
    const text = [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('|');
    for (const s of ['社情民意', `政协远安县委员会bu`, '第2期', `远安县政协bu办公室编`, '2026年4月1日', '乡村振兴专刊', '目    录', '1．关于支持鹿苑黄茶品牌建设的建议', '（反映人：张红梅 杨德明）', `报送：宜昌市政协bu办公室；县委、县人大常委会、县政府主要领导`, '抄送：'])
      expect(text).toContain(s);
    expect(xml).toContain('w:color w:val="E60000"');
  });

  it('sends to the usual offices by level unless the org set its own', () => {
    expect(distribution('city', '湖北省政协', null).sendTo).toBe('湖北省政协办公室；市委、市人大常委会、市政府主要领导');
    expect(distribution('province', null, null).sendTo).toBe('全国政协办公厅；省委、省人大常委会、省政府主要领导');
    expect(distribution('county', '宜昌市政协', { copyTo: '县直各单位' }).copyTo).toBe('县直各单位');
  });
});
