// A minimal HTTPS client for the control plane's REST API, for tests that need exact requests.
import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:https';
import { join } from 'node:path';

/** A reply: HTTP status and parsed JSON body (undefined when empty). */
export interface ApiReply {
  readonly status: number;
  readonly body: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- tests read arbitrary JSON
}

/** Talks to a control plane with the identity from its data directory. */
export class ApiClient {
  private readonly agent: Agent;
  private readonly token: string;

  constructor(
    readonly url: string,
    dataDir: string,
    maxSockets = 16,
  ) {
    this.agent = new Agent({ ca: readFileSync(join(dataDir, 'ca.crt')), keepAlive: true, maxSockets });
    this.token = readFileSync(join(dataDir, 'token'), 'utf8').trim();
  }

  /** Sends one request; `body` objects are sent as JSON unless a content type says otherwise. */
  send(method: string, path: string, body?: unknown, contentType = 'application/json'): Promise<ApiReply> {
    const data = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
    return new Promise((resolve, reject) => {
      const req = request(new URL(path, this.url), {
        method,
        agent: this.agent,
        headers: { authorization: `Bearer ${this.token}`, accept: 'application/json', ...(data !== undefined ? { 'content-type': contentType, 'content-length': Buffer.byteLength(data) } : {}) },
      }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({ status: res.statusCode ?? 0, body: text ? JSON.parse(text) : undefined });
        });
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end(data);
    });
  }

  /** Opens a watch and calls `onEvent` per line until `stop()` is called or the server ends it. */
  watch(path: string, onEvent: (event: { type: string; object: any }) => void): { stop(): void; ended: Promise<void> } { // eslint-disable-line @typescript-eslint/no-explicit-any
    let stop = () => undefined as void;
    const ended = new Promise<void>((resolve, reject) => {
      const req = request(new URL(path, this.url), { method: 'GET', agent: this.agent, headers: { authorization: `Bearer ${this.token}` } }, (res) => {
        let buffer = '';
        res.on('data', (chunk: Buffer) => {
          buffer += chunk.toString('utf8');
          let newline: number;
          while ((newline = buffer.indexOf('\n')) >= 0) {
            const line = buffer.slice(0, newline).trim();
            buffer = buffer.slice(newline + 1);
            if (line) onEvent(JSON.parse(line) as { type: string; object: unknown });
          }
        });
        res.on('end', resolve);
        res.on('close', resolve);
        res.on('error', () => resolve());
      });
      req.on('error', (err) => ((err as NodeJS.ErrnoException).code === 'ECONNRESET' ? resolve() : reject(err)));
      req.end();
      stop = () => req.destroy();
    });
    return { stop: () => stop(), ended };
  }

  close(): void {
    this.agent.destroy();
  }
}
