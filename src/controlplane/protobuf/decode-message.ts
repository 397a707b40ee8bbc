import { ProtobufDecodeError } from './errors.js';
import type { FieldSpec, MessageSpec } from './schema.js';
import { WELL_KNOWN, wellKnownZero } from './well-known.js';
import { readFields, readPackedVarints, WIRE_LEN, WIRE_VARINT, type WireField } from './wire-reader.js';

// Turns one message's bytes into the object Go's encoding/json would print for
// the same Go struct. The rules that matter, since kubectl's encoder (gogo
// protobuf) writes every non-pointer field even when it is zero:
//  - a present zero scalar is dropped only when the Go field is a non-pointer
//    with omitempty; pointers and fields without omitempty keep it;
//  - structs are never omitted by Go, so a message field prints even when empty,
//    and an absent non-pointer struct prints as its zero value;
//  - an absent slice, map or pointer without omitempty prints as null.
// Unknown field numbers are skipped, as protobuf requires.

const MAX_DEPTH = 64;
const EMPTY = new Uint8Array(0);
// Marks a field Go's encoder would leave out of the JSON.
const OMIT = Symbol('omit');
const utf8 = new TextDecoder('utf-8');

/** Resolves a message name to its compiled descriptor. */
export type MessageLookup = (name: string) => MessageSpec | undefined;

/** Where a decode is: the descriptor lookup, the path for error messages, and the nesting depth. */
export interface DecodePlace {
  readonly lookup: MessageLookup;
  readonly path: string;
  readonly depth: number;
}

interface Collected {
  values: unknown[];
  chunks: Uint8Array[];
  entries: Record<string, unknown>;
}

const child = (at: DecodePlace, f: FieldSpec): DecodePlace => ({ ...at, path: `${at.path}.${f.json || f.type}` });

/** Decodes `bytes` as message `name` into the object Go's encoding/json would print. */
export function decodeMessage(name: string, bytes: Uint8Array, at: DecodePlace): Record<string, unknown> {
  if (at.depth > MAX_DEPTH) throw new ProtobufDecodeError(`${at.path}: nesting deeper than ${MAX_DEPTH} messages`);
  const spec = at.lookup(name);
  if (spec === undefined) throw new Error(`protobuf descriptor ${name} is missing`);
  const collected = collect(spec, readFields(bytes), at);
  const out: Record<string, unknown> = {};
  for (const f of spec.fields) {
    const c = collected.get(f.number);
    if (f.inline) Object.assign(out, decodeValue(f.type, concat(c?.chunks ?? []), child(at, f)));
    else {
      const value = c === undefined ? absentValue(f, child(at, f)) : presentValue(f, c, child(at, f));
      if (value !== OMIT) out[f.json] = value;
    }
  }
  return out;
}

function collect(spec: MessageSpec, wire: WireField[], at: DecodePlace): Map<number, Collected> {
  const collected = new Map<number, Collected>();
  for (const wf of wire) {
    const f = spec.byNumber.get(wf.number);
    if (f === undefined) continue;
    let c = collected.get(f.number);
    if (c === undefined) {
      c = { values: [], chunks: [], entries: {} };
      collected.set(f.number, c);
    }
    const here = child(at, f);
    if (f.map) {
      const [key, value] = decodeMapEntry(f, expectBytes(wf, here.path), here);
      // defineProperty, not assignment: a label named "__proto__" must stay an
      // ordinary key (as JSON.parse makes it) instead of replacing the prototype.
      Object.defineProperty(c.entries, key, { value, enumerable: true, writable: true, configurable: true });
    } else if (!f.scalar) {
      // Repeated messages are separate elements; a singular message seen twice
      // merges, which for protobuf is the same as decoding the concatenation.
      if (f.repeated) c.values.push(decodeValue(f.type, expectBytes(wf, here.path), here));
      else c.chunks.push(expectBytes(wf, here.path));
    } else if (f.repeated && wf.wireType === WIRE_LEN && isVarintType(f.type)) {
      for (const v of readPackedVarints(wf.value)) c.values.push(convertVarint(f.type, v));
    } else {
      c.values.push(decodeScalar(f.type, wf, here.path));
    }
  }
  return collected;
}

function presentValue(f: FieldSpec, c: Collected, at: DecodePlace): unknown {
  if (f.map) return c.entries;
  if (f.repeated) return c.values;
  if (!f.scalar) return decodeValue(f.type, concat(c.chunks), at);
  const value = c.values[c.values.length - 1];
  return f.pointer || f.required || !isZero(value) ? value : OMIT;
}

// What Go prints for a field the wire did not carry (see the header comment).
function absentValue(f: FieldSpec, at: DecodePlace): unknown {
  if (f.repeated || f.map || f.pointer || f.type === 'bytes') return f.required ? null : OMIT;
  if (!f.scalar) return decodeValue(f.type, EMPTY, at);
  if (!f.required) return OMIT;
  return f.type === 'string' ? '' : f.type === 'bool' ? false : 0;
}

function decodeValue(type: string, bytes: Uint8Array, at: DecodePlace): unknown {
  const wellKnown = WELL_KNOWN.get(type);
  if (wellKnown === undefined) return decodeMessage(type, bytes, { ...at, depth: at.depth + 1 });
  try {
    return wellKnown(bytes);
  } catch (err) {
    if (err instanceof ProtobufDecodeError) throw new ProtobufDecodeError(`${at.path}: ${err.message}`, { cause: err });
    throw err;
  }
}

// A map<string, T> entry is a message {1 key, 2 value}; a missing value is T's zero.
function decodeMapEntry(f: FieldSpec, bytes: Uint8Array, at: DecodePlace): [string, unknown] {
  let key = '';
  let value: unknown;
  const valueChunks: Uint8Array[] = [];
  for (const wf of readFields(bytes)) {
    if (wf.number === 1) key = utf8.decode(expectBytes(wf, `${at.path} key`));
    else if (wf.number === 2) {
      if (f.scalar) value = decodeScalar(f.type, wf, `${at.path}[${key}]`);
      else valueChunks.push(expectBytes(wf, `${at.path}[${key}]`));
    }
  }
  if (!f.scalar) {
    const here = { ...at, path: `${at.path}[${key}]` };
    if (valueChunks.length > 0) value = decodeValue(f.type, concat(valueChunks), here);
    else value = WELL_KNOWN.has(f.type) ? wellKnownZero(f.type) : decodeValue(f.type, EMPTY, here);
  }
  if (value === undefined) value = f.type === 'string' || f.type === 'bytes' ? '' : f.type === 'bool' ? false : 0;
  return [key, value];
}

function decodeScalar(type: string, wf: WireField, where: string): unknown {
  if (type === 'string') return utf8.decode(expectBytes(wf, where));
  // []byte marshals to standard base64 with padding in Go's encoding/json.
  if (type === 'bytes') return Buffer.from(expectBytes(wf, where)).toString('base64');
  if (wf.wireType !== WIRE_VARINT) {
    throw new ProtobufDecodeError(`${where}: wire type ${wf.wireType} where a varint (${type}) was expected`);
  }
  return convertVarint(type, wf.value);
}

function convertVarint(type: string, v: bigint): unknown {
  if (type === 'bool') return v !== 0n;
  // int32 negatives arrive sign-extended to 64 bits; int64 beyond 2^53 loses
  // precision exactly as JSON.parse of the same number would.
  return Number(type === 'int32' ? BigInt.asIntN(32, v) : BigInt.asIntN(64, v));
}

function expectBytes(wf: WireField, where: string): Uint8Array {
  if (wf.wireType !== WIRE_LEN) {
    throw new ProtobufDecodeError(`${where}: wire type ${wf.wireType} where length-delimited data was expected`);
  }
  return wf.value;
}

function isVarintType(type: string): boolean {
  return type === 'bool' || type === 'int32' || type === 'int64';
}

function isZero(value: unknown): boolean {
  return value === '' || value === 0 || value === false;
}

function concat(chunks: Uint8Array[]): Uint8Array {
  if (chunks.length === 0) return EMPTY;
  if (chunks.length === 1) return chunks[0] as Uint8Array;
  return Buffer.concat(chunks);
}
