// The one place the benchmarks start things: a free port, a command run to completion (builds), a static
// file server for the bench pages, and the real server (`tsx server/main.ts`) on a temporary PGlite folder,
// a given one or PostgreSQL — used by Lighthouse, the end-to-end pull and the server throughput section alike.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createReadStream, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { ROOT } from './options.ts';
import { progress } from './report.ts';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export function runCommand(label: string, cmd: string, cmdArgs: readonly string[], { env = {} }: { env?: NodeJS.ProcessEnv } = {}): void {
  progress(`${label}: ${cmd} ${cmdArgs.join(' ')}`);
  const t0 = Date.now();
  const r = spawnSync(cmd, cmdArgs, { encoding: 'utf8', env: { ...process.env, ...env }, maxBuffer: 64 * 2 ** 20 });
  const seconds = ((Date.now() - t0) / 1000).toFixed(1);
  if (r.status !== 0) {
    const output = `${r.stdout ?? ''}\n${r.stderr ?? ''}`.trim().split('\n').slice(-25).join('\n');
    throw new Error(`${label} failed (exit ${r.status}) after ${seconds} s:\n${output}`);
  }
  progress(`${label}: done in ${seconds} s`);
}

/** Serves a folder of static files on 127.0.0.1 (a secure context, so WebCrypto and storage work). */
export async function serveStatic(folder: string): Promise<{ url: string; close(): Promise<void> }> {
  const types: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.wasm': 'application/wasm', '.json': 'application/json', '.svg': 'image/svg+xml' };
  const server: Server = createServer((req, res) => {
    const urlPath = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    let file = path.join(folder, path.normalize(urlPath).replace(/^([/\\])+/, ''));
    if (!file.startsWith(folder)) file = path.join(folder, 'index.html');
    if (!existsSync(file) || statSync(file).isDirectory()) file = path.join(folder, 'index.html');
    res.writeHead(200, { 'content-type': types[path.extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
    createReadStream(file).pipe(res);
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

export interface RunningServer {
  url: string;
  stop(): Promise<void>;
}

export interface ServerOptions {
  /** The built app it serves (RODYNA_DIST); the server's default when absent. */
  distDir?: string;
  /** A PGlite folder the caller owns (no other process on it), left in place. */
  dataDir?: string;
  /** PostgreSQL instead of PGlite, left in place. */
  databaseUrl?: string;
  /** More environment (limits, the first admin): over the process's own. */
  env?: NodeJS.ProcessEnv;
  /** Quiet: no progress lines (the throughput section prints a table of its own). */
  quiet?: boolean;
}

/**
 * Starts the real server (`tsx server/main.ts`) on a free port, resolved once /v1/health answers. By default
 * on an empty, temporary PGlite folder it removes when stopped; given `dataDir` or `databaseUrl`, on that.
 */
export async function startServer({ distDir, dataDir: givenDataDir, databaseUrl, env: extraEnv = {}, quiet = false }: ServerOptions = {}): Promise<RunningServer> {
  const say = quiet ? () => {} : progress;
  const port = await freePort();
  const ownsData = !givenDataDir && !databaseUrl;
  const dataDir = ownsData ? mkdtempSync(path.join(os.tmpdir(), 'rodyna-bench-data-')) : givenDataDir;
  const env: NodeJS.ProcessEnv = { ...process.env, ...extraEnv, PORT: String(port), HOST: '127.0.0.1', ...(distDir ? { RODYNA_DIST: distDir } : {}) };
  delete env.DATABASE_URL;
  delete env.RODYNA_DATA;
  if (databaseUrl) env.DATABASE_URL = databaseUrl;
  else env.RODYNA_DATA = dataDir;
  const removeData = () => {
    if (ownsData && dataDir) rmSync(dataDir, { recursive: true, force: true });
  };
  const tsx = path.join(ROOT, 'node_modules', '.bin', 'tsx');
  // Its own process group, so stopping it also stops the node process tsx starts — and nothing else.
  const child = spawn(tsx, ['server/main.ts'], { cwd: ROOT, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stdout.on('data', (d: Buffer) => (log += d));
  child.stderr.on('data', (d: Buffer) => (log += d));
  let exited = false;
  child.on('exit', () => (exited = true));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 180_000; // PGlite's first open plus tsx compiling the server: 20 s here when quiet, over 90 s under heavy load
  while (true) {
    if (exited) {
      removeData();
      throw new Error(`the server exited while starting:\n${log.trim().split('\n').slice(-20).join('\n')}`);
    }
    try {
      const r = await fetch(`${url}/v1/health`);
      if (r.ok) {
        say(`server up on ${url} (${JSON.stringify(await r.json())}), ${databaseUrl ? 'on PostgreSQL' : `data in ${dataDir}`}`);
        break;
      }
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      stopGroup(child, 'SIGKILL');
      removeData();
      throw new Error(`the server did not answer /v1/health within 180 s:\n${log.trim().split('\n').slice(-20).join('\n')}`);
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  return {
    url,
    async stop() {
      if (!exited) {
        stopGroup(child, 'SIGTERM');
        const until = Date.now() + 15_000;
        while (!exited && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
        if (!exited) stopGroup(child, 'SIGKILL');
      }
      removeData();
      say(ownsData ? 'server stopped, temporary data folder removed' : 'server stopped');
    },
  };
}

export function stopGroup(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): void {
  try {
    if (child.pid !== undefined) process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}
