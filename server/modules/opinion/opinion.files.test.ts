import { Document, Packer, Paragraph } from 'docx';
import sharp from 'sharp';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../core/sql.js';
import { signIn, testApp, type Agent, type TestApp } from '../../test/harness.js';
import { opinionWorld, REPORT_BODY } from './opinion.fixture.js';
import { cleanName } from '../file/attachment.js';

let t: TestApp;
let w: Awaited<ReturnType<typeof opinionWorld>>;
let zhang: Agent, guo: Agent, li: Agent;
beforeAll(async () => {
  t = await testApp();
  w = await opinionWorld(t.b, 'fi');
  [zhang, guo, li] = await Promise.all(['fizhang', 'figuo', 'fili'].map((l) => signIn(t.app, l)));
});
afterAll(() => t.close());

const upload = (agent: Agent, name: string, bytes: Buffer) =>
  agent.post(`/api/opinion-reports/files?name=${encodeURIComponent(name)}`, bytes, { 'content-type': 'application/octet-stream' });
const storedCount = async () => (await rowsOf<{ n: number }>(t.b.db, sql`select count(*)::int as n from stored_file where org_id = ${w.county.id}`))[0].n;

describe('attachments', () => {
  it('re-encodes photos without their EXIF, and attaches them to a report its readers can download', async () => {
    const photo = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#3a7' } })
      .jpeg()
      .withExif({ IFD0: { Make: 'SpyCam', Copyright: '张红梅家门口' } })
      .toBuffer();
    expect((await sharp(photo).metadata()).exif).toBeDefined();
    const up = await upload(zhang, 'C:\\照片\\村口积水.jpeg', photo);
    expect(up.statusCode).toBe(200);
    expect(up.json()).toMatchObject({ name: '村口积水.jpg', mime: 'image/jpeg' });
    const word = await Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph('调研报告')] }] }));
    const doc = await upload(zhang, '调研报告.docx', word);
    expect(doc.json().mime).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');

    const created = await zhang.post('/api/opinion-reports', { title: '关于治理村口道路积水的建议', body: REPORT_BODY, fileIds: [up.json().id, doc.json().id] });
    expect(created.statusCode).toBe(200);
    const r = created.json();
    expect(r.files.map((f: { name: string }) => f.name)).toEqual(['村口积水.jpg', '调研报告.docx']);
    const got = await zhang.get(`/api/opinion-reports/${r.id}/files/${up.json().id}`);
    expect(got.statusCode).toBe(200);
    expect(got.headers['content-type']).toBe('image/jpeg');
    const meta = await sharp(got.rawPayload).metadata();
    expect(meta.exif).toBeUndefined();
    expect(meta.width).toBe(64);
    // someone who cannot see the report cannot fetch its files; a used upload cannot go on another report
    expect((await guo.get(`/api/opinion-reports/${r.id}/files/${up.json().id}`)).statusCode).toBe(404);
    expect((await li.get(`/api/opinion-reports/${r.id}/files/${up.json().id}`)).statusCode).toBe(404);
    const steal = await guo.post('/api/opinion-reports', { title: '关于治理村口道路积水的建议', body: REPORT_BODY, fileIds: [up.json().id] });
    expect(steal.json().error.message).toContain('附件不存在');

    // leaving a file out of the list removes it
    const kept = await zhang.put(`/api/opinion-reports/${r.id}`, { title: r.title, body: REPORT_BODY, coAuthorIds: [], fileIds: [doc.json().id] });
    expect(kept.json().files).toHaveLength(1);
    expect((await rowsOf(t.b.db, sql`select id from stored_file where id = ${up.json().id}`)).length).toBe(0);
  });

  it('refuses a renamed non-document, an unknown type and a file over 10 MB', async () => {
    const before = await storedCount();
    const renamed = await upload(zhang, '情况说明.pdf', Buffer.from('这其实是一个文本文件，只是改了扩展名'.repeat(20)));
    expect(renamed.statusCode).toBe(400);
    expect(renamed.json().error.message).toContain('只能上传 PDF');
    const gif = Buffer.from('R0lGODlhAQABAIAAAAAAAP///ywAAAAAAQABAAACAUwAOw==', 'base64');
    expect((await upload(zhang, 'a.gif', gif)).statusCode).toBe(400);
    const big = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(10 * 1024 * 1024 + 1, 32)]);
    const tooBig = await upload(zhang, '大文件.pdf', big);
    expect(tooBig.statusCode).toBe(413);
    expect(tooBig.json().error.message).toContain('10 MB');
    expect((await upload(li, 'x.pdf', Buffer.from('%PDF-1.4\n%%EOF'))).statusCode).toBe(403);
    expect(await storedCount()).toBe(before);
  });

  it('cleans file names', () => {
    expect(cleanName('../../etc/passwd', 'pdf')).toBe('passwd.pdf');
    expect(cleanName('报告.exe', 'docx')).toBe('报告.docx');
    expect(cleanName('"<>"', 'png')).toBe('附件.png');
  });
});
