import net from 'node:net';

/** A start-up problem the user can fix, told in one message (no stack trace). */
export class StartProblem extends Error {}

/** The listen error explained: which port or address, and how to choose another. */
export function listenProblem(err: NodeJS.ErrnoException, port: number, host: string): Error {
  const other = port === 3000 ? 3001 : 3000;
  if (err.code === 'EADDRINUSE')
    return new StartProblem(`端口 ${port} 已被占用（另一个协商服务或其他程序正在使用它）。\n请先停止那个程序，或换一个端口启动，如：PORT=${other} npm start`);
  if (err.code === 'EACCES')
    return new StartProblem(`没有权限使用端口 ${port}（1024 以下的端口需要管理员权限）。\n请换一个端口启动，如：PORT=${other} npm start`);
  if (err.code === 'EADDRNOTAVAIL' || err.code === 'ENOTFOUND')
    return new StartProblem(`本机没有地址 ${host}，无法在它上面监听。\n请检查 HOST，如：HOST=0.0.0.0 npm start（所有地址）`);
  return err;
}

/**
 * Fails at once, before the web build, the database and the demo, when the server could not listen:
 * opens the port the server will use and closes it again.
 */
export const checkPort = (port: number, host: string) =>
  new Promise<void>((resolve, reject) => {
    if (!Number.isInteger(port) || port < 1 || port > 65535) return reject(new StartProblem(`PORT=${process.env.PORT} 不是有效的端口号（1–65535），如：PORT=3000 npm start`));
    const probe = net.createServer();
    probe.once('error', (err) => reject(listenProblem(err, port, host)));
    probe.listen({ port, host, exclusive: true }, () => probe.close(() => resolve()));
  });
