import { randomInt } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';

export { passwordProblem } from './password.policy.js';

export const hashPassword = (password: string) => hash(password);
export const verifyPassword = (passwordHash: string, password: string) => verify(passwordHash, password).catch(() => false);

/** A temporary password that meets the policy, for new accounts and resets (must be changed at first sign-in). */
export function temporaryPassword(): string {
  const pick = (s: string) => s[randomInt(s.length)];
  const upper = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
  const lower = 'abcdefghijkmnpqrstuvwxyz';
  const digits = '23456789';
  const chars = [pick(upper), pick(upper), pick(lower), pick(lower), pick(lower), pick(digits), pick(digits), pick(digits), pick('@#%+')];
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j], chars[i]];
  }
  return chars.join('');
}

/** Normalises a mainland mobile number: strips spaces, dashes and a +86 prefix. */
export const normalisePhone = (raw: string) => raw.replace(/[\s-]/g, '').replace(/^(\+?86)(?=1\d{10}$)/, '');
export const PHONE_RE = /^1[3-9]\d{9}$/;
