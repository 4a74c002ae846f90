import { createHash } from 'node:crypto';
import { and, eq, inArray, isNull, notInArray, or, sql } from 'drizzle-orm';
import { fileTypeFromBuffer } from 'file-type';
import sharp from 'sharp';
import { requireAccess } from '../../core/access.js';
import type { Ctx, Executor } from '../../core/context.js';
import { AppError, fieldError, notFound } from '../../core/errors.js';
import { storedFile } from '../file/file.table.js';
import { cleanName, MAX_FILE_BYTES } from '../opinion/opinion.files.js';
import type { ProposalFileView } from './proposal.schema.js';
import { loadVisible, viewerOf } from './proposal.visible.js';

/** A proposal's attachments (调研报告, 照片…): uploaded first, attached when the proposal is saved with their ids. */
export { MAX_FILE_BYTES };
const OWNER = 'proposal';
const ALLOWED: Record<string, string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  jpg: 'image/jpeg',
  png: 'image/png',
};
const badFile = (message: string) => new AppError(400, 'BAD_FILE', message);

/** Photos are decoded and encoded again: no EXIF (GPS, camera) survives. */
async function reencode(data: Buffer, ext: 'jpg' | 'png') {
  try {
    const img = sharp(data, { failOn: 'error' }).rotate();
    const { data: out, info } = await (ext === 'jpg' ? img.jpeg({ quality: 85, mozjpeg: true }) : img.png()).toBuffer({ resolveWithObject: true });
    return { bytes: out, width: info.width, height: info.height };
  } catch {
    throw badFile('图片已损坏或无法读取，请重新选择');
  }
}

/** Stores an attachment not yet on a proposal (a member writing one). */
export async function uploadProposalFile(ctx: Ctx, name: string, data: Buffer): Promise<ProposalFileView> {
  const actor = requireAccess(ctx.actor, 'proposal.write');
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

/** Makes `fileIds` the proposal's attachments (uploads of this org not on another item); the ones left out are removed. */
export async function setProposalFiles(tx: Executor, orgId: string, proposalId: string, fileIds: string[]) {
  if (fileIds.length) {
    const taken = await tx
      .update(storedFile)
      .set({ ownerId: proposalId })
      .where(and(eq(storedFile.orgId, orgId), eq(storedFile.ownerType, OWNER), inArray(storedFile.id, fileIds), or(isNull(storedFile.ownerId), eq(storedFile.ownerId, proposalId))))
      .returning({ id: storedFile.id });
    if (taken.length !== fileIds.length) throw fieldError('fileIds', '附件不存在或已用于其他提案，请重新上传');
  }
  await tx.delete(storedFile).where(and(eq(storedFile.ownerType, OWNER), eq(storedFile.ownerId, proposalId), fileIds.length ? notInArray(storedFile.id, fileIds) : sql`true`));
}

/** An attachment of a proposal the actor may see. */
export async function downloadProposalFile(ctx: Ctx, proposalId: string, fileId: string) {
  const actor = requireAccess(ctx.actor, 'proposal.read');
  await loadVisible(ctx.db, await viewerOf(ctx.db, actor), proposalId);
  const [f] = await ctx.db
    .select({ name: storedFile.name, mime: storedFile.mime, bytes: storedFile.bytes })
    .from(storedFile)
    .where(and(eq(storedFile.id, fileId), eq(storedFile.ownerType, OWNER), eq(storedFile.ownerId, proposalId)));
  if (!f) throw notFound('附件不存在');
  return f;
}
