import { randomInt } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';

/**
 * Password policy (等保三级): at least 8 characters, at least 3 of the 4 character classes
 * (upper case, lower case, digits, symbols), and not containing the login name.
 * Returns the Chinese reason it fails, or null when it passes.
 */
export function passwordProblem(password: string, loginName: string): string | null {
  if (password.length < 8) return '密码至少 8 位';
  if (password.length > 64) return '密码不超过 64 位';
  const classes = [/[A-Z]/, /[a-z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  if (classes < 3) return '密码须包含大写字母、小写字母、数字、符号中的至少三类';
  if (loginName && password.toLowerCase().includes(loginName.toLowerCase())) return '密码不能包含登录名';
  return null;
}

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
