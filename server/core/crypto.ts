import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Field encryption for personal data (phone and ID numbers). AES-256-GCM (OpenSSL, through node:crypto)
 * with a random nonce per value, stored as a1:base64(nonce | ciphertext | tag); a keyed HMAC ("blind index") lets us look a value up and keep it unique without storing it.
 * Chosen in one place: an SM4 provider for 国密 deployments plugs in behind the same interface.
 */
export interface FieldCrypto {
  encrypt(plain: string): string;
  decrypt(stored: string): string;
  /** Deterministic keyed hash for look-ups; never reversible. */
  blindIndex(plain: string): string;
}

export function aesGcmFieldCrypto(keyHex: string): FieldCrypto {
  const key = Buffer.from(keyHex, 'hex');
  if (key.length !== 32) throw new Error('XIESHANG_FIELD_KEY 必须是 64 位十六进制（32 字节）');
  const encKey = createHash('sha256').update(key).update('enc').digest();
  const macKey = createHash('sha256').update(key).update('mac').digest();
  return {
    encrypt(plain) {
      const nonce = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', encKey, nonce);
      const sealed = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final(), cipher.getAuthTag()]);
      return `a1:${Buffer.concat([nonce, sealed]).toString('base64')}`;
    },
    decrypt(stored) {
      if (!stored.startsWith('a1:')) throw new Error('unknown field cipher');
      const raw = Buffer.from(stored.slice(3), 'base64');
      const decipher = createDecipheriv('aes-256-gcm', encKey, raw.subarray(0, 12));
      decipher.setAuthTag(raw.subarray(raw.length - 16));
      return Buffer.concat([decipher.update(raw.subarray(12, raw.length - 16)), decipher.final()]).toString('utf8');
    },
    blindIndex(plain) {
      return createHmac('sha256', macKey).update(plain).digest('base64url');
    },
  };
}

/**
 * What every provider's stored value starts with: its scheme tag and a colon (a1: AES-GCM; an SM4 provider
 * its own). A phone or ID number in clear never does, so SQL can tell values still in clear by this pattern.
 */
export const CIPHERTEXT_PATTERN = '^[a-z][a-z0-9]*:';

/** The key comes from XIESHANG_FIELD_KEY, or from `<dataDir>/field.key`, created on first start. */
export function loadFieldKey(configured: string | undefined, dataDir: string): string {
  if (configured) return configured;
  const file = path.join(dataDir, 'field.key');
  if (fs.existsSync(file)) return fs.readFileSync(file, 'utf8').trim();
  fs.mkdirSync(dataDir, { recursive: true });
  const key = randomBytes(32).toString('hex');
  fs.writeFileSync(file, key, { mode: 0o600 });
  return key;
}

export const sha256 = (s: string) => createHash('sha256').update(s).digest('base64url');
export const randomToken = (bytes = 32) => randomBytes(bytes).toString('base64url');

/**
 * 13812345678 → 138****5678: at most the first 3 and last 4 digits, and always at least 4 hidden, so a
 * shorter number (a landline without its area code: 38123456 → ****3456) is never shown nearly whole.
 */
export const maskPhone = (phone: string) => {
  const shown = Math.max(0, phone.length - 4);
  const tail = Math.min(4, shown);
  const head = Math.min(3, shown - tail);
  return `${phone.slice(0, head)}${'*'.repeat(phone.length - head - tail)}${tail ? phone.slice(-tail) : ''}`;
};
/** A phone as typed (0717-3812345, 139 1234 5678) → its digits masked the same way; '' stays ''. */
export const maskPhoneText = (text: string) => (text.trim() ? maskPhone(text.replace(/\D/g, '')) : '');
