import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../test/harness.js';
import { addressKey } from './address.js';

describe('the address the limits count', () => {
  it('is an IPv6 address’s /64 network: every address a home or phone may pick in it is one', () => {
    expect(addressKey('2001:db8:1:2::a')).toBe(addressKey('2001:db8:1:2:ffff:ffff:ffff:fffe'));
    expect(addressKey('2001:db8:1:2::a')).toBe(addressKey('2001:DB8:1:2:0:0:0:B'));
    expect(addressKey('2001:db8:1:2::a')).not.toBe(addressKey('2001:db8:1:3::a'));
  });
  it('is the IPv4 address itself, also when written as IPv6', () => {
    expect(addressKey('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(addressKey('::ffff:cb00:7107')).toBe('203.0.113.7');
    expect(addressKey('203.0.113.7')).not.toBe(addressKey('203.0.113.8'));
  });
});

describe('the sign-in rate limit', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp({ loginRateLimit: 3 });
  });
  afterAll(() => t.close());
  const login = (remoteAddress: string) => t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { identifier: 'nobody', password: 'Wrong-password-1' }, remoteAddress });

  it('counts an IPv6 client by its /64, however it changes its address inside it; another /64 is not held up', async () => {
    for (const ip of ['2001:db8:7:1::1', '2001:db8:7:1::2', '2001:db8:7:1:a:b:c:d']) expect((await login(ip)).statusCode).toBe(401);
    const limited = await login('2001:db8:7:1:ffff::9');
    expect(limited.statusCode).toBe(429);
    expect(limited.json().error.code).toBe('RATE_LIMITED');
    expect((await login('2001:db8:7:2::1')).statusCode).toBe(401);
  });

  it('counts an IPv4 address written as IPv6 as that address', async () => {
    for (const ip of ['198.51.100.4', '::ffff:198.51.100.4', '198.51.100.4']) expect((await login(ip)).statusCode).toBe(401);
    expect((await login('::ffff:198.51.100.4')).statusCode).toBe(429);
  });
});
