// Throwaway redis-servers for the store tests: 127.0.0.1 only, ephemeral ports, a temp dir, each
// process stopped by its PID (as bindings-python/tests/redis_server.py does).
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const LOOPBACK = '127.0.0.1';

export function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, LOOPBACK, () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

function ping(port) {
  return new Promise((resolve) => {
    const c = connect(port, LOOPBACK);
    let buf = '';
    c.on('connect', () => c.write('PING\r\n'));
    c.on('data', (d) => {
      buf += d;
      c.destroy();
      resolve(buf.startsWith('+PONG'));
    });
    c.on('error', () => resolve(false));
  });
}

async function waitPing(port, proc) {
  for (let i = 0; i < 200; i++) {
    if (proc.exitCode !== null) throw new Error(`redis-server on ${port} exited with ${proc.exitCode}`);
    if (await ping(port)) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`redis-server did not start on ${LOOPBACK}:${port}`);
}

function stopProc(proc) {
  return new Promise((resolve) => {
    if (proc.exitCode !== null || proc.signalCode !== null) return resolve();
    proc.once('exit', resolve);
    process.kill(proc.pid, 'SIGTERM');
  });
}

/** One standalone server: `{ port, url, stop() }`. */
export async function startRedis() {
  const dir = mkdtempSync(join(tmpdir(), 'jwtcore-redis-js-'));
  const port = await freePort();
  const proc = spawn('redis-server', ['--bind', LOOPBACK, '--port', String(port), '--protected-mode', 'yes', '--dir', dir, '--save', '', '--appendonly', 'no', '--daemonize', 'no'], { stdio: 'ignore' });
  await waitPing(port, proc);
  return {
    port,
    url: `redis://${LOOPBACK}:${port}`,
    async stop() {
      await stopProc(proc);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A 3-master Redis Cluster without replicas: `{ ports, stop() }`. */
export async function startCluster(masters = 3) {
  const dir = mkdtempSync(join(tmpdir(), 'jwtcore-cluster-js-'));
  const procs = [];
  const ports = [];
  try {
    for (let i = 0; i < masters; i++) {
      const port = await freePort();
      const bus = await freePort();
      const proc = spawn('redis-server', ['--bind', LOOPBACK, '--port', String(port), '--cluster-enabled', 'yes', '--cluster-port', String(bus), '--cluster-config-file', join(dir, `nodes-${port}.conf`), '--cluster-node-timeout', '2000', '--dir', dir, '--save', '', '--appendonly', 'no', '--protected-mode', 'yes', '--daemonize', 'no'], { stdio: 'ignore' });
      procs.push(proc);
      ports.push(port);
      await waitPing(port, proc);
    }
    execFileSync('redis-cli', ['--cluster', 'create', ...ports.map((p) => `${LOOPBACK}:${p}`), '--cluster-replicas', '0', '--cluster-yes'], { stdio: 'ignore', timeout: 60000 });
    for (const p of ports) {
      for (let i = 0; ; i++) {
        const info = execFileSync('redis-cli', ['-h', LOOPBACK, '-p', String(p), 'cluster', 'info'], { encoding: 'utf8' });
        if (info.includes('cluster_state:ok')) break;
        if (i > 300) throw new Error(`cluster not ok on ${p}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  } catch (e) {
    await Promise.all(procs.map(stopProc));
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
  return {
    ports,
    async stop() {
      await Promise.all(procs.map(stopProc));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
