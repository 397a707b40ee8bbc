// Serves the OpenAPI v3 index and documents, rebuilt only when the served resources change, with
// ETags so that kubectl's HTTP cache can revalidate instead of downloading again.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApiError } from '../api-error.js';
import type { ResourceRegistry } from '../registry/index.js';
import { sendJson } from './http-io.js';
import { documentHash, openApiDocument, openApiPathOf } from './openapi.js';

interface Built {
  readonly generation: number;
  readonly index: string;
  readonly documents: Map<string, { text: string; hash: string }>;
}

/** OpenAPI documents cached per registry generation. */
export class OpenApiCache {
  private built: Built | undefined;

  constructor(private readonly registry: ResourceRegistry) {}

  /** Serves `/openapi/v3` (empty `path`) or `/openapi/v3/<path>`. */
  serve(req: IncomingMessage, res: ServerResponse, path: string): void {
    const built = this.current();
    if (path === '') return this.reply(req, res, built.index, documentHash(built.index));
    const document = built.documents.get(path);
    if (!document) throw ApiError.pathNotFound();
    this.reply(req, res, document.text, document.hash);
  }

  private reply(req: IncomingMessage, res: ServerResponse, text: string, hash: string): void {
    const etag = `"${hash}"`;
    if (req.headers['if-none-match'] === etag) {
      res.writeHead(304, { ETag: etag });
      res.end();
      return;
    }
    sendJson(res, 200, text, 'application/json', { ETag: etag });
  }

  private current(): Built {
    if (this.built?.generation === this.registry.generation) return this.built;
    const documents = new Map<string, { text: string; hash: string }>();
    for (const group of this.registry.groups()) {
      for (const version of group.versions) {
        const document = openApiDocument(this.registry, group.name, version);
        if (!document) continue;
        const text = JSON.stringify(document);
        documents.set(openApiPathOf(group.name, version), { text, hash: documentHash(text) });
      }
    }
    const paths = Object.fromEntries([...documents].map(([path, doc]) => [path, { serverRelativeURL: `/openapi/v3/${path}?hash=${doc.hash}` }]));
    this.built = { generation: this.registry.generation, index: JSON.stringify({ paths }), documents };
    return this.built;
  }
}
