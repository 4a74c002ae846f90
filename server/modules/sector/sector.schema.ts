import { z } from 'zod';
import { putOf } from '../../core/body.js';

export const SectorBody = z.object({
  name: z.string({ message: '请填写界别名称' }).trim().min(2, '界别名称至少 2 个字').max(20, '界别名称不超过 20 个字'),
  sort: z.number().int().min(0).max(999).default(0),
});
export type SectorBody = z.infer<typeof SectorBody>;
/** Changing a sector states it whole (its order too). */
export const SectorUpdateBody = putOf(SectorBody);
export type SectorUpdateBody = z.infer<typeof SectorUpdateBody>;

export const SectorView = z.object({ id: z.string(), name: z.string(), sort: z.number(), memberCount: z.number() });
export type SectorView = z.infer<typeof SectorView>;

export const CommitteeBody = z.object({
  name: z.string({ message: '请填写专委会全称' }).trim().min(4, '专委会全称至少 4 个字').max(40, '专委会全称不超过 40 个字'),
  shortName: z.string({ message: '请填写简称' }).trim().min(2, '简称至少 2 个字').max(10, '简称不超过 10 个字'),
  sort: z.number().int().min(0).max(999).default(0),
  sectorIds: z.array(z.uuid({ message: '界别编号无效' })).max(30).default([]),
});
export type CommitteeBody = z.infer<typeof CommitteeBody>;
/** Changing a committee states it whole: sectors left out are refused, not unlinked. */
export const CommitteeUpdateBody = putOf(CommitteeBody);
export type CommitteeUpdateBody = z.infer<typeof CommitteeUpdateBody>;

export const CommitteeView = z.object({
  id: z.string(),
  name: z.string(),
  shortName: z.string(),
  sort: z.number(),
  sectors: z.array(z.object({ id: z.string(), name: z.string() })),
  memberCount: z.number(),
});
export type CommitteeView = z.infer<typeof CommitteeView>;
