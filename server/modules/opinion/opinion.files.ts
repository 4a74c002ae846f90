import { createHash } from 'node:crypto';
import { and, eq, inArray, isNull, notInArray, or, sql } from 'drizzle-orm';
import { fileTypeFromBuffer } from 'file-type';
import sharp from 'sharp';
import { requireAccess } from '../../core/access.js';
import type { Ctx, Executor } from '../../core/context.js';
import { AppError, fieldError, notFound } from '../../core/errors.js';
import { storedFile } from '../file/file.table.js';
import { loadReport } from './opinion.access.js';
import type { OpinionFileView } from './opinion.schema.js';

export const MAX_FILE_BYTES = 10 * 1024 * 1024;
const OWNER = 'opinion_report';
/** What a report may carry, told by content (not by the file's name). */
const ALLOWED: Record<string, string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  jpg: 'image/jpeg',
  png: 'image/png',
};
const badFile = (message: string) => new AppError(400, 'BAD_FILE', message);

/** The uploader's name, without a path or control characters, ending in the extension of what it really is. */
export function cleanName(name: string, ext: string) {
  const base = (name.split(/[\\/]/).pop() ?? '')
    .replace(/[\u0000-\u001f\u007f"<>|:*?]/g, '')
    .trim()
    .replace(/\.[A-Za-z0-9]{1,5}$/, '');
  return `${(base || '附件').slice(0, 100)}.${ext}`;
}

/** Photos are decoded and encoded again: the EXIF (GPS, camera) does not survive, the orientation is applied. */
async function reencode(data: Buffer, ext: 'jpg' | 'png') {
  try {
    const img = sharp(data, { failOn: 'error' }).rotate();
    const { data: out, info } = await (ext === 'jpg' ? img.jpeg({ quality: 85, mozjpeg: true }) : img.png()).toBuffer({ resolveWithObject: true });
    return { bytes: out, width: info.width, height: info.height };
  } catch {
    throw badFile('图片已损坏或无法读取，请重新选择');
  }
}

/** Stores an attachment not yet on a report; saving the report with its id attaches it. */
export async function uploadReportFile(ctx: Ctx, name: string, data: Buffer): Promise<OpinionFileView> {
  const actor = requireAccess(ctx.actor, 'opinion.write');
  if (!data.length) throw badFile('文件是空的');
  if (data.length > MAX_FILE_BYTES) throw new AppError(413, 'BODY_TOO_LARGE', '附件不能超过 10 MB');
  const type = await fileTypeFromBuffer(data);
  const ext = type && Object.hasOwn(ALLOWED, type.ext) ? type.ext : null;
  if (!ext) throw badFile('只能上传 PDF、Word（.docx）、Excel（.xlsx）文件或 JPG、PNG 图片');
  const image = ext === 'jpg' || ext === 'png' ? await reencode(data, ext) : null;
  const bytes = image?.bytes ?? data;
  const [row] = await ctx.db
    .insert(storedFile)
    .values({
      orgId: actor.orgId,
      ownerType: OWNER,
      ownerId: null,
      name: cleanName(name, ext),
      mime: ALLOWED[ext],
      size: bytes.length,
      width: image?.width ?? null,
      height: image?.height ?? null,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      bytes,
      createdAt: ctx.clock.now(),
    })
    .returning({ id: storedFile.id, name: storedFile.name, mime: storedFile.mime, size: storedFile.size });
  return row;
}

/**
 * Makes `fileIds` the report's attachments: new ones must be uploads of this org not yet on a report;
 * attachments left out are removed.
 */
export async function setReportFiles(tx: Executor, orgId: string, reportId: string, fileIds: string[]) {
  if (fileIds.length) {
    const taken = await tx
      .update(storedFile)
      .set({ ownerId: reportId })
      .where(
        and(
          eq(storedFile.orgId, orgId),
          eq(storedFile.ownerType, OWNER),
          inArray(storedFile.id, fileIds),
          or(isNull(storedFile.ownerId), eq(storedFile.ownerId, reportId)),
        ),
      )
      .returning({ id: storedFile.id });
    if (taken.length !== fileIds.length) throw fieldError('fileIds', '附件不存在或已用于其他信息，请重新上传');
  }
  await tx
    .delete(storedFile)
    .where(and(eq(storedFile.ownerType, OWNER), eq(storedFile.ownerId, reportId), fileIds.length ? notInArray(storedFile.id, fileIds) : sql`true`));
}

/** An attachment of a report the actor may see. */
export async function downloadReportFile(ctx: Ctx, reportId: string, fileId: string) {
  const actor = requireAccess(ctx.actor, 'opinion.read');
  await loadReport(ctx.db, actor, reportId);
  const [f] = await ctx.db
    .select({ name: storedFile.name, mime: storedFile.mime, bytes: storedFile.bytes })
    .from(storedFile)
    .where(and(eq(storedFile.id, fileId), eq(storedFile.ownerType, OWNER), eq(storedFile.ownerId, reportId)));
  if (!f) throw notFound('附件不存在');
  return f;
}
