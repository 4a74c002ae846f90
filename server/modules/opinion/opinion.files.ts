import { requireAccess } from '../../core/access.js';
import type { Ctx, Executor } from '../../core/context.js';
import { readAttachment, setAttachments, storeAttachment } from '../file/attachment.js';
import { loadReport } from './opinion.access.js';
import type { OpinionFileView } from './opinion.schema.js';

export { MAX_FILE_BYTES } from '../file/attachment.js';
const OWNER = 'opinion_report';

/** Stores an attachment not yet on a report; saving the report with its id attaches it. */
export async function uploadReportFile(ctx: Ctx, name: string, data: Buffer): Promise<OpinionFileView> {
  const actor = requireAccess(ctx.actor, 'opinion.write');
  return storeAttachment(ctx, actor.orgId, OWNER, name, data);
}

/** Makes `fileIds` the report's attachments; attachments left out are removed. */
export const setReportFiles = (tx: Executor, orgId: string, reportId: string, fileIds: string[]) => setAttachments(tx, orgId, OWNER, reportId, fileIds, '信息');

/** An attachment of a report the actor may see. */
export async function downloadReportFile(ctx: Ctx, reportId: string, fileId: string) {
  const actor = requireAccess(ctx.actor, 'opinion.read');
  await loadReport(ctx.db, actor, reportId);
  return readAttachment(ctx.db, OWNER, reportId, fileId);
}
