// The artifact store on disk (flux-spec §0 "Artifact", §1.2): `<kind>/<ns>/<name>/<file>` under
// a root, written atomically (temp file + rename, so the HTTP server never serves half a file),
// a `latest.tar.gz` symlink, and garbage collection of older files per object.
import { createHash, randomBytes } from 'node:crypto';
import { lstat, mkdir, readdir, rename, rm, symlink, writeFile } from 'node:fs/promises';
import { dirname, join, posix, relative, resolve, sep } from 'node:path';
import { WeirError } from '../../lib/index.js';
import type { ArtifactFilter } from './ignore.js';
import { writeTarball } from './tarball.js';

/** Flux's `status.artifact` record. */
export interface ArtifactRecord {
  path: string;
  url: string;
  revision: string;
  digest: string;
  /** RFC 3339, seconds precision (metav1.Time). */
  lastUpdateTime: string;
  size: number;
}

/** Where the store lives, how it is reached, how much history it keeps. */
export interface ArtifactStorageOptions {
  /** `--storage-path`. */
  root: string;
  /** `--storage-adv-addr`: `host[:port]` or a full `http://host:port` base URL. */
  advertisedAddress: string;
  /** `--artifact-retention-records` (default 2, the current artifact included). */
  retentionRecords?: number;
  /** `--artifact-retention-ttl` in ms (default 60s). */
  retentionTtlMs?: number;
  /** Clock for tests. */
  now?: () => Date;
}

/** Identifies the object an artifact belongs to. */
export interface ArtifactOwner {
  kind: string;
  namespace: string;
  name: string;
}

const rfc3339 = (date: Date) => date.toISOString().replace(/\.\d{3}Z$/, 'Z');

/** The artifact files of all sources, and their URLs. */
export class ArtifactStorage {
  readonly root: string;
  private readonly base: string;
  private readonly records: number;
  private readonly ttlMs: number;
  private readonly now: () => Date;

  constructor(options: ArtifactStorageOptions) {
    this.root = resolve(options.root);
    const address = options.advertisedAddress.replace(/\/+$/, '');
    this.base = /^https?:\/\//.test(address) ? address : `http://${address}`;
    this.records = options.retentionRecords ?? 2;
    this.ttlMs = options.retentionTtlMs ?? 60_000;
    this.now = options.now ?? (() => new Date());
  }

  /** `<lowercase kind>/<namespace>/<name>/<fileName>`, the artifact path Flux records. */
  artifactPath(owner: ArtifactOwner, fileName: string): string {
    return posix.join(owner.kind.toLowerCase(), owner.namespace, owner.name, fileName);
  }

  /** The file behind an artifact path; refuses paths that would leave the root. */
  localPath(path: string): string {
    const full = resolve(this.root, path);
    if (full !== this.root && !full.startsWith(this.root + sep)) throw new WeirError('source.storage.path', `artifact path '${path}' is outside the storage root`);
    return full;
  }

  /** The URL an artifact path is served at. */
  urlFor(path: string): string {
    return `${this.base}/${path.split('/').map(encodeURIComponent).join('/')}`;
  }

  /** Whether the artifact file exists as a regular file. */
  async exists(path: string): Promise<boolean> {
    const stats = await lstat(this.localPath(path)).catch(() => undefined);
    return stats?.isFile() ?? false;
  }

  /** Archives a directory as `<owner dir>/<fileName>` (for a GitRepository: `<commit>.tar.gz`). */
  async archive(owner: ArtifactOwner, options: { fileName: string; revision: string; sourceDir: string; filter?: ArtifactFilter }): Promise<ArtifactRecord> {
    const path = this.artifactPath(owner, options.fileName);
    const info = await this.atomically(path, (temp) => writeTarball(options.sourceDir, temp, { filter: options.filter }));
    return { path, url: this.urlFor(path), revision: options.revision, digest: info.digest, lastUpdateTime: rfc3339(this.now()), size: info.size };
  }

  /** Stores bytes as an artifact (index files, charts, copied artifacts). */
  async writeArtifact(owner: ArtifactOwner, options: { fileName: string; revision: string; data: Buffer }): Promise<ArtifactRecord> {
    const path = this.artifactPath(owner, options.fileName);
    await this.atomically(path, (temp) => writeFile(temp, options.data, { mode: 0o600 }));
    const digest = `sha256:${createHash('sha256').update(options.data).digest('hex')}`;
    return { path, url: this.urlFor(path), revision: options.revision, digest, lastUpdateTime: rfc3339(this.now()), size: options.data.length };
  }

  /** Points `<owner dir>/<linkName>` at the artifact (relative link, swapped atomically); returns its URL. */
  async symlink(path: string, linkName = 'latest.tar.gz'): Promise<string> {
    const target = this.localPath(path);
    const link = join(dirname(target), linkName);
    const temp = `${link}.tmp-${randomBytes(4).toString('hex')}`;
    await symlink(relative(dirname(link), target), temp);
    await rename(temp, link);
    return this.urlFor(posix.join(posix.dirname(path), linkName));
  }

  /**
   * Removes older artifact files of the object that holds `currentPath`: the current one always
   * stays; any other file older than the TTL goes; of the rest only the newest `retentionRecords`
   * (the current one counted) stay. Symlinks are left alone. Returns the removed paths.
   */
  async garbageCollect(currentPath: string): Promise<string[]> {
    const current = this.localPath(currentPath);
    const dir = dirname(current);
    const names = await readdir(dir).catch(() => [] as string[]);
    const files: Array<{ full: string; mtime: number }> = [];
    for (const name of names) {
      const full = join(dir, name);
      const stats = await lstat(full).catch(() => undefined);
      if (stats?.isFile() && full !== current) files.push({ full, mtime: stats.mtimeMs });
    }
    const now = this.now().getTime();
    const expired = files.filter((f) => now - f.mtime > this.ttlMs);
    const young = files.filter((f) => now - f.mtime <= this.ttlMs).sort((a, b) => b.mtime - a.mtime);
    const doomed = [...expired, ...young.slice(Math.max(0, this.records - 1))];
    for (const file of doomed) await rm(file.full, { force: true });
    return doomed.map((f) => relative(this.root, f.full).split(sep).join('/'));
  }

  /** Removes one artifact file (a digest mismatch). */
  async removeArtifact(path: string): Promise<void> {
    await rm(this.localPath(path), { force: true });
  }

  /** Removes every artifact of an object (on deletion). */
  async removeAll(owner: ArtifactOwner): Promise<void> {
    await rm(this.localPath(posix.join(owner.kind.toLowerCase(), owner.namespace, owner.name)), { recursive: true, force: true });
  }

  private async atomically<T>(path: string, write: (temp: string) => Promise<T>): Promise<T> {
    const target = this.localPath(path);
    await mkdir(dirname(target), { recursive: true });
    const temp = join(dirname(target), `.tmp-${randomBytes(6).toString('hex')}`);
    try {
      const result = await write(temp);
      await rename(temp, target);
      return result;
    } catch (err) {
      await rm(temp, { force: true });
      throw new WeirError('source.storage.write', `storing artifact '${path}' failed: ${(err as Error).message}`, { cause: err });
    }
  }
}
