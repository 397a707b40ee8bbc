// The HTTPS front of the control plane: authentication, then routing of version, health,
// discovery, OpenAPI and resource paths to their handlers. Every failure is a Status.
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { Logger } from 'pino';
import { ApiError } from '../api-error.js';
import type { ResourceRegistry } from '../registry/index.js';
import { aggregatedDiscovery, aggregatedDiscoveryType, apiGroupDocument, apiGroupList, apiResourceList, apiVersions } from './discovery.js';
import { sendError, sendJson } from './http-io.js';
import { OpenApiCache } from './openapi-cache.js';
import { serveOpenApiV2 } from './openapi-v2.js';
import { handleResource, type HandlerContext } from './resource-handlers.js';
import type { ServingIdentity } from './tls.js';

/** The Kubernetes version the control plane reports (kubectl's dispatcher picks its binary from `minor`). */
export const KUBERNETES_VERSION = { major: '1', minor: '32', gitVersion: 'v1.32.0-weir', gitCommit: 'weir', gitTreeState: 'clean', buildDate: '2026-01-01T00:00:00Z', goVersion: 'go1.23', compiler: 'gc', platform: 'linux/amd64' };

const PUBLIC_PATHS = new Set(['/version', '/healthz', '/livez', '/readyz']);

/** What the API server serves from. */
export interface ApiServerOptions {
  readonly identity: ServingIdentity;
  readonly registry: ResourceRegistry;
  readonly handlers: HandlerContext;
  readonly logger: Logger;
}

function authorized(req: IncomingMessage, token: string): boolean {
  const header = req.headers.authorization ?? '';
  if (!header.startsWith('Bearer ')) return false;
  const given = Buffer.from(header.slice(7).trim());
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** Creates the HTTPS server (not yet listening). */
export function createApiServer(options: ApiServerOptions): Server {
  const openapi = new OpenApiCache(options.registry);
  const server = createServer({ key: options.identity.key, cert: options.identity.cert, keepAlive: true }, (req, res) => {
    route(options, openapi, req, res).catch((err: unknown) => {
      const apiError = sendError(res, err);
      if (apiError.httpCode >= 500) options.logger.error({ err, method: req.method, url: req.url }, 'request failed');
    });
  });
  server.keepAliveTimeout = 60_000;
  return server;
}

async function route(options: ApiServerOptions, openapi: OpenApiCache, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'https://weir.invalid');
  const path = url.pathname.replace(/\/+$/, '') || '/';
  if (!PUBLIC_PATHS.has(path) && !authorized(req, options.identity.token)) throw ApiError.unauthorized();
  const { registry } = options;
  if (path === '/version') return sendJson(res, 200, KUBERNETES_VERSION);
  if (path === '/healthz' || path === '/livez' || path === '/readyz') return sendText(res, 'ok');
  if (path === '/openapi/v2') return serveOpenApiV2(req, res);
  if (path.startsWith('/openapi/v3')) return openapi.serve(req, res, path.slice('/openapi/v3'.length).replace(/^\//, ''));
  const segments = path.split('/').filter(Boolean).map(decodeURIComponent);
  if (segments[0] === 'api') {
    if (segments.length === 1) return sendDiscovery(req, res, registry, true, () => apiVersions(req.headers.host ?? ''));
    return serveGroupVersion(options, req, res, url, '', segments[1]!, segments.slice(2));
  }
  if (segments[0] === 'apis') {
    if (segments.length === 1) return sendDiscovery(req, res, registry, false, () => apiGroupList(registry));
    if (segments.length === 2) return sendOrNotFound(res, apiGroupDocument(registry, segments[1]!));
    return serveGroupVersion(options, req, res, url, segments[1]!, segments[2]!, segments.slice(3));
  }
  throw ApiError.pathNotFound();
}

function sendText(res: ServerResponse, text: string): void {
  res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

function sendOrNotFound(res: ServerResponse, document: Record<string, unknown> | undefined): void {
  if (!document) throw ApiError.pathNotFound();
  sendJson(res, 200, document);
}

function sendDiscovery(req: IncomingMessage, res: ServerResponse, registry: ResourceRegistry, core: boolean, legacy: () => Record<string, unknown>): void {
  const aggregated = aggregatedDiscoveryType(req.headers.accept);
  if (aggregated) return sendJson(res, 200, aggregatedDiscovery(registry, core, aggregated), aggregated);
  sendJson(res, 200, legacy());
}

async function serveGroupVersion(options: ApiServerOptions, req: IncomingMessage, res: ServerResponse, url: URL, group: string, version: string, rest: string[]): Promise<void> {
  const { registry } = options;
  if (rest.length === 0) return sendOrNotFound(res, apiResourceList(registry, group, version));
  // `namespaces/<ns>/<plural>/…` is namespaced only when <plural> is a namespaced resource;
  // otherwise it is the namespace object itself (`namespaces/<ns>/status`, `…/finalize`).
  const scoped = rest[0] === 'namespaces' && rest.length >= 3 ? registry.resolve(group, version, rest[2]!) : undefined;
  const [namespace, plural, name, subresource, extra] = scoped?.namespaced ? rest.slice(1) : ['', ...rest];
  const type = scoped?.namespaced ? scoped : registry.resolve(group, version, plural!);
  if (!type || extra !== undefined) throw ApiError.pathNotFound();
  if (!type.namespaced && namespace) throw ApiError.pathNotFound();
  return handleResource(options.handlers, {
    type,
    namespace: namespace ?? '',
    ...(name !== undefined ? { name } : {}),
    ...(subresource !== undefined ? { subresource } : {}),
    query: url.searchParams,
    req,
    res,
  });
}
