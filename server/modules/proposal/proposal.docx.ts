import { AlignmentType, BorderStyle, Document, Packer, Paragraph, Table, TableCell, TableRow, TabStopType, TextRun, VerticalAlign, WidthType, type IBorderOptions } from 'docx';
import { sql } from 'drizzle-orm';
import { requireAccess } from '../../core/access.js';
import type { Ctx, Executor } from '../../core/context.js';
import { notFound } from '../../core/errors.js';
import { rowsOf } from '../../core/sql.js';
import { chinaDate } from '../../core/workdays.js';
import { writeAudit } from '../audit/audit.service.js';
import { chineseDate } from '../opinion/bulletin.docx.js';
import { chineseNumber } from '../term/term.schema.js';
import { letterData, printables, type LetterData, type Printable } from './proposal.docs.data.js';
import { viewerOf } from './proposal.visible.js';
import { ASSIGNMENT_ROLE_LABELS, DECLINE_GROUND_LABELS, numberLabel, PROPOSAL_KIND_LABELS, type AssignmentRole } from './proposal.schema.js';

const RED = 'E60000';
const SONG = '方正小标宋简体';
const FANGSONG = '仿宋_GB2312';
const HEI = '黑体';
const KAI = '楷体_GB2312';
const font = (eastAsia: string) => ({ eastAsia, ascii: 'Times New Roman', hAnsi: 'Times New Roman' });
/** A4 with the margins of official documents (GB/T 9704), as the bulletin. */
const PAGE = { width: 11906, height: 16838, margin: { top: 2098, bottom: 1984, left: 1587, right: 1474 } };
const TEXT_WIDTH = PAGE.width - PAGE.margin.left - PAGE.margin.right;
/** 三号 body on a fixed 28 pt line; 四号 in tables */
const BODY = { size: 32, line: 560 };
const CELL = 28;
const LEVEL_WORD: Record<string, string> = { county: '县', city: '市', province: '省' };
const FILED = ['filed', 'assigned', 'replied', 'closed', 'merged'] as const;

const rule = (color: string, size: number): IBorderOptions => ({ style: BorderStyle.SINGLE, color, size, space: 1 });
const run = (t: string, o: { size?: number; bold?: boolean; color?: string; f?: string } = {}) =>
  new TextRun({ text: t, size: o.size ?? BODY.size, bold: o.bold, color: o.color, font: font(o.f ?? FANGSONG) });
const line = (t: string, o: { size?: number; f?: string; color?: string; align?: (typeof AlignmentType)[keyof typeof AlignmentType]; before?: number; after?: number; pageBreak?: boolean } = {}) =>
  new Paragraph({
    alignment: o.align,
    pageBreakBefore: o.pageBreak,
    spacing: { before: o.before, after: o.after, line: BODY.line },
    children: [run(t, { size: o.size, f: o.f, color: o.color })],
  });
/** Body text: each line of the stored text a paragraph, first line indented two characters. */
const paragraphs = (body: string, size = BODY.size) =>
  body
    .split(/\n+/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => new Paragraph({ alignment: AlignmentType.BOTH, indent: { firstLine: size * 20 }, spacing: { line: BODY.line }, children: [run(p, { size })] }));

interface OrgInfo {
  name: string;
  shortName: string;
  level: string;
}
async function orgInfo(db: Executor, orgId: string): Promise<OrgInfo> {
  const [o] = await rowsOf<OrgInfo>(db, sql`select name, short_name as "shortName", level from org where id = ${orgId}`);
  return o;
}
/** 中国人民政治协商会议远安县委员会 → 远安县 */
const placeOf = (o: OrgInfo) => /^中国人民政治协商会议(.+?)委员会/.exec(o.name)?.[1] ?? o.shortName.replace(/政协$/, '');
/** 政协远安县第十届委员会第五次会议 */
const sessionTitle = (o: OrgInfo, termNumber: number, sessionNumber: number) => `政协${placeOf(o)}第${chineseNumber(termNumber)}届委员会第${chineseNumber(sessionNumber)}次会议`;
const no = (n: number | null) => numberLabel(n) ?? '（未编号）';

/** 张红梅、杨德明 — or, for a collective proposal, the body's name with （盖章） when the seal is noted. */
export function proposerText(p: { proposerKind: string; bodyName: string | null; sealNoted: boolean; signers: { name: string }[] | string[] }) {
  const names = p.signers.map((s) => (typeof s === 'string' ? s : s.name));
  if (p.proposerKind === 'member') return names.join('、');
  return `${p.bodyName ?? ''}${p.sealNoted ? '（盖章）' : ''}`;
}
/** 主办：县住建局；会办：县财政局 */
export function unitsText(assignments: { role: AssignmentRole; unit: string }[]) {
  const byRole = new Map<string, string[]>();
  for (const a of assignments) (byRole.get(ASSIGNMENT_ROLE_LABELS[a.role]) ?? byRole.set(ASSIGNMENT_ROLE_LABELS[a.role], []).get(ASSIGNMENT_ROLE_LABELS[a.role])!).push(a.unit);
  return [...byRole].map(([role, units]) => `${role}：${units.join('、')}`).join('；');
}
/** 审查意见 as printed */
export function decisionText(p: Printable) {
  const on = p.reviewedOn ? `（${chineseDate(p.reviewedOn)}）` : '';
  switch (p.status) {
    case 'declined':
      return `不予立案：${p.declineGround && p.declineGround !== 'other' ? DECLINE_GROUND_LABELS[p.declineGround] : ''}${p.decisionReason ? `${p.declineGround && p.declineGround !== 'other' ? '。' : ''}${p.decisionReason}` : ''}${on}`;
    case 'returned':
      return `退回修改：${p.decisionReason ?? ''}${on}`;
    case 'converted':
      return `转办：${p.convertedTo === 'opinion' ? '转为社情民意信息' : '转为建议函'}${p.decisionReason ? `。${p.decisionReason}` : ''}${on}`;
    case 'merged':
      return `并案：并入${no(p.mergedIntoNumber)}提案办理${on}`;
    case 'filed':
    case 'assigned':
    case 'replied':
    case 'closed':
      return `立案${on}`;
    default:
      return p.status === 'draft' ? '（草稿，尚未提交）' : '（待审查）';
  }
}

const cell = (t: string | Paragraph[], o: { width: number; span?: number; label?: boolean }) =>
  new TableCell({
    width: { size: o.width, type: WidthType.DXA },
    columnSpan: o.span,
    verticalAlign: VerticalAlign.CENTER,
    margins: { top: 80, bottom: 80, left: 100, right: 100 },
    children: typeof t === 'string' ? [new Paragraph({ alignment: o.label ? AlignmentType.CENTER : AlignmentType.LEFT, children: [run(t, { size: CELL, f: o.label ? HEI : FANGSONG })] })] : t,
  });
const COLS = [1700, 3200, 1500, TEXT_WIDTH - 6400];
/** A form table: rows of [label, value] (the value over the three other columns) or [label, value, label, value]. */
const form = (rows: string[][]) =>
  new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: COLS,
    rows: rows.map(
      (r) =>
        new TableRow({
          cantSplit: true,
          children:
            r.length === 2
              ? [cell(r[0], { width: COLS[0], label: true }), cell(r[1], { width: COLS[1] + COLS[2] + COLS[3], span: 3 })]
              : [cell(r[0], { width: COLS[0], label: true }), cell(r[1], { width: COLS[1] }), cell(r[2], { width: COLS[2], label: true }), cell(r[3], { width: COLS[3] })],
        }),
    ),
  });
const sectorsOf = (p: Printable) => (p.proposerKind === 'member' ? [...new Set(p.signers.map((s) => s.sector))].join('、') : p.proposerKind === 'sector' ? (p.bodyName ?? '') : '');
const workUnitsOf = (p: Printable) => {
  if (p.proposerKind !== 'member') return p.signers[0] ? `召集人：${p.signers[0].name}（${p.signers[0].workUnit}）` : '';
  return p.signers.length === 1 ? p.signers[0].workUnit : p.signers.map((s) => `${s.name}：${s.workUnit}`).join('；');
};
const sections = (p: Printable, headSize = BODY.size) =>
  (
    [
      ['一、情况', p.situation],
      ['二、分析', p.analysis],
      ['三、建议', p.suggestion],
    ] as const
  ).flatMap(([head, body]) => [line(head, { f: HEI, size: headSize, before: 120 }), ...(body.trim() ? paragraphs(body, headSize) : [line('（无）', { size: headSize })])]);

const documentOf = (creator: string, title: string, children: (Paragraph | Table)[]) =>
  new Document({
    creator,
    title,
    styles: { default: { document: { run: { font: font(FANGSONG), size: BODY.size } } } },
    sections: [{ properties: { page: { size: { width: PAGE.width, height: PAGE.height }, margin: PAGE.margin } }, children }],
  });

/** 提案 in the usual printed form: header, number, the form, 情况/分析/建议, then date, review and assignment. */
export function proposalDocument(o: OrgInfo, p: Printable) {
  const children = [
    line(sessionTitle(o, p.termNumber, p.sessionNumber), { size: 36, f: SONG, color: RED, align: AlignmentType.CENTER }),
    line('提    案', { size: 72, f: SONG, color: RED, align: AlignmentType.CENTER, before: 120, after: 240 }),
    new Paragraph({
      tabStops: [{ type: TabStopType.RIGHT, position: TEXT_WIDTH }],
      border: { bottom: rule(RED, 18) },
      spacing: { after: 240 },
      children: [run(PROPOSAL_KIND_LABELS[p.kind], { size: CELL }), run(`\t${no(p.number)}`, { size: CELL, f: HEI })],
    }),
    form([
      ['案由', p.title],
      ['提案人', proposerText(p)],
      ['界别', sectorsOf(p), '提案分类', p.category],
      ['工作单位及职务', workUnitsOf(p)],
      ['建议承办单位', p.suggestedUnits.join('、')],
      ['是否同意公开', p.mayPublish ? '同意公开' : '不同意公开'],
    ]),
    ...sections(p),
    new Paragraph({ spacing: { before: 240 }, children: [] }),
    form([
      ['提交日期', p.submittedOn ? chineseDate(p.submittedOn) : '（尚未提交）'],
      ['审查意见', decisionText(p)],
      ['交办', p.assignments.length ? `${unitsText(p.assignments)}${p.assignedOn ? `（${chineseDate(p.assignedOn)}）` : ''}` : ''],
    ]),
  ];
  return documentOf(o.shortName, `${p.sessionName}${no(p.number)}提案`, children);
}

/** 复文: red unit heading, 文号, title, the category mark, salutation, body, 会办单位, sign-off, contacts, 抄送. */
export function letterDocument(o: OrgInfo, l: LetterData) {
  const w = LEVEL_WORD[o.level] ?? '县';
  const main = l.proposals[0];
  const numbers = l.proposals.map((p) => no(p.number)).join('、');
  const title = `关于${w}政协${chineseNumber(main.termNumber)}届${chineseNumber(main.sessionNumber)}次会议${numbers}提案${l.kind === 'reply' ? '的答复' : '办理落实情况的报告'}`;
  const members = [...new Set(l.proposals.filter((p) => p.proposerKind === 'member').flatMap((p) => p.signers))];
  const bodies = [...new Set(l.proposals.filter((p) => p.proposerKind !== 'member' && p.bodyName).map((p) => p.bodyName!))];
  const salutation = `${[members.length ? `${members.join('、')}委员` : null, ...bodies].filter(Boolean).join('，')}：`;
  const right = { align: AlignmentType.RIGHT };
  const children = [
    ...(l.kind === 'reply' && l.category ? [line(`（${l.category}类）`, { ...right, f: HEI })] : [line('')]),
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { before: 240, after: 120 }, border: { bottom: rule(RED, 24) }, children: [run(l.unitName, { size: 60, f: SONG, color: RED })] }),
    ...(l.letterNo ? [line(l.letterNo, right)] : []),
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { before: 480, after: 360, line: 640 }, children: [run(title, { size: 44, f: SONG })] }),
    line(salutation),
    ...paragraphs(l.body),
    ...(l.coUnits.length ? [line(`会办单位：${l.coUnits.join('、')}`, { before: 240 })] : []),
    line(l.unitName, { ...right, before: 720 }),
    line(chineseDate(l.sentOn), right),
    line(`签发人：${l.signer}`, { before: 480, size: CELL }),
    ...(l.contactName || l.contactPhone ? [line(`联系人：${l.contactName}${l.contactPhone ? `    联系电话：${l.contactPhone}` : ''}`, { size: CELL })] : []),
    new Paragraph({
      spacing: { before: 720, line: BODY.line },
      border: { top: rule('000000', 12), bottom: rule('000000', 12) },
      indent: { left: 1160, hanging: 840 },
      children: [run(`抄送：${w}政协提案委员会、${w}人民政府督查室。`, { size: CELL })],
    }),
  ];
  return { doc: documentOf(l.unitName, title, children), title };
}

/** 提案汇编 of a session: cover, contents (number, title, proposer), then every filed proposal in number order. */
export function compilationDocument(o: OrgInfo, s: { termNumber: number; sessionNumber: number; sessionName: string }, items: Printable[], on: string) {
  const heading = sessionTitle(o, s.termNumber, s.sessionNumber);
  const cover = [
    line(heading, { size: 44, f: SONG, align: AlignmentType.CENTER, before: 2400 }),
    line('提 案 汇 编', { size: 88, f: SONG, align: AlignmentType.CENTER, before: 600 }),
    line(`${o.shortName}提案委员会  编`, { size: BODY.size, f: KAI, align: AlignmentType.CENTER, before: 4800 }),
    line(`${Number(on.slice(0, 4))}年${Number(on.slice(5, 7))}月`, { align: AlignmentType.CENTER }),
  ];
  const widths = [1400, TEXT_WIDTH - 3800, 2400];
  const tocRow = (r: string[], head = false) =>
    new TableRow({
      tableHeader: head,
      cantSplit: true,
      children: r.map((t, i) => new TableCell({ width: { size: widths[i], type: WidthType.DXA }, margins: { left: 80, right: 80 }, children: [new Paragraph({ alignment: i === 1 ? AlignmentType.LEFT : AlignmentType.CENTER, children: [run(t, { size: 24, f: head ? HEI : FANGSONG })] })] })),
    });
  const contents = [
    line('目    录', { f: HEI, align: AlignmentType.CENTER, pageBreak: true, after: 240 }),
    items.length
      ? new Table({ width: { size: TEXT_WIDTH, type: WidthType.DXA }, columnWidths: widths, rows: [tocRow(['提案号', '案由', '提案人'], true), ...items.map((p) => tocRow([no(p.number), p.title, proposerText(p)]))] })
      : line('本次会议尚无立案的提案。', { align: AlignmentType.CENTER }),
  ];
  const body = items.flatMap((p) => [
    line(no(p.number), { f: HEI, align: AlignmentType.CENTER, pageBreak: true }),
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { before: 120, after: 240, line: 640 }, children: [run(p.title, { size: 40, f: SONG })] }),
    line(`提案人：${proposerText(p)}`, { f: KAI, align: AlignmentType.CENTER }),
    line(`界别：${sectorsOf(p)}    分类：${p.category}`, { size: CELL, align: AlignmentType.CENTER }),
    ...(p.status === 'merged' ? [line(`（本案并入${no(p.mergedIntoNumber)}提案办理）`, { size: CELL, align: AlignmentType.CENTER })] : []),
    ...(p.assignments.length ? [line(`承办单位：${unitsText(p.assignments)}`, { size: CELL, align: AlignmentType.CENTER })] : []),
    ...sections(p),
  ]);
  return documentOf(o.shortName, `${s.sessionName}提案汇编`, [...cover, ...contents, ...body]);
}

const file = async (doc: Document, name: string, ascii: string) => ({ bytes: await Packer.toBuffer(doc), name, ascii });

/** The printed form of one proposal the actor may read (else 404). */
export async function proposalDocx(ctx: Ctx, id: string) {
  const actor = requireAccess(ctx.actor, 'proposal.read');
  const [p] = await printables(ctx.db, await viewerOf(ctx.db, actor), sql`x.id = ${id}`);
  if (!p) throw notFound('提案不存在或无权查看');
  const label = p.number == null ? '提案（未编号）' : `${numberLabel(p.number)}提案`;
  return file(proposalDocument(await orgInfo(ctx.db, actor.orgId), p), `${p.sessionName}${label}.docx`, `proposal-${p.number ?? id.slice(0, 8)}.docx`);
}

/**
 * A reply letter (复文) or follow-up report, for its unit, the proposers, staff and leaders (else 404). The
 * letter prints its contact person's whole phone for the proposers, so each download of one is audited.
 */
export async function replyLetterDocx(ctx: Ctx, replyId: string) {
  const actor = requireAccess(ctx.actor, 'proposal.read');
  const l = await letterData(ctx.db, ctx.crypto, await viewerOf(ctx.db, actor), replyId);
  const { doc, title } = letterDocument(await orgInfo(ctx.db, actor.orgId), l);
  if (l.contactPhone)
    await writeAudit(ctx, {
      action: 'proposal.letter',
      summary: `导出${l.unitName}的${title}（含联系人${l.contactName}的联系电话）`,
      targetType: 'proposal_reply',
      targetId: replyId,
    });
  return file(doc, `${title}（${l.unitName}）.docx`, `reply-${l.proposals[0].number ?? 'x'}-${replyId.slice(0, 8)}.docx`);
}

/** The session's 提案汇编: every filed (or merged) proposal the actor may read, in number order. */
export async function compilationDocx(ctx: Ctx, sessionId: string) {
  const actor = requireAccess(ctx.actor, 'proposal.read');
  const [s] = await rowsOf<{ termNumber: number; sessionNumber: number; sessionName: string }>(
    ctx.db,
    sql`select t.number as "termNumber", ps.number as "sessionNumber", ps.name as "sessionName" from plenary_session ps join term t on t.id = ps.term_id where ps.id = ${sessionId} and ps.org_id = ${actor.orgId}`,
  );
  if (!s) throw notFound('会议不存在');
  const statuses = sql.join(
    FILED.map((x) => sql`${x}`),
    sql`, `,
  );
  const items = await printables(ctx.db, await viewerOf(ctx.db, actor), sql`x.session_id = ${sessionId} and x.number is not null and x.status in (${statuses})`);
  return file(compilationDocument(await orgInfo(ctx.db, actor.orgId), s, items, chinaDate(ctx.clock.now())), `${s.sessionName}提案汇编.docx`, `proposals-${s.termNumber}-${s.sessionNumber}.docx`);
}
