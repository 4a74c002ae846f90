import { createHash } from 'node:crypto';
import { and, eq, gt, inArray, isNull, lt, sql } from 'drizzle-orm';
import { fileTypeFromBuffer } from 'file-type';
import sharp from 'sharp';
import type { Ctx, Executor } from '../../core/context.js';
import { AppError, fieldError, notFound } from '../../core/errors.js';
import { requireAnyAccess } from '../request/request.access.js';
import { storedFile } from './file.table.js';

/** Photos: JPEG or PNG by their bytes (not by name), at most 5 MB, re-encoded to JPEG ≤1600 px without metadata. */
export const PHOTO_MAX_BYTES = 5 * 1024 * 1024;
/** the route's body limit: a little over 5 MB, so that the service's own check speaks for files just over it */
export const PHOTO_BODY_LIMIT = PHOTO_MAX_BYTES + 64 * 1024;
const PHOTO_MAX_SIDE = 1600;
const ACCEPTED = new Set(['image/jpeg', 'image/png']);

export type PhotoOwner = 'request' | 'request_answer';

export const tooLarge = () => new AppError(413, 'BODY_TOO_LARGE', '提交的内容过大（上限 5 MB）');

/** The cheap checks, before any decoding: not empty, at most 5 MB, a JPEG or PNG by its first bytes. */
export async function checkPhoto(bytes: Buffer) {
  if (!bytes.length) throw fieldError('file', '请选择要上传的图片');
  if (bytes.length > PHOTO_MAX_BYTES) throw tooLarge();
  const type = await fileTypeFromBuffer(bytes);
  if (!type || !ACCEPTED.has(type.mime)) throw new AppError(400, 'UNSUPPORTED_IMAGE', '只能上传 JPG 或 PNG 图片');
}

/**
 * Checks an uploaded image by content and re-encodes it: rotated by its EXIF orientation, then every
 * metadata block (EXIF, GPS, XMP, ICC) dropped, at most 1600 px a side, JPEG quality 80.
 */
export async function cleanPhoto(bytes: Buffer) {
  await checkPhoto(bytes);
  try {
    const { data, info } = await sharp(bytes, { limitInputPixels: 60_000_000 })
      .rotate()
      .flatten({ background: '#ffffff' })
      .resize({ width: PHOTO_MAX_SIDE, height: PHOTO_MAX_SIDE, fit: 'inside', withoutEnlargement: true })
      .jpeg({ quality: 80, mozjpeg: false })
      .toBuffer({ resolveWithObject: true });
    return { bytes: data, width: info.width, height: info.height };
  } catch {
    throw new AppError(400, 'UNSUPPORTED_IMAGE', '图片已损坏或无法识别，请换一张 JPG 或 PNG 图片');
  }
}

const photoValues = (photo: Awaited<ReturnType<typeof cleanPhoto>>) => ({
  size: photo.bytes.length,
  width: photo.width,
  height: photo.height,
  sha256: createHash('sha256').update(photo.bytes).digest('hex'),
  bytes: photo.bytes,
});

/** Stores a cleaned photo, not yet attached to anything (attach it in the transaction that creates its owner). */
export async function storePhoto(db: Executor, orgId: string, ownerType: PhotoOwner, raw: Buffer, now: Date) {
  const photo = await cleanPhoto(raw);
  const [row] = await db
    .insert(storedFile)
    .values({ orgId, ownerType, ownerId: null, name: `photo-${now.getTime()}.jpg`, mime: 'image/jpeg', ...photoValues(photo), createdAt: now })
    .returning({ id: storedFile.id, width: storedFile.width, height: storedFile.height });
  return row;
}

/** Public uploads from one address (keyed hash) to the org since a moment: how many, and the bytes received. */
export async function uploadsFrom(db: Executor, orgId: string, ipHash: string, since: Date) {
  const [row] = await db
    .select({ count: sql<number>`count(*)::int`, bytes: sql<number>`coalesce(sum(${storedFile.receivedBytes}), 0)::bigint` })
    .from(storedFile)
    .where(and(eq(storedFile.ipHash, ipHash), gt(storedFile.createdAt, since), eq(storedFile.orgId, orgId)));
  return { count: Number(row.count), bytes: Number(row.bytes) };
}

/**
 * A public upload's row, taken before the photo is decoded (in the transaction that counted the
 * address's uploads under its lock): the limits count it at once, and the slow re-encoding happens
 * outside any transaction. finishPhoto fills it in. Nothing refers to it until then.
 */
export async function reservePhoto(tx: Executor, r: { orgId: string; ownerType: PhotoOwner; ipHash: string | null; receivedBytes: number; now: Date }) {
  const [row] = await tx
    .insert(storedFile)
    .values({
      orgId: r.orgId,
      ownerType: r.ownerType,
      ownerId: null,
      name: `photo-${r.now.getTime()}.jpg`,
      mime: 'image/jpeg',
      size: 0,
      sha256: '',
      bytes: Buffer.alloc(0),
      ipHash: r.ipHash,
      receivedBytes: r.receivedBytes,
      createdAt: r.now,
    })
    .returning({ id: storedFile.id });
  return row.id;
}

/** Re-encodes a reserved photo into its row; one that cannot be read gives its reservation back (nothing stays). */
export async function finishPhoto(db: Executor, id: string, raw: Buffer) {
  let photo;
  try {
    photo = await cleanPhoto(raw);
  } catch (e) {
    await db.delete(storedFile).where(eq(storedFile.id, id));
    throw e;
  }
  const [row] = await db.update(storedFile).set(photoValues(photo)).where(eq(storedFile.id, id)).returning({ id: storedFile.id, width: storedFile.width, height: storedFile.height });
  return row;
}

/** Attaches unattached uploads of the org to their owner; any id that is not one of those is refused. */
export async function attachPhotos(tx: Executor, orgId: string, ownerType: PhotoOwner, ownerId: string, ids: string[]) {
  const unique = [...new Set(ids)];
  if (!unique.length) return;
  const rows = await tx
    .update(storedFile)
    .set({ ownerId })
    .where(and(eq(storedFile.orgId, orgId), eq(storedFile.ownerType, ownerType), isNull(storedFile.ownerId), inArray(storedFile.id, unique)))
    .returning({ id: storedFile.id });
  if (rows.length !== unique.length) throw fieldError('photoIds', '照片不存在或已被使用，请重新上传');
}

/** A file's bytes for those allowed to see its owner (the caller checks the owner). */
export async function fileBytes(db: Executor, where: { id: string; orgId: string; ownerTypes: string[]; ownerId?: string }) {
  const [row] = await db
    .select({ mime: storedFile.mime, bytes: storedFile.bytes, ownerType: storedFile.ownerType, ownerId: storedFile.ownerId })
    .from(storedFile)
    .where(
      and(
        eq(storedFile.id, where.id),
        eq(storedFile.orgId, where.orgId),
        inArray(storedFile.ownerType, where.ownerTypes),
        where.ownerId ? eq(storedFile.ownerId, where.ownerId) : undefined,
      ),
    );
  if (!row) throw notFound('图片不存在');
  return row;
}

/** Photos uploaded by a member or staff for an answer (ownerType request_answer). */
export async function uploadAnswerPhoto(ctx: Ctx, raw: Buffer) {
  const actor = requireAnyAccess(ctx.actor, ['request.answer', 'request.manage']);
  return storePhoto(ctx.db, actor.orgId, 'request_answer', raw, ctx.clock.now());
}

/** A concern's or an answer's photo, for the org's staff, leaders and members. */
export async function readFileFor(ctx: Ctx, id: string) {
  const actor = requireAnyAccess(ctx.actor, ['request.read', 'request.answer']);
  return fileBytes(ctx.db, { id, orgId: actor.orgId, ownerTypes: ['request', 'request_answer'] });
}

/** Uploads never attached (a resident gave up, a report was never saved) are removed after a day, whatever they were for. */
export async function deleteOrphanUploads(db: Executor, now: Date) {
  const rows = await db
    .delete(storedFile)
    .where(and(isNull(storedFile.ownerId), lt(storedFile.createdAt, new Date(now.getTime() - 86_400_000))))
    .returning({ id: storedFile.id });
  return rows.length;
}

/** Photos of several owners at once: ownerId → photos (one query). */
export async function photosOf(db: Executor, ownerType: PhotoOwner, ownerIds: string[]) {
  const map = new Map<string, { id: string; width: number | null; height: number | null }[]>();
  if (!ownerIds.length) return map;
  const rows = await db
    .select({ id: storedFile.id, ownerId: storedFile.ownerId, width: storedFile.width, height: storedFile.height })
    .from(storedFile)
    .where(and(eq(storedFile.ownerType, ownerType), inArray(storedFile.ownerId, ownerIds)))
    .orderBy(storedFile.createdAt, sql`${storedFile.id}`);
  for (const r of rows) map.set(r.ownerId!, [...(map.get(r.ownerId!) ?? []), { id: r.id, width: r.width, height: r.height }]);
  return map;
}
