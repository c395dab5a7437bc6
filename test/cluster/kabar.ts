import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

// A Kabar process of the cluster test: `node --import tsx src/server.ts` (one OS process, so a
// SIGKILL really kills the server), its output in a log file.

const ROOT = path.resolve(__dirname, '..', '..');

export interface KabarProcess {
  name: string;
  port: number;
  url: string;
  child: ChildProcess;
  log(): string;
  ready: Promise<void>;
}

export function startKabar(name: string, port: number, env: Record<string, string>, logDir: string): KabarProcess {
  const logFile = path.join(logDir, `${name}.log`);
  const out = fs.openSync(logFile, 'a');
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: ROOT,
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', out, out],
  });
  const log = () => fs.readFileSync(logFile, 'utf8');
  const ready = (async () => {
    const started = Date.now();
    while (!log().includes('Kabar is ready')) {
      if (child.exitCode !== null) throw new Error(`${name} exited (${child.exitCode}):\n${log()}`);
      if (Date.now() - started > 90_000) throw new Error(`${name} did not start within 90 s:\n${log()}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  })();
  return { name, port, url: `http://127.0.0.1:${port}`, child, log, ready };
}
