// Runs `weir controlplane` as a real child process (from the TypeScript sources, through tsx),
// for tests that must kill and restart it.
import { spawn, type ChildProcess } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');

/** A running `weir controlplane` process. */
export interface WeirProcess {
  readonly url: string;
  readonly child: ChildProcess;
  /** Ends the process with SIGKILL and waits for it to be gone. */
  kill9(): Promise<void>;
  /** Ends the process with SIGTERM and waits for it to exit. */
  stop(): Promise<void>;
}

/** Starts `weir controlplane --data-dir DIR --port 0` and resolves with its URL once it serves. */
export function startWeirControlPlane(dataDir: string): Promise<WeirProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'src/cli/main.ts'), 'controlplane', '--data-dir', dataDir, '--port', '0', '--log-level', 'warn'], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  return new Promise((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const match = /control plane serving at (\S+)/.exec(output);
      if (match) {
        child.stdout!.off('data', onData);
        resolve({
          url: match[1]!,
          child,
          async kill9() {
            child.kill('SIGKILL');
            await exited;
          },
          async stop() {
            child.kill('SIGTERM');
            await exited;
          },
        });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.once('exit', (code) => reject(new Error(`weir controlplane exited with ${code} before serving:\n${output}`)));
  });
}
