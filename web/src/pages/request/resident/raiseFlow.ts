import type { RaiseBody } from '@server/modules/request/request.schema';
import { ApiError } from '../../../api/client';
import { challengeOf, solve } from './challenge';
import { raise, type RaiseResult } from './residentApi';

/**
 * Submits a concern; when the server asks for the challenge (428), solves it in the page and
 * submits again with the payload (a spent or expired one brings a fresh challenge: at most 3 rounds).
 */
export async function raiseWithChallenge(regionCode: string, body: Omit<RaiseBody, 'challenge'>, onVerifying: (on: boolean) => void): Promise<RaiseResult> {
  let challenge: string | undefined;
  for (let round = 0; ; round++) {
    try {
      return await raise(regionCode, { ...body, challenge });
    } catch (e) {
      const c = challengeOf(e);
      if (!c || round >= 2) throw e;
      onVerifying(true);
      try {
        challenge = await solve(c);
      } finally {
        onVerifying(false);
      }
    }
  }
}

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
