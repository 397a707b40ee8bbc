// HTTP to the API server with the credentials of a kubeconfig. client-node's KubeConfig supplies
// TLS material and auth headers (tokens, exec and OIDC plugins) per request; this file keeps one
// keep-alive agent so that requests share connections instead of paying a TLS handshake each.
import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import type { KubeConfig } from '@kubernetes/client-node';
import { WeirError, errorMessage } from '../lib/index.js';

/** One request: path below the server URL, query parameters, JSON body. */
export interface RequestSpec {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  query?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
  contentType?: string;
  signal?: AbortSignal;
}

/** A complete reply. */
export interface Reply {
  status: number;
  body: string;
}

/** How long a non-watch request may take before it is abandoned. */
export const REQUEST_TIMEOUT_MS = 60_000;

/** Sends requests to the cluster of a KubeConfig. */
export class Transport {
  /** API server URL without a trailing slash. */
  readonly server: string;
  private readonly proxied: boolean;
  private agent: http.Agent | undefined;

  constructor(private readonly config: KubeConfig) {
    const cluster = config.getCurrentCluster();
    if (!cluster) throw new WeirError('kube.config', 'kubeconfig: the current context names no cluster');
    this.server = cluster.server.replace(/\/+$/, '');
    this.proxied = Boolean(cluster.proxyUrl);
  }

  /** Sends a request and reads the whole reply; rejects on network errors and after the timeout. */
  async request(spec: RequestSpec): Promise<Reply> {
    const timeout = new AbortController();
    const timer = setTimeout(() => timeout.abort(new Error(`no reply within ${REQUEST_TIMEOUT_MS / 1000}s`)), REQUEST_TIMEOUT_MS);
    try {
      const signal = spec.signal ? AbortSignal.any([spec.signal, timeout.signal]) : timeout.signal;
      const res = await this.open({ ...spec, signal });
      return { status: res.statusCode ?? 0, body: await readBody(res) };
    } catch (err) {
      throw timeout.signal.aborted ? timeout.signal.reason : err;
    } finally {
      clearTimeout(timer);
    }
  }

  /** Sends a request and resolves with the reply as soon as its headers arrive (for streams). */
  async open(spec: RequestSpec): Promise<IncomingMessage> {
    const url = new URL(this.server + spec.path);
    for (const [key, value] of Object.entries(spec.query ?? {})) if (value !== undefined) url.searchParams.set(key, String(value));
    const payload = spec.body === undefined ? undefined : JSON.stringify(spec.body);
    const headers: Record<string, string> = { Accept: 'application/json', 'User-Agent': 'weir' };
    if (payload !== undefined) {
      headers['Content-Type'] = spec.contentType ?? 'application/json';
      headers['Content-Length'] = String(Buffer.byteLength(payload));
    }
    const options: https.RequestOptions = { method: spec.method, headers };
    await this.config.applyToHTTPSOptions(options);
    // applyToHTTPSOptions makes a new agent per call; keep ours unless a proxy agent is needed.
    if (!this.proxied) options.agent = this.agentFor(url, options);
    if (spec.signal) options.signal = spec.signal;
    return new Promise((resolve, reject) => {
      const req = (url.protocol === 'http:' ? http : https).request(url, options);
      req.on('response', resolve);
      // After the reply arrived, errors surface on the response; this listener only keeps them handled.
      req.on('error', reject);
      req.end(payload);
    });
  }

  /** Closes idle pooled connections. */
  close(): void {
    this.agent?.destroy();
    this.agent = undefined;
  }

  private agentFor(url: URL, options: https.RequestOptions): http.Agent {
    if (this.agent) return this.agent;
    if (url.protocol === 'http:') return (this.agent = new http.Agent({ keepAlive: true }));
    const { ca, cert, key, pfx, passphrase, rejectUnauthorized, servername } = options;
    const tls = { ca, cert, key, pfx, passphrase, servername, ...(rejectUnauthorized !== undefined ? { rejectUnauthorized } : {}) };
    return (this.agent = new https.Agent({ keepAlive: true, ...tls }));
  }
}

/** Reads a reply body as text. */
export function readBody(res: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    res.on('data', (chunk: Buffer) => chunks.push(chunk));
    res.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    res.on('error', reject);
  });
}

/** The error for a request that got no reply (refused, reset, timed out). */
export function requestError(subject: string, url: string, err: unknown): WeirError {
  return new WeirError('kube.request', `${subject}: ${url}: ${errorMessage(err)}`, {
    cause: err,
    hint: 'check that the API server is up and reachable from here',
  });
}
