import { createHash } from 'node:crypto';
import { and, eq, inArray, isNull, notInArray, or, sql } from 'drizzle-orm';
import { fileTypeFromBuffer } from 'file-type';
import sharp from 'sharp';
import type { Ctx, Executor } from '../../core/context.js';
import { AppError, fieldError, notFound } from '../../core/errors.js';
import { storedFile } from './file.table.js';

/**
 * Attachments of documents (opinion reports, proposals): uploaded first (owner not yet set), checked by
 * content, photos re-encoded; saving the document with their ids attaches them.
 */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;
/** What a document may carry, told by content (not by the file's name). */
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

/** Stores an upload of the org not yet on a document of `ownerType`. */
export async function storeAttachment(ctx: Ctx, orgId: string, ownerType: string, name: string, data: Buffer) {
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
      orgId,
      ownerType,
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
 * Makes `fileIds` the document's attachments: new ones must be uploads of this org not yet on another
 * document (else "附件不存在或已用于其他<what>"); attachments left out are removed.
 */
export async function setAttachments(tx: Executor, orgId: string, ownerType: string, ownerId: string, fileIds: string[], what: string) {
  if (fileIds.length) {
    const taken = await tx
      .update(storedFile)
      .set({ ownerId })
      .where(and(eq(storedFile.orgId, orgId), eq(storedFile.ownerType, ownerType), inArray(storedFile.id, fileIds), or(isNull(storedFile.ownerId), eq(storedFile.ownerId, ownerId))))
      .returning({ id: storedFile.id });
    if (taken.length !== fileIds.length) throw fieldError('fileIds', `附件不存在或已用于其他${what}，请重新上传`);
  }
  await tx.delete(storedFile).where(and(eq(storedFile.ownerType, ownerType), eq(storedFile.ownerId, ownerId), fileIds.length ? notInArray(storedFile.id, fileIds) : sql`true`));
}

/** One attachment of a document (the caller has checked the reader may see the document). */
export async function readAttachment(db: Executor, ownerType: string, ownerId: string, fileId: string) {
  const [f] = await db
    .select({ name: storedFile.name, mime: storedFile.mime, bytes: storedFile.bytes })
    .from(storedFile)
    .where(and(eq(storedFile.id, fileId), eq(storedFile.ownerType, ownerType), eq(storedFile.ownerId, ownerId)));
  if (!f) throw notFound('附件不存在');
  return f;
}
