import net from 'node:net';
import { expect, it } from 'vitest';

it('fails any test that reaches outside this machine', () => {
  expect(() => net.connect({ host: '93.184.216.34', port: 80 })).toThrow('测试不得访问外部网络');
  const local = net.connect({ host: '127.0.0.1', port: 9 });
  local.on('error', () => undefined);
  local.destroy();
});
