import { normalizeIP } from '@fastify/rate-limit';

/** The IPv6 network a home or a phone is given (a /64, or larger), inside which it picks its addresses freely. */
const IPV6_NETWORK_BITS = 64;

/**
 * A caller's address as the per-address limits count it: an IPv4 address as it is (also written as IPv6,
 * ::ffff:a.b.c.d), an IPv6 address by its /64 network (2001:db8:1:2::). The one definition for the sign-in
 * rate limit and the residents' limits (raising concerns, photo uploads, follows); the audit log keeps the
 * exact address. @fastify/rate-limit's normalizeIP, so the plugin's own keys and ours never differ.
 */
export const addressKey = (ip: string) => normalizeIP(ip, IPV6_NETWORK_BITS);
