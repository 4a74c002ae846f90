import net from 'node:net';

/** Any outbound network call in a test fails it: only loopback (our own servers and PostgreSQL) is allowed. */
const LOCAL = /^(127\.|::1$|localhost$|::ffff:127\.)/;
const original = net.Socket.prototype.connect;
net.Socket.prototype.connect = function (this: net.Socket, ...args: unknown[]) {
  const first = args[0];
  const opts = (Array.isArray(first) ? first[0] : first) as { host?: string; path?: string; port?: number } | number | string;
  const host = typeof opts === 'object' && opts !== null ? (opts.path ? 'localhost' : (opts.host ?? 'localhost')) : typeof args[1] === 'string' ? args[1] : 'localhost';
  if (!LOCAL.test(host)) throw new Error(`测试不得访问外部网络：${host}`);
  return (original as (...a: unknown[]) => net.Socket).apply(this, args);
} as typeof net.Socket.prototype.connect;
