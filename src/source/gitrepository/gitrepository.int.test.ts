// The GitRepository controller end to end: a real control plane, the Flux CRDs, real git servers
// (smart HTTP with basic auth) and the controller's artifact server — reconciled as Flux does.
import { createHash } from 'node:crypto';
import { createServer, request, type Server } from 'node:http';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fluxCrds, type GitRepository } from '../../api/index.js';
import { KubeClient, type KubeObject } from '../../kube/index.js';
import { EventRecorder, RuntimeMetrics } from '../../runtime/index.js';
import { startTestControlPlane, type TestControlPlane } from '../../../test/support/control-plane.js';
import { generateGpgKey, run, startGitHttpServer, TestRepository, type GitHttpServer } from '../../../test/support/git-servers.js';
import { startSourceController, type SourceController } from '../index.js';
import { until } from '../../../test/support/until.js';

const NS = 'default';
let plane: TestControlPlane;
let client: KubeClient;
let git: GitHttpServer;
let gitRoot: string;
let dataDir: string;
let controller: SourceController;
let app: TestRepository;
let eventSink: Server;
const posted: Array<Record<string, unknown>> = [];

const ref = (name: string) => ({ apiVersion: 'source.toolkit.fluxcd.io/v1', kind: 'GitRepository', namespace: NS, name });
const get = async (name: string) => (await client.get(ref(name))) as unknown as GitRepository | undefined;
const ready = (repo: GitRepository | undefined) => repo?.status?.conditions?.find((c) => c.type === 'Ready');
const readyIs = (status: string) => (repo: GitRepository | undefined) => ready(repo)?.status === status;


/** The GitRepository once `accept` holds for it (the very object that passed, not a later read). */
function untilRepo(name: string, what: string, accept: (repo: GitRepository | undefined) => unknown): Promise<GitRepository> {
  return until(what, async () => {
    const repo = await get(name);
    return accept(repo) ? repo : undefined;
  });
}

async function createRepo(name: string, spec: Record<string, unknown>): Promise<void> {
  await client.create({ apiVersion: 'source.toolkit.fluxcd.io/v1', kind: 'GitRepository', metadata: { name, namespace: NS }, spec: { interval: '10m', ...spec } } as KubeObject);
}

async function requestReconcile(name: string, token: string): Promise<void> {
  await client.mergePatch(ref(name), { metadata: { annotations: { 'reconcile.fluxcd.io/requestedAt': token } } });
}

/** The files of a tar.gz artifact (path → content). */
function untar(gz: Buffer): Map<string, string> {
  const tar = gunzipSync(gz);
  const files = new Map<string, string>();
  for (let off = 0; off + 512 <= tar.length;) {
    const header = tar.subarray(off, off + 512);
    if (header.every((b) => b === 0)) break;
    const name = header.subarray(0, 100).toString('utf8').replace(/\0.*$/s, '');
    const prefix = header.subarray(345, 500).toString('utf8').replace(/\0.*$/s, '');
    const size = parseInt(header.subarray(124, 136).toString('utf8').replace(/\0.*$/s, '').trim() || '0', 8);
    const type = String.fromCharCode(header[156]!);
    if (type === '0' || type === '\0') files.set(prefix ? `${prefix}/${name}` : name, tar.subarray(off + 512, off + 512 + size).toString('utf8'));
    off += 512 + Math.ceil(size / 512) * 512;
  }
  return files;
}

async function events(name: string): Promise<Array<{ reason: string; message: string; type: string }>> {
  const list = await client.list({ apiVersion: 'v1', kind: 'Event', namespace: NS });
  return list.items.filter((e) => (e.involvedObject as { name: string }).name === name) as unknown as Array<{ reason: string; message: string; type: string }>;
}

beforeAll(async () => {
  plane = await startTestControlPlane();
  client = new KubeClient(plane.kubeConfig);
  for (const crd of fluxCrds()) await client.create(crd as unknown as KubeObject);
  await until('CRDs to be served', async () => client.list({ apiVersion: 'source.toolkit.fluxcd.io/v1', kind: 'GitRepository', namespace: NS }).then(() => true, () => false));
  gitRoot = await mkdtemp(join(tmpdir(), 'weir-gitrepo-'));
  dataDir = await mkdtemp(join(tmpdir(), 'weir-source-'));
  git = await startGitHttpServer(gitRoot, { username: 'flux', password: 's3cret-pass' });
  app = await TestRepository.create(gitRoot, 'app');
  await app.commit({ 'deploy/app.yaml': 'kind: ConfigMap\n', 'README.md': '# app\n', '.github/workflows/ci.yaml': 'on: push\n', 'logo.png': 'png' }, 'first commit');
  await app.git(['tag', 'v1.0.0']);
  await app.git(['push', '--quiet', 'origin', 'v1.0.0']);
  await client.create({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'git-auth', namespace: NS }, data: { username: Buffer.from('flux').toString('base64'), password: Buffer.from('s3cret-pass').toString('base64') } } as KubeObject);
  await client.create({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'bad-auth', namespace: NS }, data: { username: Buffer.from('flux').toString('base64'), password: Buffer.from('wrong-pass').toString('base64') } } as KubeObject);
  // notification-controller's side of --events-addr: records what the controller posts.
  eventSink = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => { posted.push(JSON.parse(body) as Record<string, unknown>); res.writeHead(202).end(); });
  });
  await new Promise<void>((resolve) => eventSink.listen(0, '127.0.0.1', resolve));
  const eventsAddr = `http://127.0.0.1:${(eventSink.address() as { port: number }).port}/`;
  const logger = pino({ level: 'silent' });
  const metrics = new RuntimeMetrics();
  // The default shard, as Flux shards: every object without a sharding key.
  controller = await startSourceController({
    client, logger, metrics, dataDir, dependencyRequeueMs: 500, labelSelector: '!sharding.fluxcd.io/key',
    events: new EventRecorder({ client, controller: 'source-controller', eventsAddr, logger }),
  });
}, 60_000);

afterAll(async () => {
  await controller?.stop();
  await git?.close();
  await new Promise((resolve) => eventSink?.close(resolve));
  await plane?.dispose();
  await rm(gitRoot, { recursive: true, force: true });
  await rm(dataDir, { recursive: true, force: true });
});

describe('GitRepository controller', () => {
  it('stores a verified artifact for a branch and serves it', async () => {
    await createRepo('app', { url: `${git.url}/app.git`, ref: { branch: 'main' }, secretRef: { name: 'git-auth' } });
    const repo = await untilRepo('app', 'Ready', readyIs('True'));
    const head = await app.git(['rev-parse', 'HEAD']);
    const artifact = repo.status!.artifact!;
    expect(artifact.revision).toBe(`main@sha1:${head}`);
    expect(artifact.path).toBe(`gitrepository/${NS}/app/${head}.tar.gz`);
    expect(ready(repo)).toMatchObject({ reason: 'Succeeded', message: `stored artifact for revision 'main@sha1:${head}'`, observedGeneration: 1 });
    expect(repo.status!.observedGeneration).toBe(1);
    expect(repo.status!.conditions!.map((c) => c.type)).toEqual(['Ready', 'ArtifactInStorage']);
    expect(repo.metadata.finalizers).toContain('finalizers.fluxcd.io');

    const body = Buffer.from(await (await fetch(artifact.url)).arrayBuffer());
    expect(`sha256:${createHash('sha256').update(body).digest('hex')}`).toBe(artifact.digest);
    expect(body.length).toBe(artifact.size);
    // Flux's default exclusions: CI folders and images stay out of the artifact.
    expect([...untar(body).keys()].sort()).toEqual(['README.md', 'deploy/app.yaml']);
    expect(await events('app')).toContainEqual(expect.objectContaining({ type: 'Normal', reason: 'NewArtifact', message: "stored artifact for commit 'first commit'" }));
    const event = await until('the event to be posted', () => Promise.resolve(posted.find((e) => e.reason === 'NewArtifact')));
    expect(event).toEqual({
      involvedObject: { apiVersion: 'source.toolkit.fluxcd.io/v1', kind: 'GitRepository', namespace: NS, name: 'app', uid: repo.metadata.uid, resourceVersion: expect.any(String) },
      severity: 'info', timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/), message: "stored artifact for commit 'first commit'", reason: 'NewArtifact',
      metadata: { 'source.toolkit.fluxcd.io/revision': artifact.revision, 'source.toolkit.fluxcd.io/digest': artifact.digest },
      reportingController: 'source-controller', reportingInstance: expect.any(String),
    });
  });

  it('picks up a new commit when a reconcile is requested, and echoes the request token', async () => {
    const second = await app.commit({ 'deploy/app.yaml': 'kind: ConfigMap\nmetadata: {name: v2}\n' }, 'second commit');
    await requestReconcile('app', 'token-1');
    const repo = await until('new revision', async () => {
      const r = await get('app');
      return r?.status?.artifact?.revision === `main@sha1:${second}` && r.status.lastHandledReconcileAt === 'token-1' && ready(r)?.status === 'True' && r;
    });
    expect(repo.status!.artifact!.path).toContain(second);
    const files = await readdir(join(dataDir, 'artifacts/gitrepository', NS, 'app'));
    expect(files.filter((f) => f.endsWith('.tar.gz') && f !== 'latest.tar.gz')).toHaveLength(2); // retention: 2 records
  });

  it('does not fetch when the remote has not moved', async () => {
    const before = (await get('app'))!.status!.artifact!;
    const fetchesBefore = git.requests.filter((r) => r.command === 'fetch').length;
    await requestReconcile('app', 'token-2');
    const repo = await untilRepo('app', 'token-2 handled', (r) => r?.status?.lastHandledReconcileAt === 'token-2');
    expect(repo.status!.artifact).toEqual(before);
    expect(ready(repo)?.status).toBe('True');
    expect(git.requests.filter((r) => r.command === 'fetch').length).toBe(fetchesBefore);
  });

  it('resolves tags and semver ranges to Flux revisions', async () => {
    await app.git(['tag', 'v1.2.0']);
    await app.git(['tag', 'v2.0.0-rc.1']);
    await app.git(['push', '--quiet', 'origin', '--tags']);
    await createRepo('semver', { url: `${git.url}/app.git`, ref: { semver: '>=1.0.0 <2.0.0' }, secretRef: { name: 'git-auth' } });
    const repo = await untilRepo('semver', 'semver Ready', readyIs('True'));
    expect(repo.status!.artifact!.revision).toBe(`v1.2.0@sha1:${await app.git(['rev-parse', 'v1.2.0^{commit}'])}`);
  });

  it('fails with a clear message and no secret when the credentials are wrong', async () => {
    await createRepo('badauth', { url: `${git.url}/app.git`, secretRef: { name: 'bad-auth' }, ref: { branch: 'main' } });
    const repo = await untilRepo('badauth', 'failure', readyIs('False'));
    const text = JSON.stringify(repo.status) + JSON.stringify(await events('badauth'));
    expect(text).not.toContain('wrong-pass');
    expect(repo.status!.conditions!.find((c) => c.type === 'FetchFailed')).toMatchObject({ status: 'True' });
    expect(ready(repo)!.message, JSON.stringify(repo.status, null, 1)).toMatch(/^failed to checkout and determine revision: /);
    expect(await events('badauth')).toContainEqual(expect.objectContaining({ type: 'Warning' }));
  });

  it('keeps the last artifact when the branch is deleted', async () => {
    await app.commit({ 'feature.txt': 'x\n' }, 'feature', { branch: 'feature' });
    await createRepo('feature', { url: `${git.url}/app.git`, ref: { branch: 'feature' }, secretRef: { name: 'git-auth' } });
    const ok = await untilRepo('feature', 'feature Ready', readyIs('True'));
    await app.git(['push', '--quiet', 'origin', '--delete', 'feature']);
    await requestReconcile('feature', 'after-delete');
    const repo = await until('failure', async () => {
      const r = await get('feature');
      return r?.status?.lastHandledReconcileAt === 'after-delete' && ready(r)?.status === 'False' && r;
    });
    expect(ready(repo)!.message).toContain('refs/heads/feature');
    expect(repo.status!.artifact).toEqual(ok.status!.artifact);
    expect((await fetch(repo.status!.artifact!.url)).status).toBe(200);
  });

  it('includes another repository’s artifact', async () => {
    const lib = await TestRepository.create(gitRoot, 'lib');
    await lib.commit({ 'manifests/lib.yaml': 'kind: Secret\n', 'other.txt': 'no\n' }, 'lib');
    await createRepo('lib', { url: `${git.url}/lib.git`, secretRef: { name: 'git-auth' }, ref: { branch: 'main' } });
    await createRepo('combined', {
      url: `${git.url}/app.git`, secretRef: { name: 'git-auth' }, ref: { branch: 'main' },
      include: [{ repository: { name: 'lib' }, fromPath: 'manifests', toPath: 'vendor/lib' }],
    });
    const repo = await untilRepo('combined', 'combined Ready', readyIs('True'));
    const files = untar(Buffer.from(await (await fetch(repo.status!.artifact!.url)).arrayBuffer()));
    expect(files.get('vendor/lib/lib.yaml')).toBe('kind: Secret\n');
    expect(files.has('vendor/lib/other.txt')).toBe(false);
    expect(repo.status!.includedArtifacts).toHaveLength(1);
  });

  it('verifies signed commits with the keys of a Secret, and fails on a stranger\'s signature', async () => {
    const trusted = await generateGpgKey(join(gitRoot, '.gpg-trusted'), 'Trusted <trusted@example.com>');
    const stranger = await generateGpgKey(join(gitRoot, '.gpg-stranger'), 'Stranger <stranger@example.com>');
    try {
      const signed = await TestRepository.create(gitRoot, 'signed');
      await signed.commit({ 'a.yaml': 'a: 1\n' }, 'signed', { sign: trusted });
      await signed.commit({ 'b.yaml': 'b: 1\n' }, 'by a stranger', { sign: stranger, branch: 'stranger' });
      await client.create({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'pgp', namespace: NS }, data: { 'trusted.asc': Buffer.from(trusted.armored).toString('base64') } } as KubeObject);
      const spec = (branch: string) => ({ url: `${git.url}/signed.git`, secretRef: { name: 'git-auth' }, ref: { branch }, verify: { mode: 'HEAD', secretRef: { name: 'pgp' } } });
      await createRepo('verified', spec('main'));
      await createRepo('unverified', spec('stranger'));
      const good = await untilRepo('verified', 'verified Ready', readyIs('True'));
      expect(good.status!.conditions!.find((c) => c.type === 'SourceVerified')).toMatchObject({ status: 'True', reason: 'Succeeded' });
      expect(good.status!.sourceVerificationMode).toBe('HEAD');
      const bad = await untilRepo('unverified', 'verification failure', readyIs('False'));
      expect(bad.status!.conditions!.find((c) => c.type === 'SourceVerified')).toMatchObject({ status: 'False', reason: 'VerificationError' });
      expect(bad.status!.artifact).toBeUndefined();
    } finally {
      for (const home of [trusted.gnupgHome, stranger.gnupgHome]) await run(['--kill', 'all'], { program: 'gpgconf', env: { PATH: process.env.PATH, GNUPGHOME: home } }).catch(() => undefined);
    }
  });

  it('does nothing while suspended, and resumes', async () => {
    await createRepo('paused', { url: `${git.url}/app.git`, secretRef: { name: 'git-auth' }, ref: { branch: 'main' }, suspend: true });
    await until('finalizer', async () => (await get('paused'))?.metadata.finalizers?.includes('finalizers.fluxcd.io'));
    await new Promise((r) => setTimeout(r, 500));
    expect((await get('paused'))!.status?.artifact).toBeUndefined();
    await client.mergePatch(ref('paused'), { spec: { suspend: false } });
    const repo = await untilRepo('paused', 'Ready after resume', readyIs('True'));
    expect(repo.status!.observedGeneration).toBe(2);
  });

  it('reconciles only its shard (sharding.fluxcd.io/key)', async () => {
    await client.create({
      apiVersion: 'source.toolkit.fluxcd.io/v1', kind: 'GitRepository',
      metadata: { name: 'sharded', namespace: NS, labels: { 'sharding.fluxcd.io/key': 'shard1' } },
      spec: { interval: '10m', url: `${git.url}/app.git`, secretRef: { name: 'git-auth' }, ref: { branch: 'main' } },
    } as KubeObject);
    await new Promise((r) => setTimeout(r, 800));
    expect((await get('sharded'))!.metadata.finalizers).toBeUndefined();
    const logger = pino({ level: 'silent' });
    const shard = await startSourceController({
      client, logger, metrics: new RuntimeMetrics(), dataDir: join(dataDir, 'shard1'), labelSelector: 'sharding.fluxcd.io/key=shard1',
      events: new EventRecorder({ client, controller: 'source-controller', logger }),
    });
    try {
      const repo = await untilRepo('sharded', 'shard1 Ready', readyIs('True'));
      expect(repo.status!.artifact!.url.startsWith(shard.artifactUrl)).toBe(true);
    } finally {
      await shard.stop();
    }
  });

  it('keeps only the sparse checkout directories, and fails clearly on a missing one', async () => {
    await createRepo('sparse', { url: `${git.url}/app.git`, secretRef: { name: 'git-auth' }, ref: { branch: 'main' }, sparseCheckout: ['./deploy/'] });
    const repo = await untilRepo('sparse', 'sparse Ready', readyIs('True'));
    const files = untar(Buffer.from(await (await fetch(repo.status!.artifact!.url)).arrayBuffer()));
    expect([...files.keys()]).toEqual(['deploy/app.yaml']);
    expect(repo.status!.observedSparseCheckout).toEqual(['./deploy/']);
    await createRepo('sparse-missing', { url: `${git.url}/app.git`, secretRef: { name: 'git-auth' }, ref: { branch: 'main' }, sparseCheckout: ['nope'] });
    const bad = await untilRepo('sparse-missing', 'failure', readyIs('False'));
    expect(ready(bad)!.message).toBe("failed to sparse checkout directories : 'nope' not found in the repository");
  });

  it('goes through the proxy of spec.proxySecretRef', async () => {
    const proxied: string[] = [];
    // A forward HTTP proxy: git sends absolute-URI requests to it.
    const proxy = createServer((req, res) => {
      proxied.push(`${req.method} ${req.url}`);
      const upstream = request(req.url!, { method: req.method, headers: req.headers }, (reply) => {
        res.writeHead(reply.statusCode!, reply.headers);
        reply.pipe(res);
      });
      req.pipe(upstream);
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    try {
      const address = `http://127.0.0.1:${(proxy.address() as { port: number }).port}`;
      await client.create({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'proxy', namespace: NS }, stringData: { address } } as KubeObject);
      await createRepo('proxied', { url: `${git.url}/app.git`, secretRef: { name: 'git-auth' }, ref: { branch: 'main' }, proxySecretRef: { name: 'proxy' } });
      await untilRepo('proxied', 'proxied Ready', readyIs('True'));
      expect(proxied.some((line) => line.includes('/app.git/info/refs'))).toBe(true);
    } finally {
      await new Promise((resolve) => proxy.close(resolve));
    }
  });

  it('stalls on a provider it cannot authenticate with, instead of fetching anonymously', async () => {
    await createRepo('azure', { url: `${git.url}/app.git`, provider: 'azure', ref: { branch: 'main' } });
    const repo = await untilRepo('azure', 'stalled', (r) => r?.status?.conditions?.some((c) => c.type === 'Stalled'));
    expect(ready(repo)).toMatchObject({ status: 'False', reason: 'InvalidProviderConfiguration' });
    expect(repo.status!.observedGeneration).toBe(1);
  });

  it('removes its artifacts and its finalizer when deleted', async () => {
    await client.delete(ref('semver'));
    await until('deletion', async () => (await get('semver')) === undefined);
    await expect(readdir(join(dataDir, 'artifacts/gitrepository', NS, 'semver'))).rejects.toThrow();
  });
});
