import path from 'node:path';

/** Everything the server reads from the environment, read in one place. */
export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  /** 32-byte key (hex) for field encryption; generated into the data dir when absent. */
  fieldKey: string | undefined;
  /** Trust X-Forwarded-For (behind a reverse proxy). */
  trustProxy: boolean;
  logLevel: string;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    port: Number(env.PORT ?? 3000),
    host: env.HOST ?? '0.0.0.0',
    dataDir: path.resolve(env.XIESHANG_DATA_DIR ?? 'data'),
    databaseUrl: env.DATABASE_URL || undefined,
    fieldKey: env.XIESHANG_FIELD_KEY || undefined,
    trustProxy: env.XIESHANG_TRUST_PROXY === '1',
    logLevel: env.LOG_LEVEL ?? 'info',
  };
}
