// The artifact tarball, byte-reproducible (flux-spec §1.2): regular files and directories only,
// depth-first in byte order of names, uid/gid 0, empty user/group names, mtime 0, modes 0750
// (dirs) / 0700 (any exec bit) / 0600, then gzip with fixed settings; digest over the .tar.gz.
//
// Headers are encoded with the `tar` package's Header/Pax classes, but the entry list is ours:
// tar's Pack walks in readdir order and copies stat metadata (mtime, uid, modes, pax atime),
// which would make the bytes depend on the disk rather than on the content.
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { lstat, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable, Transform, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { Header, Pax } from 'tar';
import type { ArtifactFilter } from './ignore.js';

/** Digest (`sha256:<hex>`) and size of a written tarball. */
export interface TarballInfo {
  digest: string;
  size: number;
}

/** One archive member: a directory or a regular file, with the mode it is stored with. */
export interface TarEntry {
  path: string;
  full: string;
  dir: boolean;
  mode: number;
  size: number;
}

const byBytes = (a: string, b: string) => Buffer.compare(Buffer.from(a), Buffer.from(b));
const EPOCH = new Date(0);
// Go's gzip default level (Flux's writer); fixed so the bytes never depend on zlib defaults.
const GZIP = { level: 6, memLevel: 8, windowBits: 15 } as const;

/** Lists what goes into the tarball, in archive order, skipping symlinks and whatever the filter excludes. */
export async function listEntries(root: string, filter?: ArtifactFilter, rel = ''): Promise<TarEntry[]> {
  const names = (await readdir(join(root, rel))).sort(byBytes);
  const entries: TarEntry[] = [];
  for (const name of names) {
    const path = rel ? `${rel}/${name}` : name;
    const full = join(root, path);
    const stats = await lstat(full);
    if (stats.isDirectory()) {
      if (filter?.(path, true)) continue; // like gitignore: an excluded directory hides everything below
      entries.push({ path, full, dir: true, mode: 0o750, size: 0 });
      entries.push(...(await listEntries(root, filter, path)));
    } else if (stats.isFile() && !filter?.(path, false)) {
      entries.push({ path, full, dir: false, mode: stats.mode & 0o111 ? 0o700 : 0o600, size: stats.size });
    }
  }
  return entries;
}

function headerBlocks(entry: TarEntry): Buffer {
  const path = entry.dir ? `${entry.path}/` : entry.path;
  const header = new Header({ path, mode: entry.mode, uid: 0, gid: 0, size: entry.size, mtime: EPOCH, type: entry.dir ? 'Directory' : 'File', uname: '', gname: '' });
  const block = Buffer.alloc(512);
  // Long or non-ASCII names do not fit ustar: a pax record carries the full path (and nothing else).
  return header.encode(block) ? Buffer.concat([new Pax({ path }).encode(), block]) : block;
}

async function* tarStream(entries: readonly TarEntry[]): AsyncGenerator<Buffer> {
  for (const entry of entries) {
    yield headerBlocks(entry);
    if (entry.dir) continue;
    let written = 0;
    for await (const chunk of createReadStream(entry.full)) {
      written += (chunk as Buffer).length;
      if (written > entry.size) throw new Error(`${entry.path} changed while it was archived`);
      yield chunk as Buffer;
    }
    if (written !== entry.size) throw new Error(`${entry.path} changed while it was archived`);
    if (written % 512 !== 0) yield Buffer.alloc(512 - (written % 512));
  }
  yield Buffer.alloc(1024); // two zero blocks end the archive
}

/** Streams the gzipped tarball of `root` into `sink`, returning its digest and size. */
async function pack(root: string, sink: Writable, filter?: ArtifactFilter): Promise<TarballInfo> {
  const entries = await listEntries(root, filter);
  const hash = createHash('sha256');
  let size = 0;
  const measure = new Transform({ transform(chunk: Buffer, _enc, done) { hash.update(chunk); size += chunk.length; done(null, chunk); } });
  await pipeline(Readable.from(tarStream(entries)), createGzip(GZIP), measure, sink);
  return { digest: `sha256:${hash.digest('hex')}`, size };
}

/** Writes the tarball of `root` to `file` (the caller makes it atomic). */
export function writeTarball(root: string, file: string, options: { filter?: ArtifactFilter } = {}): Promise<TarballInfo> {
  return pack(root, createWriteStream(file, { mode: 0o600 }), options.filter);
}

/** Builds the tarball of `root` in memory (tests, small trees). */
export async function buildTarball(root: string, options: { filter?: ArtifactFilter } = {}): Promise<TarballInfo & { bytes: Buffer }> {
  const chunks: Buffer[] = [];
  const sink = new Writable({ write(chunk: Buffer, _enc, done) { chunks.push(chunk); done(); } });
  const info = await pack(root, sink, options.filter);
  return { ...info, bytes: Buffer.concat(chunks) };
}
