// The artifact file server (flux-spec §1.2): unauthenticated GET/HEAD of regular files under the
// storage root; no directory listings, and nothing outside the root — `..` and symlinks that
// resolve elsewhere answer 404 like any missing file.
import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { join, posix, sep } from 'node:path';

/** A running artifact server. */
export interface ArtifactServer {
  /** `http://<host>:<port>` as bound. */
  url: string;
  port: number;
  close(): Promise<void>;
}

/** Where to serve from and listen on (`--storage-addr`; host default 127.0.0.1, port 0 = any free). */
export interface ArtifactServerOptions {
  root: string;
  host?: string;
  port?: number;
}

const TYPES: Array<[RegExp, string]> = [[/\.(tar\.gz|tgz)$/, 'application/gzip'], [/\.ya?ml$/, 'application/x-yaml'], [/\.json$/, 'application/json']];

/** Resolves a request path to a regular file inside root, or undefined. */
export async function resolveArtifactFile(root: string, urlPath: string): Promise<string | undefined> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0') || decoded.split('/').includes('..')) return undefined;
  const realRoot = await realpath(root);
  const real = await realpath(join(realRoot, posix.normalize(`/${decoded}`))).catch(() => undefined);
  if (!real || !real.startsWith(realRoot + sep)) return undefined;
  const stats = await stat(real).catch(() => undefined);
  return stats?.isFile() ? real : undefined;
}

async function handle(root: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { Allow: 'GET, HEAD', 'Content-Type': 'text/plain' }).end('method not allowed\n');
    return;
  }
  const path = (req.url ?? '/').split('?')[0]!;
  const file = await resolveArtifactFile(root, path);
  const stats = file ? await stat(file).catch(() => undefined) : undefined;
  if (!file || !stats) {
    res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found\n');
    return;
  }
  const type = TYPES.find(([re]) => re.test(file))?.[1] ?? 'application/octet-stream';
  res.writeHead(200, { 'Content-Type': type, 'Content-Length': stats.size, 'Last-Modified': stats.mtime.toUTCString(), 'X-Content-Type-Options': 'nosniff' });
  if (req.method === 'HEAD') { res.end(); return; }
  createReadStream(file).on('error', () => res.destroy()).pipe(res);
}

/** Starts the artifact server. */
export async function startArtifactServer(options: ArtifactServerOptions): Promise<ArtifactServer> {
  const server = createServer((req, res) => {
    handle(options.root, req, res).catch(() => { if (!res.headersSent) res.writeHead(500); res.end(); });
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => { server.once('error', reject); server.listen(options.port ?? 0, host, resolve); });
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`, port,
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}
