import { fork, spawn, type ChildProcess } from 'node:child_process';

/** A start-up phase ended because the server was asked to stop (SIGINT/SIGTERM), not because it failed. */
export class StoppedError extends Error {
  constructor() {
    super('已停止');
  }
}

export interface ChildRun {
  /** aborting kills the child (SIGTERM) and rejects with StoppedError */
  signal: AbortSignal;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** messages the child sends (forked children only) */
  onMessage?: (message: unknown) => void;
}

/**
 * Runs one-off start-up work in a child process, so the memory it takes (the web build, PostgreSQL's
 * initdb in WebAssembly) goes back to the system when it exits instead of staying in the server.
 * Resolves when the child exits 0; rejects with its last output lines otherwise.
 */
function run(child: ChildProcess, what: string, opts: ChildRun) {
  return new Promise<void>((resolve, reject) => {
    let output = '';
    const keep = (d: Buffer) => (output = (output + d.toString()).slice(-8000));
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    if (opts.onMessage) child.on('message', opts.onMessage);
    const abort = () => child.kill('SIGTERM');
    opts.signal.addEventListener('abort', abort, { once: true });
    child.on('error', (err) => reject(new Error(`${what}无法启动：${err.message}`)));
    // 'close' comes after the output is drained
    child.on('close', (code, sig) => {
      opts.signal.removeEventListener('abort', abort);
      if (code === 0) return resolve();
      // stopped by us, or by the same Ctrl-C / SIGTERM that reached the whole process group
      if (opts.signal.aborted || sig === 'SIGINT' || sig === 'SIGTERM') return reject(new StoppedError());
      reject(new Error(`${what}失败（退出码 ${code ?? sig}）：\n${output.trim().split('\n').slice(-20).join('\n')}`));
    });
    if (opts.signal.aborted) abort();
  });
}

/** A Node script (e.g. a bundler's command line) in a child process. */
export const runNode = (script: string, args: string[], what: string, opts: ChildRun) =>
  run(spawn(process.execPath, [script, ...args], { env: opts.env ?? process.env, cwd: opts.cwd, stdio: ['ignore', 'pipe', 'pipe'] }), what, opts);

/** One of our own TypeScript modules in a child process (same loader as this one: `--import tsx`). */
export const runModule = (module: string, args: string[], what: string, opts: ChildRun) =>
  run(fork(module, args, { env: opts.env ?? process.env, cwd: opts.cwd, stdio: ['ignore', 'pipe', 'pipe', 'ipc'] }), what, opts);
