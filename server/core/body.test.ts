import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { MemberBody, MemberUpdateBody } from '../modules/member/member.schema.js';
import { mergePatch, patchOf, putOf } from './body.js';

const Rules = z
  .object({
    name: z.string().min(2),
    sort: z.number().int().default(0),
    active: z.boolean().default(true),
    tags: z.array(z.string()).default([]),
    note: z.string().optional(),
    calendar: z.object({ holidays: z.array(z.string()), workdays: z.array(z.string()) }).refine((c) => !c.holidays.some((d) => c.workdays.includes(d)), 'overlap'),
  })
  .refine((r) => r.sort < 100, 'sort too high');

describe('PATCH and PUT bodies derived from a create schema', () => {
  it('a PATCH body fills in nothing: the member form’s defaults stay out of a phone change', () => {
    expect(MemberBody.partial().parse({ phone: '13800000001' })).toMatchObject({ ethnicity: '汉族', standing: false, committeeIds: [] }); // what went wrong
    expect(MemberUpdateBody.parse({ phone: '13800000001' })).toEqual({ phone: '13800000001' });
    expect(MemberUpdateBody.parse({})).toEqual({});
  });

  it('a PATCH body checks each field sent, nested objects in part, and leaves the whole-record rules to the service', () => {
    const P = patchOf(Rules);
    expect(P.parse({ calendar: { holidays: ['2026-03-05'] } })).toEqual({ calendar: { holidays: ['2026-03-05'] } });
    expect(P.parse({ sort: 500 })).toEqual({ sort: 500 }); // the object's rule is the service's, on the merged record
    expect(P.safeParse({ name: 'x' }).success).toBe(false);
    expect(P.safeParse({ sort: 1.5 }).success).toBe(false);
    expect(P.safeParse({ calendar: { workdays: 'no' } }).success).toBe(false);
  });

  it('a PUT body requires the whole record and keeps the object’s rules', () => {
    const P = putOf(Rules);
    const whole = { name: '经济界', sort: 1, active: false, tags: [], note: '', calendar: { holidays: [], workdays: [] } };
    expect(P.parse(whole)).toEqual(whole);
    const { active: _, ...withoutActive } = whole;
    const missing = P.safeParse(withoutActive);
    expect(missing.success).toBe(false);
    expect(missing.error?.issues.map((i) => [i.path, i.message])).toEqual([[['active'], '缺少此项（修改须提交全部内容）']]);
    expect(putOf(z.object({ on: z.boolean({ message: '请说明是否启用' }).default(true) })).safeParse({}).error?.issues[0].message).toBe('请说明是否启用');
    expect(putOf(z.object({ id: z.uuid().nullable().default(null) })).safeParse({}).error?.issues[0].message).toBe('缺少此项（修改须提交全部内容）');
    expect(P.safeParse({ ...whole, sort: 'x' }).error?.issues[0].message).not.toBe('缺少此项（修改须提交全部内容）');
    expect(P.safeParse({ ...whole, note: undefined }).success).toBe(false);
    expect(P.safeParse({ ...whole, sort: 100 }).error?.issues[0].message).toBe('sort too high');
    // the create body keeps its defaults
    expect(Rules.parse({ name: '经济界', calendar: { holidays: [], workdays: [] } })).toMatchObject({ sort: 0, active: true, tags: [] });
  });

  it('merges a patch key by key, nested objects too, arrays whole', () => {
    const base = { a: 1, b: [1, 2], c: { x: 1, y: [1] }, d: null as string | null };
    expect(mergePatch(base, { c: { y: [2] } })).toEqual({ a: 1, b: [1, 2], c: { x: 1, y: [2] }, d: null });
    expect(mergePatch(base, { b: [3], d: 'z', a: undefined })).toEqual({ a: 1, b: [3], c: { x: 1, y: [1] }, d: 'z' });
    expect(mergePatch(base, undefined)).toBe(base);
    expect(base.c.y).toEqual([1]);
  });
});
