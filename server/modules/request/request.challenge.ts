import { createChallenge, randomInt, verifySolution, type Challenge, type Payload } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/sha';
import { lt } from 'drizzle-orm';
import type { Clock } from '../../core/clock.js';
import type { Executor } from '../../core/context.js';
import type { FieldCrypto } from '../../core/crypto.js';
import { AppError } from '../../core/errors.js';
import { challengeUse } from './request.table.js';

/**
 * The self-hosted challenge (人机验证) asked for when a phone or an address nears its limits:
 * ALTCHA proof of work, no third-party service. The browser finds the counter (a few thousand
 * SHA-256 rounds, about a second on a phone); the server checks the signed key in one HMAC.
 * A solved challenge is used once: its signature goes into challenge_use until it expires.
 */
const ALGORITHM = 'SHA-256';
const COST = 4;
const COUNTER_MIN = 2_000;
const COUNTER_MAX = 8_000;
const TTL_MS = 10 * 60_000;

type Deps = { crypto: FieldCrypto; clock: Clock };
/** HMAC keys derived from the field key: every process of one deployment agrees, nothing to configure. */
const keys = (crypto: FieldCrypto) => ({ sig: crypto.blindIndex('altcha-hmac-key'), key: crypto.blindIndex('altcha-hmac-key:derived') });

export async function newChallenge(deps: Deps): Promise<Challenge> {
  const k = keys(deps.crypto);
  return createChallenge({
    algorithm: ALGORITHM,
    cost: COST,
    counter: randomInt(COUNTER_MAX, COUNTER_MIN),
    deriveKey,
    expiresAt: new Date(deps.clock.now().getTime() + TTL_MS),
    hmacSignatureSecret: k.sig,
    hmacKeySignatureSecret: k.key,
  });
}

/** 428 with a fresh challenge in details[0].message (JSON), so the page solves it and submits again. */
export async function challengeRequired(deps: Deps, message: string) {
  const challenge = await newChallenge(deps);
  return new AppError(428, 'CHALLENGE_REQUIRED', message, [{ path: 'challenge', message: JSON.stringify(challenge) }]);
}

/** The payload as the widget sends it (base64 of JSON) or as plain JSON. */
export function parsePayload(raw: string): Payload | null {
  for (const text of [raw, (() => { try { return Buffer.from(raw, 'base64').toString('utf8'); } catch { return ''; } })()]) {
    try {
      const p = JSON.parse(text) as Payload;
      if (p && typeof p === 'object' && p.challenge?.parameters && p.solution) return p;
    } catch {
      /* try the next form */
    }
  }
  return null;
}

/** Checks a solved challenge and spends it (in the caller's transaction). Throws 428 with a fresh one when it fails. */
export async function spendChallenge(db: Executor, deps: Deps, raw: string | undefined) {
  if (!raw) throw await challengeRequired(deps, '提交较频繁，请先完成人机验证');
  const payload = parsePayload(raw);
  const expiresAt = payload?.challenge.parameters.expiresAt;
  const now = deps.clock.now().getTime();
  if (!payload || !payload.challenge.signature || !expiresAt || expiresAt * 1000 < now) throw await challengeRequired(deps, '人机验证已失效，请重新验证');
  const k = keys(deps.crypto);
  const result = await verifySolution({ challenge: payload.challenge, solution: payload.solution, deriveKey, hmacSignatureSecret: k.sig, hmacKeySignatureSecret: k.key });
  if (!result.verified) throw await challengeRequired(deps, '人机验证未通过，请重新验证');
  const used = await db
    .insert(challengeUse)
    .values({ signature: payload.challenge.signature, expiresAt: new Date(expiresAt * 1000) })
    .onConflictDoNothing()
    .returning({ signature: challengeUse.signature });
  if (!used.length) throw await challengeRequired(deps, '该人机验证已使用过，请重新验证');
}

export async function purgeChallenges(db: Executor, now: Date) {
  const rows = await db.delete(challengeUse).where(lt(challengeUse.expiresAt, now)).returning({ s: challengeUse.signature });
  return rows.length;
}
