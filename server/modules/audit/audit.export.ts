import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import type { Ctx } from '../../core/context.js';
import { requireAccess } from '../../core/access.js';
import { addRow } from '../../core/xlsx.js';
import { iterateAudit, writeAudit } from './audit.service.js';
import type { AuditExportQuery } from './audit.schema.js';

const fmt = (iso: string) =>
  new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });
const json = (v: unknown) => (v == null ? '' : JSON.stringify(v));

/**
 * Streams the filtered audit log as .xlsx, a batch of rows at a time, so memory stays flat however
 * long the log is. The export itself is audited.
 */
export async function exportAudit(ctx: Ctx, q: AuditExportQuery) {
  requireAccess(ctx.actor, 'audit.read');
  const filters = Object.entries(q).filter(([, v]) => v).map(([k, v]) => `${k}=${v}`).join('，');
  await writeAudit(ctx, { action: 'audit.export', summary: `导出审计日志${filters ? `（筛选：${filters}）` : ''}` });
  const out = new PassThrough();
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true });
  const sheet = book.addWorksheet('审计日志');
  sheet.columns = [
    { header: '时间', key: 'time', width: 20 },
    { header: '操作人', key: 'actor', width: 14 },
    { header: '操作', key: 'action', width: 16 },
    { header: '内容', key: 'summary', width: 50 },
    { header: '对象类型', key: 'targetType', width: 10 },
    { header: '对象编号', key: 'targetId', width: 38 },
    { header: '变更前', key: 'before', width: 40 },
    { header: '变更后', key: 'after', width: 40 },
    { header: 'IP', key: 'ip', width: 16 },
  ];
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  (async () => {
    for await (const batch of iterateAudit(ctx, q)) {
      for (const e of batch) {
        addRow(sheet, {
          time: fmt(e.createdAt),
          actor: e.actorName ?? '',
          action: e.actionLabel,
          summary: e.summary,
          targetType: e.targetType ?? '',
          targetId: e.targetId ?? '',
          before: json(e.before),
          after: json(e.after),
          ip: e.ip ?? '',
        }).commit();
      }
    }
    sheet.commit();
    await book.commit();
  })().catch((err) => out.destroy(err));
  return out;
}
