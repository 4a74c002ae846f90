import { describe, expect, it } from 'vitest';
import { aesGcmFieldCrypto, maskPhone, maskPhoneText } from './crypto.js';

const KEY = '00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff';

describe('field encryption', () => {
  const c = aesGcmFieldCrypto(KEY);
  it('round-trips with a fresh nonce each time and never stores the plain text', () => {
    const a = c.encrypt('13872600011');
    expect(a).not.toContain('13872600011');
    expect(c.encrypt('13872600011')).not.toBe(a);
    expect(c.decrypt(a)).toBe('13872600011');
  });
  it('reads values written before the switch to node:crypto (same a1 layout: nonce | ciphertext | tag)', () => {
    expect(c.decrypt('a1:AQIDBAUGBwgJCgsMjXPopI1hloIl2rCHch6T5hEEWPQhMKu2vZYV')).toBe('13872600011');
  });
  it('refuses a tampered value and another key', () => {
    const sealed = c.encrypt('420525197205183526');
    const raw = Buffer.from(sealed.slice(3), 'base64');
    raw[14] ^= 1;
    expect(() => c.decrypt(`a1:${raw.toString('base64')}`)).toThrow();
    expect(() => aesGcmFieldCrypto('ff'.repeat(32)).decrypt(sealed)).toThrow();
  });
  it('keys the blind index, so equal numbers match and the hash alone reveals nothing', () => {
    expect(c.blindIndex('13872600011')).toBe(c.blindIndex('13872600011'));
    expect(aesGcmFieldCrypto('ff'.repeat(32)).blindIndex('13872600011')).not.toBe(c.blindIndex('13872600011'));
    expect(maskPhone('13872600011')).toBe('138****0011');
  });
  it('masks a phone as typed, always hiding at least 4 digits', () => {
    expect(maskPhoneText('0717-3812345')).toBe('071****2345');
    expect(maskPhoneText('0717-38123456')).toBe('071*****3456');
    // a landline without its area code: 3+4 would show 7 of its 8 digits
    expect(maskPhoneText('3812 3456')).toBe('****3456');
    expect(maskPhoneText('3812345')).toBe('****345');
    expect(maskPhoneText('')).toBe('');
  });
});
