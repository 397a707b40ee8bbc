// The source controller as a user runs it: `weir controlplane`, `weir install`, two replicas of
// `weir controllers` sharing a Lease, a GitRepository applied with kubectl against a repository
// served by `git http-backend`. Only the leader reconciles; when it is killed, the other takes over after the Lease
// expires, and no revision is ever stored twice.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KubeClient } from '../../src/kube/index.js';
import { kubectlInstalled } from '../support/kubectl.js';
import { startGitHttpServer, TestRepository, type TestServer } from '../support/git-servers.js';
import { startWeirControlPlane, type WeirProcess } from '../support/weir-process.js';
import { until } from '../support/until.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const work = mkdtempSync(join(tmpdir(), 'weir-e2e-source-'));
const weirArgs = (...args: string[]) => ['--import', 'tsx', join(root, 'src/cli/main.ts'), ...args];

interface Replica { name: string; child: ChildProcess; lines: Array<Record<string, unknown>>; exited: Promise<number | null> }

let plane: WeirProcess;
let kubeconfig: string;
let client: KubeClient;
let gitServer: TestServer;
let repo: TestRepository;
const replicas: Replica[] = [];

function startReplica(name: string): Replica {
  const child = spawn(process.execPath, weirArgs('controllers', '--kubeconfig', kubeconfig, '--data-dir', join(work, name),
    '--storage-addr', '127.0.0.1:0', '--metrics-addr', '127.0.0.1:0', '--health-addr', '127.0.0.1:0',
    '--leader-election-lease-duration', '3s', '--leader-election-renew-deadline', '2s', '--leader-election-retry-period', '250ms'), { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  const replica: Replica = { name, child, lines: [], exited: new Promise((resolve) => child.once('exit', (code) => resolve(code))) };
  let buffer = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    buffer += chunk.toString('utf8');
    const parts = buffer.split('\n');
    buffer = parts.pop()!;
    for (const line of parts) if (line.trim()) replica.lines.push(JSON.parse(line) as Record<string, unknown>);
  });
  child.stderr!.resume();
  replicas.push(replica);
  return replica;
}

const logged = (r: Replica, msg: string | RegExp) => r.lines.some((l) => (typeof msg === 'string' ? l.msg === msg : msg.test(String(l.msg))));


interface Repo { status?: { artifact?: { revision: string; url: string }; conditions?: Array<{ type: string; status: string }>; lastHandledReconcileAt?: string } }
const gitrepo = async () => (await client.get({ apiVersion: 'source.toolkit.fluxcd.io/v1', kind: 'GitRepository', namespace: 'flux-system', name: 'podinfo' })) as unknown as Repo | undefined;
const isReady = (r: Repo | undefined) => r?.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True');

beforeAll(async () => {
  plane = await startWeirControlPlane(join(work, 'cp'));
  kubeconfig = join(work, 'cp', 'kubeconfig');
  const install = spawnSync(process.execPath, weirArgs('install', '--kubeconfig', kubeconfig), { cwd: root, encoding: 'utf8' });
  expect(install.stderr).toBe('');
  expect(install.stdout).toContain('✔ install finished');
  client = KubeClient.load({ kubeconfig });
  repo = await TestRepository.create(join(work, 'git'), 'podinfo');
  await repo.commit({ 'kustomize/deployment.yaml': 'kind: Deployment\n' }, 'initial');
  gitServer = await startGitHttpServer(join(work, 'git'));
}, 60_000);

afterAll(async () => {
  for (const r of replicas) r.child.kill('SIGKILL');
  await Promise.all(replicas.map((r) => r.exited));
  client?.close();
  await gitServer?.close();
  await plane?.stop();
  rmSync(work, { recursive: true, force: true });
});

describe('weir controllers (source)', () => {
  it('reconciles a GitRepository applied with kubectl, on the leader only, and hands over when the leader dies', async () => {
    const a = startReplica('a');
    await until('replica a to lead', () => logged(a, 'controllers running'));
    const b = startReplica('b');
    await until('replica b to campaign', () => logged(b, 'attempting to acquire leader lease'));

    const manifest = join(work, 'gitrepo.yaml');
    writeFileSync(manifest, `apiVersion: source.toolkit.fluxcd.io/v1\nkind: GitRepository\nmetadata:\n  name: podinfo\n  namespace: flux-system\nspec:\n  interval: 1m\n  url: ${gitServer.url}/podinfo.git\n  ref:\n    branch: main\n`);
    if (kubectlInstalled()) {
      const applied = spawnSync('kubectl', ['--kubeconfig', kubeconfig, 'apply', '-f', manifest], { encoding: 'utf8' });
      expect(applied.stderr).toBe('');
      expect(applied.stdout).toContain('gitrepository.source.toolkit.fluxcd.io/podinfo created');
    } else {
      await client.create({ apiVersion: 'source.toolkit.fluxcd.io/v1', kind: 'GitRepository', metadata: { name: 'podinfo', namespace: 'flux-system' }, spec: { interval: '1m', url: `${gitServer.url}/podinfo.git`, ref: { branch: 'main' } } });
    }
    const first = await until('Ready', async () => { const r = await gitrepo(); return isReady(r) && r; });
    expect(first.status!.artifact!.revision).toBe(`main@sha1:${await repo.git(['rev-parse', 'HEAD'])}`);
    if (kubectlInstalled()) {
      const table = spawnSync('kubectl', ['--kubeconfig', kubeconfig, 'get', 'gitrepositories', '-n', 'flux-system'], { encoding: 'utf8' }).stdout;
      expect(table).toMatch(/^NAME\s+URL\s+AGE\s+READY\s+STATUS/m);
      expect(table).toContain("stored artifact for revision 'main@sha1:");
    }
    expect(logged(b, 'controllers running')).toBe(false);
    const port = (r: Replica, key: string) => r.lines.find((l) => l[key] !== undefined)![key] as number;
    expect((await fetch(`http://127.0.0.1:${port(a, 'healthPort')}/readyz`)).status).toBe(200);
    expect((await fetch(`http://127.0.0.1:${port(b, 'healthPort')}/readyz`)).status).toBe(503); // not leading
    const metrics = await (await fetch(`http://127.0.0.1:${port(a, 'metricsPort')}/metrics`)).text();
    expect(metrics).toMatch(/gotk_reconcile_duration_seconds_count\{kind="GitRepository",name="podinfo",namespace="flux-system"\} [1-9]/);
    expect(metrics).toMatch(/controller_runtime_reconcile_total\{controller="gitrepository",result="(success|requeue_after)"\} [1-9]/);
    expect(b.lines.some((l) => l.controllerKind === 'GitRepository')).toBe(false);

    // The leader dies without releasing the Lease: b takes over once it expires.
    a.child.kill('SIGKILL');
    await a.exited;
    await until('replica b to lead', () => logged(b, 'controllers running'), 20_000);
    const second = await repo.commit({ 'kustomize/service.yaml': 'kind: Service\n' }, 'add service');
    await client.mergePatch({ apiVersion: 'source.toolkit.fluxcd.io/v1', kind: 'GitRepository', namespace: 'flux-system', name: 'podinfo' }, { metadata: { annotations: { 'reconcile.fluxcd.io/requestedAt': 'handover' } } });
    const moved = await until('new revision from b', async () => { const r = await gitrepo(); return r?.status?.artifact?.revision === `main@sha1:${second}` && isReady(r) && r; });
    expect(moved.status!.lastHandledReconcileAt).toBe('handover');
    const body = await fetch(moved.status!.artifact!.url);
    expect(body.status).toBe(200);

    // Each revision was stored exactly once, by one replica.
    const events = await client.list({ apiVersion: 'v1', kind: 'Event', namespace: 'flux-system' });
    const newArtifacts = events.items.filter((e) => e.reason === 'NewArtifact');
    expect(newArtifacts.map((e) => e.count ?? 1)).toEqual([1, 1]);
    expect(newArtifacts.map((e) => e.message).sort()).toEqual(["stored artifact for commit 'add service'", "stored artifact for commit 'initial'"]);
  }, 90_000);
});
