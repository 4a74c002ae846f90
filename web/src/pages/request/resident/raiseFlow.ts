import type { RaiseBody } from '@server/modules/request/request.schema';
import { ApiError } from '../../../api/client';
import { sendWithChallenge } from './challenge';
import { raise, type RaiseResult } from './residentApi';

/** Submits a concern, solving the challenge in the page when the server asks for it. */
export const raiseWithChallenge = (regionCode: string, body: Omit<RaiseBody, 'challenge'>, onVerifying: (on: boolean) => void): Promise<RaiseResult> =>
  sendWithChallenge((challenge) => raise(regionCode, { ...body, challenge }), onVerifying);

/** The form's field for each body field the server may complain about. */
const FIELD_OF: Record<string, string> = { categoryId: 'category', placeId: 'place', title: 'title', content: 'content', name: 'name', phone: 'phone', consent: 'consent', photoIds: 'photos' };

/** Field errors to put on the form, and the message for everything else (null when all went on fields). */
export function splitErrors(e: unknown): { fields: { name: string; errors: string[] }[]; message: string | null } {
  if (!(e instanceof ApiError)) return { fields: [], message: '提交失败，请稍后重试' };
  const fields = e.details.flatMap((d) => {
    const name = FIELD_OF[d.path.split('.')[0]];
    return name ? [{ name, errors: [d.message] }] : [];
  });
  return { fields, message: fields.length && e.status === 400 ? null : e.message };
}

/** 13812345678, also 138-1234-5678, 138 1234 5678 or +86 13812345678 (the server's own reading). */
export const normalPhone = (v: string) => v.replace(/[\s-]/g, '').replace(/^\+?86(?=1\d{10}$)/, '');
export const phoneOk = (v: string) => /^1[3-9]\d{9}$/.test(normalPhone(v));
