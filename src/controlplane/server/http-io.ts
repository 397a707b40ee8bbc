// Reading request bodies and writing JSON replies and Status errors.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { parse as parseYaml } from 'yaml';
import { ApiError, type StatusCause } from '../api-error.js';
import { errorMessage } from '../../lib/index.js';

/** The largest body the API accepts (the Kubernetes API server's limit is 3 MiB too). */
export const MAX_BODY_BYTES = 3 * 1024 * 1024;

/** Reads the whole body, refusing more than `limit` bytes with 413. */
export async function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limit) {
    req.resume();
    throw ApiError.tooLarge(limit);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw ApiError.tooLarge(limit);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** The media type of a Content-Type header, without parameters. */
export function mediaTypeOf(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0]!.trim().toLowerCase();
}

/** Parses a JSON or YAML body into a value; malformed input is a 400 that says where. */
export function parseStructuredBody(body: Buffer, mediaType: string): unknown {
  const text = body.toString('utf8');
  if (text.trim() === '') throw ApiError.badRequest('the body of the request is empty');
  if (mediaType === 'application/yaml' || mediaType === 'application/apply-patch+yaml' || mediaType === 'text/yaml') {
    // kubectl and client libraries send JSON, which is YAML too: JSON.parse is ~20x faster than a YAML parser.
    if (/^\s*[{[]/.test(text)) {
      try {
        return JSON.parse(text);
      } catch {
        // not JSON after all: parse it as YAML below
      }
    }
    try {
      return parseYaml(text, { strict: true, uniqueKeys: true, prettyErrors: true });
    } catch (err) {
      throw ApiError.badRequest(`error converting YAML to JSON: ${errorMessage(err).split('\n')[0]}`);
    }
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw ApiError.badRequest(`the body of the request could not be decoded as JSON: ${errorMessage(err)}`);
  }
}

/** Sends a JSON reply; `body` may already be JSON text. */
export function sendJson(res: ServerResponse, code: number, body: unknown, contentType = 'application/json', extraHeaders: Record<string, string> = {}): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(code, { 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(text), 'Cache-Control': 'no-cache, private', ...extraHeaders });
  res.end(text);
}

/** Bytes gathered before a streamed reply writes them to the socket. */
const STREAM_CHUNK_BYTES = 256 * 1024;

/**
 * Sends `head`, the comma-joined `items`, then `tail` as one JSON reply in chunks, waiting for
 * the socket to drain between them so that a large list never sits in memory twice.
 */
export async function streamJson(res: ServerResponse, head: string, items: readonly (() => string)[], tail: string): Promise<void> {
  res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-cache, private' });
  let chunk = head;
  for (let i = 0; i < items.length; i++) {
    chunk += (i > 0 ? ',' : '') + items[i]!();
    if (chunk.length < STREAM_CHUNK_BYTES) continue;
    if (!res.write(chunk)) await new Promise<void>((drained) => {
      res.once('drain', drained);
      res.once('close', drained);
    });
    if (res.destroyed) return;
    chunk = '';
  }
  res.end(chunk + tail);
}

/**
 * The Status for an error. Errors of the pure libraries (merge, ssa, protobuf) carry the HTTP
 * code and reason the API server would answer with; anything else is a 500.
 */
export function toApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  const coded = err as { statusCode?: unknown; reason?: unknown; message?: unknown; causes?: unknown };
  if (err instanceof Error && typeof coded.statusCode === 'number' && typeof coded.reason === 'string') {
    const causes = Array.isArray(coded.causes) ? { causes: coded.causes as StatusCause[] } : undefined;
    return new ApiError(coded.statusCode, coded.reason, err.message, causes);
  }
  return ApiError.internal(errorMessage(err));
}

/** Sends an error as a Status; returns it so that the caller can log 500s. */
export function sendError(res: ServerResponse, err: unknown): ApiError {
  const apiError = toApiError(err);
  if (!res.headersSent) sendJson(res, apiError.httpCode, apiError.toStatus());
  else res.destroy();
  return apiError;
}
