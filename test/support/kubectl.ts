// Runs the real kubectl against a test control plane: one kubeconfig, a private discovery and
// HTTP cache, a private HOME, and a timeout on every call, so that suites never share state.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

/** Why the kubectl suites are skipped on a machine without kubectl. */
export const KUBECTL_MISSING_MESSAGE = 'kubectl is not installed: skipping the kubectl conformance suite';

/** Whether an executable `kubectl` is on PATH. */
export function kubectlInstalled(): boolean {
  return (process.env.PATH ?? '').split(delimiter).some((dir) => {
    try {
      accessSync(join(dir || '.', 'kubectl'), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

/** The title of a kubectl suite: its own name, or why it is skipped. */
export function kubectlSuite(name: string): string {
  return kubectlInstalled() ? `kubectl conformance: ${name}` : KUBECTL_MISSING_MESSAGE;
}

/** What one kubectl run printed and how it ended. */
export interface KubectlResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** A long-running kubectl (`get -w`): its output so far, a way to wait for lines, and a stop. */
export interface KubectlWatcher {
  readonly child: ChildProcess;
  /** Complete stdout lines printed so far. */
  lines(): string[];
  /** Resolves once `count` stdout lines were printed (rejects after `timeoutMs`). */
  waitForLines(count: number, timeoutMs?: number): Promise<string[]>;
  /** Ends the process (SIGTERM) and resolves once it has exited. */
  stop(): Promise<void>;
}

/** Options of one kubectl run. */
export interface RunOptions {
  /** Text written to kubectl's standard input (for `-f -`). */
  readonly input?: string;
  readonly timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 20_000;

/** kubectl bound to one control plane, with its own cache and scratch directory. */
export class Kubectl {
  /** Scratch directory: the cache, HOME and any manifest files. */
  readonly dir: string;
  private readonly env: NodeJS.ProcessEnv;

  constructor(private readonly kubeconfigPath: string) {
    this.dir = mkdtempSync(join(tmpdir(), 'weir-kubectl-'));
    // No KUBECONFIG or KUBECTL_* from the developer's shell; HOME is private so ~/.kube is never read.
    this.env = { PATH: process.env.PATH, HOME: this.dir, LANG: 'C', TZ: 'UTC' };
  }

  private argv(args: readonly string[]): string[] {
    return [`--kubeconfig=${this.kubeconfigPath}`, `--cache-dir=${join(this.dir, 'cache')}`, ...args];
  }

  /** Runs kubectl to the end; never rejects on a non-zero exit (the code is in the result). */
  run(args: readonly string[], options: RunOptions = {}): Promise<KubectlResult> {
    return new Promise((resolve, reject) => {
      const child = execFile('kubectl', this.argv(args), { env: this.env, timeout: options.timeoutMs ?? DEFAULT_TIMEOUT_MS, maxBuffer: 16 * 1024 * 1024 }, (err, stdout, stderr) => {
        const failure = err as (Error & { code?: unknown; killed?: boolean }) | null;
        if (failure && typeof failure.code !== 'number') {
          reject(new Error(`kubectl ${args.join(' ')} did not finish: ${failure.message}\n${stderr}`));
          return;
        }
        resolve({ code: failure ? (failure.code as number) : 0, stdout, stderr });
      });
      child.stdin?.end(options.input ?? '');
    });
  }

  /** Runs kubectl and fails unless it exits 0; returns stdout. */
  async ok(args: readonly string[], options: RunOptions = {}): Promise<string> {
    const result = await this.run(args, options);
    if (result.code !== 0) throw new Error(`kubectl ${args.join(' ')} exited ${result.code}\n${result.stderr}${result.stdout}`);
    return result.stdout;
  }

  /** Runs kubectl with `-o json` and parses what it printed. */
  async json<T = any>(args: readonly string[]): Promise<T> { // eslint-disable-line @typescript-eslint/no-explicit-any -- tests read arbitrary objects
    return JSON.parse(await this.ok([...args, '-o', 'json'])) as T;
  }

  /** Writes a manifest into the scratch directory and returns its path. */
  file(name: string, text: string): string {
    const path = join(this.dir, name);
    writeFileSync(path, text);
    return path;
  }

  /** Starts a long-running kubectl (a watch) and collects its output. */
  watch(args: readonly string[]): KubectlWatcher {
    const child = spawn('kubectl', this.argv(args), { env: this.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    const waiters = new Set<() => void>();
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
      for (const wake of waiters) wake();
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const exited = new Promise<void>((done) => child.once('exit', () => done()));
    const lines = () => stdout.split('\n').slice(0, -1);
    return {
      child,
      lines,
      waitForLines(count, timeoutMs = 10_000) {
        return new Promise((resolve, reject) => {
          const check = () => {
            if (lines().length < count) return;
            cleanup();
            resolve(lines());
          };
          const timer = setTimeout(() => {
            cleanup();
            reject(new Error(`kubectl ${args.join(' ')} printed ${lines().length} of ${count} lines:\n${stdout}\nstderr:\n${stderr}`));
          }, timeoutMs);
          const cleanup = () => {
            clearTimeout(timer);
            waiters.delete(check);
          };
          waiters.add(check);
          check();
        });
      },
      async stop() {
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
        await exited;
      },
    };
  }

  /** Removes the scratch directory. */
  dispose(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** Resolves once `condition` holds, polling every 20 ms; rejects after `timeoutMs`. */
export async function eventually(condition: () => boolean | Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

/**
 * The rows of a table kubectl printed, keyed by column header. Columns are cut where the header's
 * titles start (kubectl left-aligns every cell and pads columns with at least three spaces, so a
 * title may hold single spaces: `Non-Resource URLs`); empty cells come out as ''.
 */
export function parseTable(stdout: string): Array<Record<string, string>> {
  const [header, ...rows] = stdout.split('\n').filter((line) => line.trim() !== '');
  if (header === undefined) return [];
  const columns = [...header.matchAll(/\S+(?: \S+)*/g)].map((m) => ({ name: m[0], start: m.index }));
  return rows.map((row) =>
    Object.fromEntries(columns.map((column, i) => [column.name, row.slice(column.start, columns[i + 1]?.start ?? row.length).trim()])),
  );
}

/** Matches a kubectl age cell (`0s`, `12s`, `3m4s`). */
export const AGE = /^(\d+m)?\d+s$/;
