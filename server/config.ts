import { isIP } from 'node:net';
import path from 'node:path';

/**
 * Which peers may tell us the client's address (X-Forwarded-For): nobody (`false`), the last N hops
 * (`number`), or the proxies at these addresses and networks (`string[]`, IPs, CIDRs, or the names
 * `loopback`, `linklocal`, `uniquelocal`). The client's address is the right-most one not trusted.
 */
export type TrustProxy = false | number | string[];

/** Everything the server reads from the environment, read in one place. */
export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  /** 32-byte key (hex) for field encryption; generated into the data dir when absent. */
  fieldKey: string | undefined;
  /** The reverse proxies in front of the server (XIESHANG_TRUST_PROXY). */
  trustProxy: TrustProxy;
  logLevel: string;
}

/** A setting the server cannot start with; the message says which and what is expected, in Chinese and English. */
export class ConfigError extends Error {}

const MAX_HOPS = 10;
const NAMED_RANGES = new Set(['loopback', 'linklocal', 'uniquelocal']);

const isProxyAddress = (entry: string) => {
  if (NAMED_RANGES.has(entry)) return true;
  const [ip, prefix, ...rest] = entry.split('/');
  const family = isIP(ip);
  if (!family || rest.length) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
};

/** XIESHANG_TRUST_PROXY: unset or 0 = no proxy; 1–10 = that many proxy hops; otherwise a comma-separated list of proxy addresses. */
export function parseTrustProxy(value: string | undefined): TrustProxy {
  const v = value?.trim() ?? '';
  if (v === '' || v === '0') return false;
  if (/^\d+$/.test(v)) {
    const hops = Number(v);
    if (hops <= MAX_HOPS) return hops;
  } else {
    const entries = v.split(',').map((e) => e.trim());
    if (entries.every(isProxyAddress)) return entries;
  }
  throw new ConfigError(
    `环境变量 XIESHANG_TRUST_PROXY 的值“${v}”无效：应为服务前反向代理的层数（1–${MAX_HOPS}，如 1 表示一层 nginx），` +
      `或以逗号分隔的代理地址或网段（如 127.0.0.1 或 10.0.0.0/8,192.168.1.10）；不经代理时不要设置。\n` +
      `Invalid XIESHANG_TRUST_PROXY "${v}": expected the number of reverse proxies in front of the server (1–${MAX_HOPS}, e.g. 1 for one nginx) ` +
      `or a comma-separated list of proxy addresses or CIDRs (e.g. 127.0.0.1 or 10.0.0.0/8,192.168.1.10); leave it unset without a proxy.`,
  );
}

/** Reads the environment; throws a ConfigError on a value the server cannot run with. */
export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    port: Number(env.PORT ?? 3000),
    host: env.HOST ?? '0.0.0.0',
    dataDir: path.resolve(env.XIESHANG_DATA_DIR ?? 'data'),
    databaseUrl: env.DATABASE_URL || undefined,
    fieldKey: env.XIESHANG_FIELD_KEY || undefined,
    trustProxy: parseTrustProxy(env.XIESHANG_TRUST_PROXY),
    logLevel: env.LOG_LEVEL ?? 'info',
  };
}

/** readConfig for the server's entry point: a bad value stops the process with its message, before anything starts. */
export function readConfigOrExit(env: NodeJS.ProcessEnv = process.env): Config {
  try {
    return readConfig(env);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    console.error(`\n启动失败：${err.message}\n`);
    process.exit(1);
  }
}
