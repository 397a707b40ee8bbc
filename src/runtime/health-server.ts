// The probe and metrics endpoint of a controller process: /healthz (liveness: the process answers),
// /readyz (readiness: the caller decides, e.g. caches synced and leading) and /metrics (Prometheus
// text from the runtime's own registry).
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { errorMessage } from '../lib/index.js';
import type { RuntimeMetrics } from './metrics.js';

/** Options of startHealthServer. */
export interface HealthServerOptions {
  /** Address to listen on, e.g. `127.0.0.1` or `0.0.0.0`. */
  address: string;
  /** Port; 0 picks a free one (see the returned port). */
  port: number;
  metrics: RuntimeMetrics;
  /** Whether /readyz answers 200 (else 503). */
  ready: () => boolean;
}

/** A listening health server. */
export interface HealthServer {
  readonly port: number;
  close(): Promise<void>;
}

/** Starts the health server and resolves once it listens. */
export function startHealthServer(options: HealthServerOptions): Promise<HealthServer> {
  const server = createServer((req, res) => {
    void handle(options, req, res);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.address, () => {
      server.off('error', reject);
      resolve({
        port: (server.address() as AddressInfo).port,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}

async function handle(options: HealthServerOptions, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const path = new URL(req.url ?? '/', 'http://localhost').pathname;
  if (req.method !== 'GET' && req.method !== 'HEAD') return reply(res, 405, 'method not allowed\n');
  switch (path) {
    case '/healthz':
      return reply(res, 200, 'ok\n');
    case '/readyz':
      return options.ready() ? reply(res, 200, 'ok\n') : reply(res, 503, 'not ready\n');
    case '/metrics':
      try {
        return reply(res, 200, await options.metrics.registry.metrics(), options.metrics.registry.contentType);
      } catch (err) {
        return reply(res, 500, `${errorMessage(err)}\n`);
      }
    default:
      return reply(res, 404, 'not found\n');
  }
}

function reply(res: ServerResponse, status: number, body: string, contentType = 'text/plain; charset=utf-8'): void {
  res.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(body) });
  res.end(body);
}
