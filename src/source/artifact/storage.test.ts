import { mkdir, mkdtemp, readFile, readlink, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ArtifactStorage } from './storage.js';

let root: string;
let source: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'weir-storage-'));
  source = join(root, 'src');
  await mkdir(source);
  await writeFile(join(source, 'app.yaml'), 'kind: ConfigMap\n');
});
afterEach(async () => { await rm(root, { recursive: true, force: true }); });

const owner = { kind: 'GitRepository', namespace: 'flux-system', name: 'podinfo' };
const sha = (n: number) => String(n).repeat(40).slice(0, 40);

describe('ArtifactStorage', () => {
  it('archives into <kind>/<ns>/<name>/<file> and records Flux artifact fields', async () => {
    const storage = new ArtifactStorage({ root: join(root, 'data'), advertisedAddress: 'source-controller.flux-system.svc.cluster.local.', now: () => new Date('2025-01-02T03:04:05.678Z') });
    const record = await storage.archive(owner, { fileName: `${sha(1)}.tar.gz`, revision: `main@sha1:${sha(1)}`, sourceDir: source });
    expect(record).toMatchObject({
      path: `gitrepository/flux-system/podinfo/${sha(1)}.tar.gz`,
      url: `http://source-controller.flux-system.svc.cluster.local./gitrepository/flux-system/podinfo/${sha(1)}.tar.gz`,
      revision: `main@sha1:${sha(1)}`, lastUpdateTime: '2025-01-02T03:04:05Z',
    });
    const bytes = await readFile(storage.localPath(record.path));
    expect(record.digest).toBe(`sha256:${createHash('sha256').update(bytes).digest('hex')}`);
    expect(record.size).toBe(bytes.length);
    expect(await storage.exists(record.path)).toBe(true);
    expect(await storage.exists('gitrepository/flux-system/podinfo/missing.tar.gz')).toBe(false);
    const files = await readdir(join(root, 'data', 'gitrepository', 'flux-system', 'podinfo'));
    expect(files).toEqual([`${sha(1)}.tar.gz`]); // no temp file left behind
  });

  it('keeps a relative latest.tar.gz symlink on the newest artifact', async () => {
    const storage = new ArtifactStorage({ root, advertisedAddress: 'http://127.0.0.1:9090/' });
    const first = await storage.archive(owner, { fileName: 'a.tar.gz', revision: 'r1', sourceDir: source });
    await storage.symlink(first.path);
    const second = await storage.writeArtifact(owner, { fileName: 'b.tar.gz', revision: 'r2', data: Buffer.from('x') });
    const url = await storage.symlink(second.path);
    expect(url).toBe('http://127.0.0.1:9090/gitrepository/flux-system/podinfo/latest.tar.gz');
    expect(await readlink(join(root, 'gitrepository/flux-system/podinfo/latest.tar.gz'))).toBe('b.tar.gz');
  });

  it('refuses artifact paths outside the root', () => {
    const storage = new ArtifactStorage({ root, advertisedAddress: 'x' });
    expect(() => storage.localPath('../escape.tar.gz')).toThrow(/outside the storage root/);
    const hostile = storage.artifactPath({ kind: 'GitRepository', namespace: '..', name: '..' }, '../x.tar.gz');
    expect(() => storage.localPath(hostile)).toThrow(/outside the storage root/);
  });

  it('collects garbage: keeps the current artifact and the newest records, drops files past the TTL', async () => {
    const now = new Date('2025-01-01T00:10:00Z');
    const storage = new ArtifactStorage({ root, advertisedAddress: 'x', retentionRecords: 2, retentionTtlMs: 60_000, now: () => now });
    const dir = join(root, 'gitrepository/flux-system/podinfo');
    await mkdir(dir, { recursive: true });
    const ages: Record<string, number> = { 'old.tar.gz': 600, 'older.tar.gz': 900, 'young1.tar.gz': 10, 'young2.tar.gz': 20, 'young3.tar.gz': 30, 'current.tar.gz': 5000 };
    for (const [name, seconds] of Object.entries(ages)) {
      await writeFile(join(dir, name), name);
      const t = new Date(now.getTime() - seconds * 1000);
      await utimes(join(dir, name), t, t);
    }
    await storage.symlink('gitrepository/flux-system/podinfo/current.tar.gz');
    const removed = await storage.garbageCollect('gitrepository/flux-system/podinfo/current.tar.gz');
    expect(removed.sort()).toEqual(['old', 'older', 'young2', 'young3'].map((n) => `gitrepository/flux-system/podinfo/${n}.tar.gz`));
    expect((await readdir(dir)).sort()).toEqual(['current.tar.gz', 'latest.tar.gz', 'young1.tar.gz']);
  });

  it('keeps young files within the record limit', async () => {
    const storage = new ArtifactStorage({ root, advertisedAddress: 'x', retentionRecords: 3 });
    const a = await storage.writeArtifact(owner, { fileName: 'a.tar.gz', revision: 'a', data: Buffer.from('a') });
    const b = await storage.writeArtifact(owner, { fileName: 'b.tar.gz', revision: 'b', data: Buffer.from('b') });
    expect(await storage.garbageCollect(b.path)).toEqual([]);
    expect(await storage.exists(a.path)).toBe(true);
  });

  it('removes everything of an object on deletion', async () => {
    const storage = new ArtifactStorage({ root, advertisedAddress: 'x' });
    const a = await storage.writeArtifact(owner, { fileName: 'a.tar.gz', revision: 'a', data: Buffer.from('a') });
    await storage.removeAll(owner);
    expect(await storage.exists(a.path)).toBe(false);
  });
});
