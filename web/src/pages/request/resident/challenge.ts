/**
 * The self-hosted challenge (人机验证, ALTCHA v2 proof of work) solved in the browser: the server
 * sends a challenge with 428 CHALLENGE_REQUIRED (details[0].message, JSON); the page finds the
 * counter with SHA-256 and sends the payload back with the concern or the photo. SHA-256 runs in plain
 * JavaScript (@noble/hashes): crypto.subtle is missing on plain HTTP, and its one promise per hash makes it several
 * times slower for these tiny inputs; Web Crypto only for another algorithm the server may choose.
 */
import { solveChallenge, type Challenge, type ChallengeParameters, type Payload } from 'altcha-lib';
import { deriveKey as webDeriveKey } from 'altcha-lib/algorithms/web/sha';
import { ApiError } from '../../../api/client';
import { sha256 } from '@noble/hashes/sha2.js';

/** The challenge carried by a 428 answer, or null when the error is something else. */
export function challengeOf(e: unknown): Challenge | null {
  if (!(e instanceof ApiError) || e.status !== 428 || e.code !== 'CHALLENGE_REQUIRED') return null;
  const raw = e.details.find((d) => d.path === 'challenge')?.message ?? e.details[0]?.message;
  try {
    const c = JSON.parse(raw ?? '') as Challenge;
    return c && typeof c === 'object' && c.parameters ? c : null;
  } catch {
    return null;
  }
}

/** The same key derivation as altcha-lib's (cost rounds of SHA-256 over salt‖password), in plain JS. */
export async function jsDeriveKey(parameters: ChallengeParameters, salt: Uint8Array, password: Uint8Array) {
  let key = new Uint8Array(salt.length + password.length);
  key.set(salt);
  key.set(password, salt.length);
  for (let i = 0; i < Math.max(1, parameters.cost); i++) key = new Uint8Array(sha256(key));
  return { parameters: {}, derivedKey: key.slice(0, parameters.keyLength ?? 32) };
}

/** Solves it (about a second on a phone) and returns the payload the server takes: base64 of JSON. */
export async function solve(challenge: Challenge, timeoutMs = 60_000): Promise<string> {
  const deriveKey = challenge.parameters.algorithm === 'SHA-256' ? jsDeriveKey : webDeriveKey;
  if (deriveKey === webDeriveKey && !globalThis.crypto?.subtle) throw new ApiError(0, 'NO_CRYPTO', '当前浏览器不支持安全验证，请使用系统浏览器打开');
  const solution = await solveChallenge({ challenge, deriveKey, timeout: timeoutMs });
  if (!solution) throw new ApiError(0, 'CHALLENGE_TIMEOUT', '安全验证超时，请稍后重新提交');
  const payload: Payload = { challenge: { parameters: challenge.parameters, signature: challenge.signature }, solution };
  return btoa(JSON.stringify(payload));
}

/**
 * Sends a request; when the server asks for the challenge (428), solves it in the page and sends
 * again with the payload (a spent or expired one brings a fresh challenge: at most 3 rounds).
 */
export async function sendWithChallenge<T>(send: (challenge: string | undefined) => Promise<T>, onVerifying: (on: boolean) => void): Promise<T> {
  let challenge: string | undefined;
  for (let round = 0; ; round++) {
    try {
      return await send(challenge);
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
