import fs from 'node:fs';
import path from 'node:path';

export interface DataDirLock {
  release(): void;
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/**
 * PGlite is a single-process database: two servers on one data dir would corrupt it. The first
 * server holds `<dataDir>/xieshang.pid`; a second one is refused with a clear message. A lock left by
 * a process that died is taken over.
 */
export function acquireDataDirLock(dataDir: string): DataDirLock {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, 'xieshang.pid');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(file, String(process.pid), { flag: 'wx' });
      return {
        release: () => {
          if (fs.existsSync(file) && fs.readFileSync(file, 'utf8') === String(process.pid)) fs.rmSync(file);
        },
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const pid = Number(fs.readFileSync(file, 'utf8'));
      if (pid && pid !== process.pid && alive(pid)) {
        throw new Error(
          `数据目录 ${dataDir} 正被另一个协商服务（进程号 ${pid}）使用。\n` +
            `请先停止那个服务（Ctrl-C），或用 XIESHANG_DATA_DIR 指定另一个数据目录。`,
        );
      }
      fs.rmSync(file, { force: true });
    }
  }
  throw new Error(`无法锁定数据目录 ${dataDir}`);
}
