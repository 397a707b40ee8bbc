// The Weir processes of a benchmark, started as a user starts them from the built CLI
// (`./bin/weir …`): the control plane, `weir install`, and the controllers with their JSON log.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const weir = join(root, 'bin/weir');

/** A running `./bin/weir` child: its output so far and a stop that always ends it. */
export interface WeirChild {
  readonly child: ChildProcess;
  /** stdout and stderr as read so far (for failure messages). */
  output(): string;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves once the process is gone. */
  stop(graceMs?: number): Promise<void>;
}

/** A JSON log line of `weir controllers`, with when this process read it. */
export interface LogLine {
  readonly at: number;
  readonly line: Record<string, unknown>;
}

function startWeir(args: string[], onStdout?: (text: string) => void): WeirChild {
  const child = spawn(process.execPath, [weir, ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  let output = '';
  // Both pipes are always drained: a full pipe would stall the child's logging, and the child with it.
  child.stdout!.on('data', (chunk: Buffer) => { const text = chunk.toString('utf8'); output = (output + text).slice(-20_000); onStdout?.(text); });
  child.stderr!.on('data', (chunk: Buffer) => (output = (output + chunk.toString('utf8')).slice(-20_000)));
  return {
    child,
    output: () => output,
    async stop(graceMs = 5000) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Polls `probe` every `everyMs` until it returns something truthy; throws after `timeoutMs`. */
export async function until<T>(what: string, probe: () => Promise<T | undefined | false> | T | undefined | false, options: { timeoutMs?: number; everyMs?: number } = {}): Promise<T> {
  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, options.everyMs ?? 50));
  }
}

/** `./bin/weir controlplane --data-dir DIR --port 0`, resolved once it serves, with its kubeconfig path. */
export async function startControlPlane(dataDir: string): Promise<WeirChild & { url: string; kubeconfig: string }> {
  const plane = startWeir(['controlplane', '--data-dir', dataDir, '--port', '0']);
  const exited = new Promise<never>((_, reject) => plane.child.once('exit', (code) => reject(new Error(`weir controlplane exited with ${code}:\n${plane.output()}`))));
  const serving = until('the control plane to serve', () => /control plane serving at (\S+)[\s\S]*kubeconfig: (\S+)/.exec(plane.output()) ?? undefined, { timeoutMs: 30_000, everyMs: 25 });
  try {
    const match = await Promise.race([serving, exited]);
    return { ...plane, url: match[1]!, kubeconfig: match[2]! };
  } catch (err) {
    await plane.stop();
    throw err;
  }
}

/** `./bin/weir install --kubeconfig FILE`; throws with its output when it fails. */
export function install(kubeconfig: string): void {
  const result = spawnSync(process.execPath, [weir, 'install', '--kubeconfig', kubeconfig], { cwd: root, encoding: 'utf8' });
  if (result.status !== 0 || !result.stdout.includes('install finished')) throw new Error(`weir install failed (${result.status}):\n${result.stdout}${result.stderr}`);
}

/** `./bin/weir controllers …` on free ports without leader election, resolved at 'controllers running'. */
export async function startControllers(kubeconfig: string, dataDir: string): Promise<WeirChild & { lines: LogLine[] }> {
  const lines: LogLine[] = [];
  let buffer = '';
  const controllers = startWeir(['controllers', '--kubeconfig', kubeconfig, '--data-dir', dataDir, '--storage-addr', '127.0.0.1:0',
    '--metrics-addr', '127.0.0.1:0', '--health-addr', '127.0.0.1:0', '--no-enable-leader-election'], (text) => {
    buffer += text;
    const parts = buffer.split('\n');
    buffer = parts.pop()!;
    for (const part of parts) {
      if (!part.trim()) continue;
      try { lines.push({ at: performance.now(), line: JSON.parse(part) as Record<string, unknown> }); } catch { /* not a log line */ }
    }
  });
  try {
    await until('the controllers to run', () => {
      if (controllers.child.exitCode !== null) throw new Error(`weir controllers exited with ${controllers.child.exitCode}:\n${controllers.output()}`);
      return lines.some((l) => l.line.msg === 'controllers running');
    }, { timeoutMs: 30_000, everyMs: 25 });
  } catch (err) {
    await controllers.stop();
    throw err;
  }
  return { ...controllers, lines };
}
