import { AlignmentType, BorderStyle, Document, Packer, Paragraph, TabStopType, TextRun, type IBorderOptions } from 'docx';
import { sql } from 'drizzle-orm';
import type { Ctx } from '../../core/context.js';
import { rowsOf } from '../../core/sql.js';
import { bulletinOf, DEFAULT_BULLETIN_TITLE, requireBulletinReader } from './bulletin.service.js';

const RED = 'E60000';
const SONG = '方正小标宋简体';
const FANGSONG = '仿宋_GB2312';
const HEI = '黑体';
const font = (eastAsia: string) => ({ eastAsia, ascii: 'Times New Roman', hAnsi: 'Times New Roman' });
/** A4 with the margins of official documents (GB/T 9704): 3.7/3.5/2.8/2.6 cm; 1 cm = 567 twips. */
const PAGE = { width: 11906, height: 16838, margin: { top: 2098, bottom: 1984, left: 1587, right: 1474 } };
const TEXT_WIDTH = PAGE.width - PAGE.margin.left - PAGE.margin.right;
/** 三号 = 16 pt = 32 half-points; a fixed 28 pt line as printed bulletins use */
const BODY = { size: 32, line: 560 };

export const chineseDate = (d: string) => `${Number(d.slice(0, 4))}年${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;
const LEVEL_WORD: Record<string, string> = { county: '县', city: '市', province: '省' };
const UPPER_OFFICE: Record<string, string> = { province: '全国政协办公厅' };

/** Where the issue goes (报送) and who gets a copy (抄送): org.settings.bulletin when set, else the usual lists for the level. */
export function distribution(level: string, parentName: string | null, settings: { sendTo?: string; copyTo?: string } | null) {
  const w = LEVEL_WORD[level] ?? '县';
  const upper = UPPER_OFFICE[level] ?? (parentName ? `${parentName}办公室` : null);
  return {
    sendTo: settings?.sendTo || [upper, `${w}委、${w}人大常委会、${w}政府主要领导`].filter(Boolean).join('；'),
    copyTo: settings?.copyTo || `${w}政协各位副主席、秘书长，${w}直有关单位`,
  };
}

const rule = (color: string, size: number): IBorderOptions => ({ style: BorderStyle.SINGLE, color, size, space: 1 });
const text = (t: string, o: { size?: number; bold?: boolean; color?: string; f?: string } = {}) =>
  new TextRun({ text: t, size: o.size ?? BODY.size, bold: o.bold, color: o.color, font: font(o.f ?? FANGSONG) });

/** The printed form: red masthead, issue number, editor and date, red rule, contents, the reports, 报送/抄送. */
export function bulletinDocument(b: {
  orgFullName: string;
  orgShortName: string;
  level: string;
  parentName: string | null;
  settings: { sendTo?: string; copyTo?: string } | null;
  number: number;
  title: string;
  issuedOn: string;
  items: { title: string; body: string; authors: string[] }[];
}) {
  const date = chineseDate(b.issuedOn);
  const { sendTo, copyTo } = distribution(b.level, b.parentName, b.settings);
  const right = [{ type: TabStopType.RIGHT, position: TEXT_WIDTH }];
  const masthead = [
    new Paragraph({ children: [text('内部资料  注意保存', { size: 24, f: HEI })] }),
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { before: 360 }, children: [text('社情民意', { size: 96, color: RED, f: SONG })] }),
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { before: 120 }, children: [text(b.orgFullName.replace(/^中国人民政治协商会议/, '政协'), { size: 32, color: RED, f: SONG })] }),
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { before: 360, after: 240 }, children: [text(`第${b.number}期`)] }),
    new Paragraph({
      tabStops: right,
      border: { bottom: rule(RED, 24) },
      spacing: { after: 360 },
      children: [text(`${b.orgShortName}办公室编`), text(`\t${date}`)],
    }),
  ];
  const special = b.title && b.title !== DEFAULT_BULLETIN_TITLE ? [new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 240 }, children: [text(b.title, { size: 36, f: HEI })] })] : [];
  const contents = [
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 240 }, children: [text('目    录', { f: HEI })] }),
    ...b.items.map((it, i) => new Paragraph({ spacing: { line: BODY.line }, indent: { left: 640, hanging: 640 }, children: [text(`${i + 1}．${it.title}`)] })),
  ];
  const reports = b.items.flatMap((it, i) => [
    new Paragraph({ alignment: AlignmentType.CENTER, pageBreakBefore: i === 0, spacing: { before: i === 0 ? 0 : 720, after: 360, line: 640 }, children: [text(it.title, { size: 44, f: SONG })] }),
    ...it.body
      .split(/\n+/)
      .map((p) => p.trim())
      .filter(Boolean)
      .map((p) => new Paragraph({ alignment: AlignmentType.BOTH, indent: { firstLine: 640 }, spacing: { line: BODY.line }, children: [text(p)] })),
    new Paragraph({ alignment: AlignmentType.RIGHT, spacing: { line: BODY.line }, children: [text(`（反映人：${it.authors.join(' ')}）`)] }),
  ]);
  const footer = [
    new Paragraph({ spacing: { before: 1200, line: BODY.line }, border: { top: rule('000000', 12), bottom: rule('000000', 6) }, indent: { left: 1160, hanging: 840 }, children: [text(`报送：${sendTo}`, { size: 28 })] }),
    new Paragraph({ spacing: { line: BODY.line }, border: { bottom: rule('000000', 6) }, indent: { left: 1160, hanging: 840 }, children: [text(`抄送：${copyTo}`, { size: 28 })] }),
    new Paragraph({ tabStops: right, spacing: { line: BODY.line }, border: { bottom: rule('000000', 12) }, indent: { left: 320 }, children: [text(`${b.orgShortName}办公室`, { size: 28 }), text(`\t${date}印发`, { size: 28 })] }),
  ];
  return new Document({
    creator: b.orgShortName,
    title: `社情民意 第${b.number}期`,
    styles: { default: { document: { run: { font: font(FANGSONG), size: BODY.size } } } },
    sections: [{ properties: { page: { size: { width: PAGE.width, height: PAGE.height }, margin: PAGE.margin } }, children: [...masthead, ...special, ...contents, ...reports, ...footer] }],
  });
}

/** The issue as a Word document, with its file name. */
export async function bulletinDocx(ctx: Ctx, id: string) {
  const actor = requireBulletinReader(ctx);
  const b = await bulletinOf(ctx.db, actor.orgId, id);
  const [o] = await rowsOf<{ parent_name: string | null; settings: { sendTo?: string; copyTo?: string } | null }>(
    ctx.db,
    sql`select p.short_name as parent_name, o.settings->'bulletin' as settings from org o left join org p on p.id = o.parent_id where o.id = ${actor.orgId}`,
  );
  const doc = bulletinDocument({
    orgFullName: b.org.fullName,
    orgShortName: b.org.name,
    level: b.org.level,
    parentName: o?.parent_name ?? null,
    settings: o?.settings ?? null,
    number: b.number,
    title: b.title,
    issuedOn: b.issuedOn,
    items: b.items.map((i) => ({ title: i.title, body: i.body, authors: i.authors.map((a) => a.name) })),
  });
  return { bytes: await Packer.toBuffer(doc), name: `社情民意${b.year}年第${b.number}期.docx`, ascii: `bulletin-${b.year}-${b.number}.docx` };
}
