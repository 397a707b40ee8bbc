// Source-controller figures with real processes, as a user runs them: `weir controlplane`,
// `weir install`, `weir controllers`, and a repository behind `git http-backend` (smart HTTP).
// (1) push → artifact served against `git clone --depth 1`, (2) a no-op reconcile against
// `git ls-remote` (and the git requests it makes), (3) the cold first reconcile of a 5,000-file
// repository against `git clone --depth 1`, with the in-process artifact build on its own.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KubeClient, type ObjectRef } from '../src/kube/index.js';
import { buildTarball, loadArtifactFilter } from '../src/source/index.js';
import { run, startGitHttpServer, TestRepository, type GitHttpRequest, type GitHttpServer, type TestFile } from '../test/support/git-servers.js';
import { install, startControllers, startControlPlane, until, type LogLine, type WeirChild } from './weir-processes.js';

const RUNS = 20;
const POLL_MS = 20;
const LARGE_DIRS = 20;
const LARGE_FILES = 5000;

interface GitRepositoryStatus {
  artifact?: { revision: string; url: string; size?: number; digest?: string };
  conditions?: Array<{ type: string; status: string }>;
  lastHandledReconcileAt?: string;
}

interface Bench {
  work: string;
  client: KubeClient;
  server: GitHttpServer;
  controllers: WeirChild & { lines: LogLine[] };
}

const median = (values: number[]) => percentile(values, 50);
/** Nearest-rank percentile. */
function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)]!;
}
const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const kib = (bytes: number) => `${fmt(bytes / 1024)} KiB`;

const ref = (name: string): ObjectRef => ({ apiVersion: 'source.toolkit.fluxcd.io/v1', kind: 'GitRepository', namespace: 'flux-system', name });

async function status(client: KubeClient, name: string): Promise<GitRepositoryStatus> {
  return ((await client.get(ref(name)))?.status ?? {}) as GitRepositoryStatus;
}

const isReady = (s: GitRepositoryStatus) => s.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;

/** Wall time of an async action, in ms. */
async function timed(action: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await action();
  return performance.now() - started;
}

/** Runs git with the isolated test environment, timed. */
const gitTimed = (args: string[], cwd?: string) => timed(() => run(args, cwd ? { cwd } : {}));

/** Milliseconds from Go-style durations in the controllers' "Reconciliation finished in 1.2s" lines. */
function parseGoDuration(text: string): number {
  const match = /^(?:(\d+)m)?([\d.]+)(ms|µs|s)$/.exec(text);
  if (!match) return NaN;
  const scale = match[3] === 'ms' ? 1 : match[3] === 's' ? 1000 : 0.001;
  return Number(match[1] ?? 0) * 60_000 + Number(match[2]) * scale;
}

/** The reconcile durations the controllers logged for GitRepository `name` since line `from`. */
function loggedReconciles(lines: LogLine[], name: string, from: number): number[] {
  return lines.slice(from)
    .filter((l) => l.line.name === name && typeof l.line.msg === 'string' && l.line.msg.startsWith('Reconciliation finished in '))
    .map((l) => parseGoDuration(/finished in (\S+),/.exec(String(l.line.msg))?.[1] ?? ''));
}

/** `2.00 (1.00 GET info/refs, 1.00 ls-refs, …)`: what the git server saw, per reconcile. */
function perReconcile(requests: GitHttpRequest[], reconciles: number): string {
  const kinds = new Map<string, number>();
  for (const r of requests) {
    // The server reads the command only from uncompressed bodies; git gzips larger fetch requests.
    const kind = r.command ?? (r.method === 'POST' ? 'gzipped upload-pack POST' : `${r.method} ${r.path.replace(/^.*\.git\//, '')}`);
    kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
  }
  const parts = [...kinds].map(([kind, n]) => `${fmt(n / reconciles, 2)} ${kind}`);
  return `${fmt(requests.length / reconciles, 2)} (${parts.join(', ')})`;
}

/** Asks for a reconcile the way a webhook Receiver does. */
function requestReconcile(client: KubeClient, name: string, token: string): Promise<unknown> {
  return client.mergePatch(ref(name), { metadata: { annotations: { 'reconcile.fluxcd.io/requestedAt': token } } });
}

async function createGitRepository(client: KubeClient, name: string, url: string): Promise<void> {
  await client.create({ apiVersion: 'source.toolkit.fluxcd.io/v1', kind: 'GitRepository', metadata: { name, namespace: 'flux-system' }, spec: { interval: '60m', url, ref: { branch: 'main' } } });
}

/** (1) commit, push, request a reconcile, and wait until the new revision's artifact is served. */
async function benchPushToServed(b: Bench, repo: TestRepository): Promise<void> {
  const url = `${b.server.url}/${repo.name}.git`;
  const served: number[] = [];
  const seen: number[] = [];
  const clones: number[] = [];
  const requests: GitHttpRequest[] = [];
  const fromLine = b.controllers.lines.length;
  for (let i = 0; i < RUNS; i++) {
    await writeFile(join(repo.workDir, 'apps/config.yaml'), `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: config\ndata:\n  run: "${i}"\n`);
    await repo.git(['add', '--all']);
    await repo.git(['commit', '--quiet', '-m', `change ${i}`]);
    const revision = `main@sha1:${await repo.rev('HEAD')}`;
    await repo.git(['push', '--quiet', 'origin', 'HEAD:refs/heads/main']);
    const fromRequest = b.server.requests.length;
    const pushed = performance.now();
    await requestReconcile(b.client, 'bench', `push-${i}-${Date.now()}`);
    const s = await until('the new revision in status', async () => { const s = await status(b.client, 'bench'); return s.artifact?.revision === revision && s; }, { everyMs: POLL_MS });
    seen.push(performance.now() - pushed);
    await until('the artifact to be served', async () => { const res = await fetch(s.artifact!.url); await res.arrayBuffer(); return res.status === 200; }, { everyMs: POLL_MS });
    served.push(performance.now() - pushed);
    requests.push(...b.server.requests.slice(fromRequest)); // the reconcile's own requests, not the clone's
    const dir = await mkdtemp(join(b.work, 'clone-'));
    clones.push(await gitTimed(['clone', '--quiet', '--depth', '1', url, dir]));
    await rm(dir, { recursive: true, force: true });
  }
  const logged = loggedReconciles(b.controllers.lines, 'bench', fromLine);
  console.log(`(1) push → artifact served (${RUNS} pushes, reconcile requested by annotation, status polled every ${POLL_MS} ms): median ${fmt(median(served))} ms, p90 ${fmt(percentile(served, 90))} ms (revision in status: median ${fmt(median(seen))} ms; controller-logged reconcile: median ${fmt(median(logged))} ms over ${logged.length}; git HTTP requests per reconcile: ${perReconcile(requests, RUNS)}) | git clone --depth 1 median ${fmt(median(clones))} ms | weir/clone ${fmt(median(served) / median(clones), 1)}x`);
}

/** (2) requested reconciles with nothing new upstream, and the git requests they make. */
async function benchNoOp(b: Bench, repo: TestRepository): Promise<void> {
  const url = `${b.server.url}/${repo.name}.git`;
  const times: number[] = [];
  const fromRequest = b.server.requests.length;
  const fromLine = b.controllers.lines.length;
  for (let i = 0; i < RUNS; i++) {
    const token = `noop-${i}-${Date.now()}`;
    const started = performance.now();
    await requestReconcile(b.client, 'bench', token);
    await until('lastHandledReconcileAt', async () => (await status(b.client, 'bench')).lastHandledReconcileAt === token, { everyMs: POLL_MS });
    times.push(performance.now() - started);
  }
  await new Promise((r) => setTimeout(r, 500)); // late requests of the last reconcile count too
  const requests = b.server.requests.slice(fromRequest);
  const logged = loggedReconciles(b.controllers.lines, 'bench', fromLine);
  const lsRemote: number[] = [];
  for (let i = 0; i < RUNS; i++) lsRemote.push(await gitTimed(['ls-remote', url]));
  const fetches = requests.filter((r) => r.command === 'fetch' || (r.method === 'POST' && r.command === undefined)).length;
  console.log(`(2) no-op reconcile (${RUNS} requests, annotation → lastHandledReconcileAt): median ${fmt(median(times))} ms, p90 ${fmt(percentile(times, 90))} ms (controller-logged: median ${fmt(median(logged))} ms over ${logged.length} reconciles); git HTTP requests per reconcile: ${perReconcile(requests, RUNS)}, ${fetches} fetch in all${fetches ? ' (expected 0)' : ''} | git ls-remote median ${fmt(median(lsRemote))} ms | weir/ls-remote ${fmt(median(times) / median(lsRemote), 1)}x`);
}

/** 5,000 small YAML-ish files in 20 directories. */
function largeTree(): Record<string, TestFile> {
  const files: Record<string, TestFile> = {};
  for (let i = 0; i < LARGE_FILES; i++) {
    const dir = `apps/team-${String(i % LARGE_DIRS).padStart(2, '0')}`;
    const name = `config-${String(i).padStart(4, '0')}`;
    files[`${dir}/${name}.yaml`] = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n  namespace: team-${i % LARGE_DIRS}\n  labels:\n    app.kubernetes.io/name: ${name}\n    app.kubernetes.io/part-of: bench\ndata:\n  index: "${i}"\n  settings.yaml: |\n    replicas: ${1 + (i % 3)}\n    image: registry.example/app:${i}\n    log-level: info\n`;
  }
  return files;
}

function duBytes(args: string[]): number {
  return Number(spawnSync('du', ['-sb', ...args], { encoding: 'utf8' }).stdout.split('\t')[0]);
}

/** (3) the cold first reconcile of a 5,000-file repository, and the artifact build alone. */
async function benchLargeRepository(b: Bench): Promise<void> {
  const repo = await TestRepository.create(join(b.work, 'git'), 'large');
  const commit = await repo.commit(largeTree(), `${LARGE_FILES} files`);
  const url = `${b.server.url}/large.git`;
  const started = performance.now();
  await createGitRepository(b.client, 'large', url);
  const s = await until('the large repository to be Ready', async () => { const s = await status(b.client, 'large'); return isReady(s) && s.artifact?.revision === `main@sha1:${commit}` && s; }, { everyMs: POLL_MS, timeoutMs: 120_000 });
  const reconcile = performance.now() - started;
  const clones: number[] = [];
  let clone = '';
  for (let i = 0; i < 3; i++) {
    if (clone) await rm(clone, { recursive: true, force: true });
    clone = await mkdtemp(join(b.work, 'large-clone-'));
    clones.push(await gitTimed(['clone', '--quiet', '--depth', '1', url, clone]));
  }
  const treeBytes = duBytes(['--exclude=.git', clone]);
  const cloneBytes = duBytes([clone]);
  const filter = await loadArtifactFilter(clone);
  const builds: number[] = [];
  let built = { size: 0, digest: '' };
  for (let i = 0; i < 3; i++) {
    const t = performance.now();
    built = await buildTarball(clone, { filter });
    builds.push(performance.now() - t);
  }
  const size = s.artifact!.size ?? NaN;
  const build = Math.min(...builds);
  const cloneMs = median(clones);
  const same = built.digest === s.artifact!.digest ? 'same digest as the stored artifact' : `digest differs from the stored artifact's ${s.artifact!.digest}`;
  console.log(`(3a) first reconcile of a ${fmt(LARGE_FILES)}-file repository (creation → Ready, cold cache): ${fmt(reconcile)} ms (controller-logged: ${loggedReconciles(b.controllers.lines, 'large', 0).map((ms) => `${fmt(ms)} ms`).join(', ')}) | git clone --depth 1 median of 3 ${fmt(cloneMs)} ms | weir/clone ${fmt(reconcile / cloneMs, 1)}x`);
  console.log(`(3b) artifact build alone (buildTarball in-process, best of 3): ${fmt(build)} ms (${same}) | git clone --depth 1 ${fmt(cloneMs)} ms | build/clone ${fmt(build / cloneMs, 2)}x`);
  console.log(`(3c) artifact size: ${kib(size)} | clone work tree (du -sb, without .git) ${kib(treeBytes)}, whole clone ${kib(cloneBytes)} | artifact/work tree ${fmt(size / treeBytes, 3)}, artifact/clone ${fmt(size / cloneBytes, 3)}`);
}

/** Runs the source benchmarks and prints one line per figure. */
export async function benchSource(): Promise<void> {
  const work = await mkdtemp(join(tmpdir(), 'weir-sbench-'));
  const stops: Array<() => Promise<void> | void> = [];
  try {
    const plane = await startControlPlane(join(work, 'cp'));
    stops.push(() => plane.stop());
    install(plane.kubeconfig);
    const client = KubeClient.load({ kubeconfig: plane.kubeconfig });
    stops.push(() => client.close());
    const repo = await TestRepository.create(join(work, 'git'), 'bench');
    await repo.commit({ 'apps/config.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: config\n', 'README.md': '# bench\n' }, 'initial');
    const server = await startGitHttpServer(join(work, 'git'));
    stops.push(() => server.close());
    const controllers = await startControllers(plane.kubeconfig, join(work, 'ctl'));
    stops.push(() => controllers.stop());
    const b: Bench = { work, client, server, controllers };
    console.log(`source controller (weir controllers, one process) against git ${/\d+\.\d+\.\d+/.exec(await run(['--version']))?.[0]} over smart HTTP (git http-backend) on this machine`);
    await createGitRepository(client, 'bench', `${server.url}/bench.git`);
    await until('GitRepository bench to be Ready', async () => isReady(await status(client, 'bench')));
    await benchPushToServed(b, repo);
    await benchNoOp(b, repo);
    await benchLargeRepository(b);
  } finally {
    for (const stop of stops.reverse()) {
      try { await stop(); } catch { /* keep tearing down */ }
    }
    await rm(work, { recursive: true, force: true });
  }
}
