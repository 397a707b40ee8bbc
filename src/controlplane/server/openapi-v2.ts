// The OpenAPI v2 document, served empty. kubectl reads v2 (as protobuf) only when OpenAPI v3 does
// not describe a kind — a `kind: List` file, or a kind that no resource serves — and validates
// that object client-side. Finding no schema for the kind it skips validation and goes on: it
// creates the List's items, or says "resource mapping not found … ensure CRDs are installed
// first". A 404 here would fail both with "error validating data: the server could not find the
// requested resource". Everything kubectl validates or patches by schema comes from v3.
import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * The media type of the reply (gnostic's OpenAPIv2 Document message). kubectl asks for the older
 * `…spec.v2@v1.0+protobuf` spelling, but Go's mime parser rejects `@` in a Content-Type reply, so
 * the API server answers with the dotted form, as here.
 */
export const OPENAPI_V2_PROTOBUF = 'application/com.github.proto-openapi.spec.v2.v1.0+protobuf';

const TITLE = 'Kubernetes';
const VERSION = 'v1.32.0';

function varint(value: number): number[] {
  const bytes: number[] = [];
  let rest = value;
  while (rest > 0x7f) {
    bytes.push((rest & 0x7f) | 0x80);
    rest >>>= 7;
  }
  bytes.push(rest);
  return bytes;
}

/** One length-delimited field (wire type 2): strings and nested messages. */
function lengthDelimited(field: number, payload: Uint8Array): Uint8Array {
  return Uint8Array.from([...varint((field << 3) | 2), ...varint(payload.length), ...payload]);
}

function concat(...parts: Uint8Array[]): Uint8Array {
  return Uint8Array.from(parts.flatMap((part) => [...part]));
}

/** Document{swagger: "2.0", info: Info{title, version}} with no paths and no definitions. */
export function emptyOpenApiV2Protobuf(): Uint8Array {
  const text = (s: string) => new TextEncoder().encode(s);
  const info = concat(lengthDelimited(1, text(TITLE)), lengthDelimited(2, text(VERSION)));
  return concat(lengthDelimited(1, text('2.0')), lengthDelimited(2, info));
}

/** Serves /openapi/v2: protobuf when asked for, JSON otherwise. */
export function serveOpenApiV2(req: IncomingMessage, res: ServerResponse): void {
  const protobuf = (req.headers.accept ?? '').includes('protobuf');
  const body = protobuf ? Buffer.from(emptyOpenApiV2Protobuf()) : Buffer.from(JSON.stringify({ swagger: '2.0', info: { title: TITLE, version: VERSION }, paths: {} }));
  res.writeHead(200, { 'Content-Type': protobuf ? OPENAPI_V2_PROTOBUF : 'application/json', 'Content-Length': body.length, 'Cache-Control': 'no-cache, private' });
  res.end(body);
}
