import { z } from 'zod';

/**
 * The bodies of changes, derived from the create schema so a shape is written once.
 *
 * zod fills a `.default()` in even under `.partial()`, so `CreateBody.partial()` as a PATCH body
 * quietly resets every defaulted field a caller did not send. These helpers take the defaults off:
 * - `patchOf`: every field optional and without default (nested objects too) — a PATCH changes the
 *   fields sent and nothing else; the service merges (`mergePatch`) and checks the whole result
 *   against the full schema, so the object's own rules (refinements) are not part of the patch body;
 * - `putOf`: every field required (defaults and `.optional()` taken off, the object's rules kept) —
 *   a PUT states the whole record, so a field left out is refused rather than reset.
 */

/** A field's schema without `.default()`, `.prefault()` or `.optional()`. */
type Bare<T extends z.core.$ZodType> =
  T extends z.ZodDefault<infer I extends z.core.$ZodType>
    ? Bare<I>
    : T extends z.ZodPrefault<infer I extends z.core.$ZodType>
      ? Bare<I>
      : T extends z.ZodOptional<infer I extends z.core.$ZodType>
        ? Bare<I>
        : T;
type PatchField<T extends z.core.$ZodType> = Bare<T> extends z.ZodObject<infer S extends z.core.$ZodShape> ? z.ZodObject<PatchShape<S>> : Bare<T>;
export type PatchShape<S extends z.core.$ZodShape> = { -readonly [K in keyof S]: z.ZodOptional<PatchField<S[K]>> };
export type PutShape<S extends z.core.$ZodShape> = { -readonly [K in keyof S]: Bare<S[K]> };

const bare = (t: z.core.SomeType): z.ZodType =>
  t instanceof z.ZodDefault || t instanceof z.ZodPrefault || t instanceof z.ZodOptional ? bare(t.unwrap()) : (t as z.ZodType);

const mapShape = (shape: z.core.$ZodShape, f: (t: z.core.SomeType) => z.ZodType) => Object.fromEntries(Object.entries(shape).map(([k, v]) => [k, f(v)]));

/** The PATCH body of a create schema: each field may be sent alone; nothing is filled in. */
export function patchOf<S extends z.core.$ZodShape>(schema: z.ZodObject<S>): z.ZodObject<PatchShape<S>> {
  return z.object(
    mapShape(schema.shape, (t) => {
      const inner = bare(t);
      return (inner instanceof z.ZodObject ? patchOf(inner) : inner).optional();
    }),
  ) as unknown as z.ZodObject<PatchShape<S>>;
}

const MISSING = '缺少此项（修改须提交全部内容）';
/** The same field, saying in Chinese that it is missing (its own message, if it has one for that, stands). */
const required = (t: z.ZodType): z.ZodType => {
  if (t instanceof z.ZodNullable) return required(t.unwrap() as z.ZodType).nullable();
  const own = t._zod.def.error as z.core.$ZodErrorMap | undefined;
  const error: z.core.$ZodErrorMap = (issue) => own?.(issue) ?? (issue.input === undefined ? MISSING : undefined);
  return t.clone({ ...t._zod.def, error } as typeof t._zod.def);
};

/** The PUT body of a create schema: the whole record, every field stated (null where a field may be empty). */
export function putOf<S extends z.core.$ZodShape, C extends z.core.$ZodObjectConfig>(schema: z.ZodObject<S, C>): z.ZodObject<PutShape<S>, C> {
  return schema.safeExtend(mapShape(schema.shape, (t) => required(bare(t))) as never) as unknown as z.ZodObject<PutShape<S>, C>;
}

const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date);

/** What a patch may hold for a record: any of its fields, nested objects in part. */
export type Patch<T> = { [K in keyof T]?: T[K] extends unknown[] ? T[K] : T[K] extends object ? Patch<T[K]> : T[K] };

/**
 * `patch` over `base`: only the keys present in `patch` change; nested objects merge key by key;
 * arrays and other values are replaced whole. `undefined` (a key zod saw absent) changes nothing.
 */
export function mergePatch<T>(base: T, patch: Patch<T> | undefined): T {
  if (!patch || !isRecord(base)) return base;
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(patch)) {
    if (v === undefined) continue;
    out[k] = isRecord(v) && isRecord(out[k]) ? mergePatch(out[k], v) : v;
  }
  return out as T;
}
