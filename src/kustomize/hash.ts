// ConfigMap and Secret name hashes, byte-identical to kustomize's (api/hasher): SHA-256 over the
// Go JSON encoding of {kind, name, data…}, the first ten hex digits made "safe" by swapping
// vowels and look-alike digits so the suffix never spells words. kustomize looks the name up
// with a path that never matches, so "name" is always "" (the suffix ignores prefixes too).
import { createHash } from 'node:crypto';
import { isObject, type JsonObject } from './resource.js';

/** Go's encoding/json string escaping (HTML-safe, like json.Marshal). */
function goJsonString(text: string): string {
  return JSON.stringify(text).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** json.Marshal of nested string maps: keys sorted, as Go sorts map keys (by bytes). */
function goJson(value: unknown): string {
  if (typeof value === 'string') return goJsonString(value);
  if (isObject(value)) {
    const keys = Object.keys(value).sort(byBytes);
    return `{${keys.map((k) => `${goJsonString(k)}:${goJson(value[k])}`).join(',')}}`;
  }
  if (typeof value === 'boolean' || typeof value === 'number') return String(value);
  return 'null';
}

const byBytes = (a: string, b: string) => Buffer.compare(Buffer.from(a), Buffer.from(b));

const SAFE: Record<string, string> = { '0': 'g', '1': 'h', '3': 'k', a: 'm', e: 't' };

/** The ten-character suffix kustomize derives from a hex digest. */
function encodeSuffix(hex: string): string {
  return [...hex.slice(0, 10)].map((c) => SAFE[c] ?? c).join('');
}

/** A field as kustomize's hasher reads it: maps as maps, anything missing as "". */
const field = (v: unknown): unknown => (v === undefined || v === null ? '' : v);

/** The name hash of a ConfigMap or Secret object. */
export function nameHash(obj: JsonObject): string {
  const encoded: JsonObject = { kind: obj.kind, name: '', data: field(obj.data) };
  if (obj.kind === 'Secret') {
    encoded.type = field(obj.type);
    if (isObject(obj.stringData)) encoded.stringData = obj.stringData;
  } else if (isObject(obj.binaryData)) {
    encoded.binaryData = obj.binaryData;
  }
  return encodeSuffix(createHash('sha256').update(goJson(encoded)).digest('hex'));
}
