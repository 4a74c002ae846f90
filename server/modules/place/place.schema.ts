import { z } from 'zod';

export const PLACE_KINDS = ['township', 'village', 'community'] as const;
export type PlaceKind = (typeof PLACE_KINDS)[number];
export const PLACE_KIND_LABELS: Record<PlaceKind, string> = { township: '乡镇', village: '村', community: '社区' };

const placeName = z.string().trim().min(2, '地名至少 2 个字').max(20, '地名不超过 20 个字');

/** Adds one township, or several villages/communities under one township at once (a pasted list). */
export const PlaceCreateBody = z
  .object({
    parentId: z.uuid({ message: '所属乡镇编号无效' }).nullable().default(null),
    kind: z.enum(PLACE_KINDS, { message: '类型只能是乡镇、村或社区' }),
    names: z.array(placeName, { message: '请填写地名' }).min(1, '请至少填写一个地名').max(100, '一次最多添加 100 个'),
  })
  .superRefine((b, c) => {
    if (b.kind === 'township' && b.parentId) c.addIssue({ code: 'custom', path: ['parentId'], message: '乡镇不属于其他地方' });
    if (b.kind !== 'township' && !b.parentId) c.addIssue({ code: 'custom', path: ['parentId'], message: '村、社区须选择所属乡镇' });
    const seen = new Set<string>();
    for (const [i, n] of b.names.entries()) {
      if (seen.has(n)) c.addIssue({ code: 'custom', path: ['names', i], message: `“${n}”重复填写` });
      seen.add(n);
    }
  });
export type PlaceCreateBody = z.infer<typeof PlaceCreateBody>;

export const PlaceUpdateBody = z.object({ name: placeName, sort: z.number().int().min(0).max(9999).optional() });
export type PlaceUpdateBody = z.infer<typeof PlaceUpdateBody>;

export const PlaceView = z.object({
  id: z.string(),
  parentId: z.string().nullable(),
  name: z.string(),
  kind: z.enum(PLACE_KINDS),
  sort: z.number(),
  /** 鸣凤镇东庄坪社区 */
  fullName: z.string(),
  /** the group that covers this place, if any */
  group: z.object({ id: z.string(), name: z.string() }).nullable(),
});
export type PlaceView = z.infer<typeof PlaceView>;
