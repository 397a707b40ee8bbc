import { ProtobufDecodeError } from './errors.js';
import { readFields, WIRE_LEN, WIRE_VARINT, type WireField } from './wire-reader.js';

// apimachinery types whose protobuf shape differs from their JSON shape: each
// has a custom MarshalJSON in Go, so each gets a hand-written decoder here that
// produces what that MarshalJSON prints.

/** Decodes one well-known message body into its JSON value. */
export type WellKnownDecoder = (bytes: Uint8Array) => unknown;

const utf8 = new TextDecoder('utf-8');

function lastVarint(fields: WireField[], number: number): bigint {
  let value = 0n;
  for (const f of fields) if (f.number === number && f.wireType === WIRE_VARINT) value = f.value;
  return value;
}

function lastString(fields: WireField[], number: number): string {
  let value = '';
  for (const f of fields) if (f.number === number && f.wireType === WIRE_LEN) value = utf8.decode(f.value);
  return value;
}

// metav1.Time {1 seconds, 2 nanos}. Go unmarshals 0/0 to the zero time, which
// MarshalJSON prints as null; otherwise RFC 3339 in UTC at second precision.
function decodeTime(bytes: Uint8Array, micro: boolean): string | null {
  const fields = readFields(bytes);
  const seconds = BigInt.asIntN(64, lastVarint(fields, 1));
  const nanos = Number(BigInt.asIntN(32, lastVarint(fields, 2)));
  if (seconds === 0n && nanos === 0) return null;
  const date = new Date(Number(seconds) * 1000);
  // Go's Time.MarshalJSON refuses years outside [0, 9999]; so do we.
  const year = date.getUTCFullYear();
  if (Number.isNaN(year) || year < 0 || year > 9999) throw new ProtobufDecodeError(`timestamp ${seconds}s is out of range`);
  const whole = date.toISOString().slice(0, 19);
  // MicroTime prints RFC3339Micro: always six fractional digits.
  return micro ? `${whole}.${String(Math.floor(nanos / 1000)).padStart(6, '0')}Z` : `${whole}Z`;
}

// resource.Quantity {1 string}: the canonical string; a zero Quantity prints "0".
function decodeQuantity(bytes: Uint8Array): string {
  const s = lastString(readFields(bytes), 1);
  return s === '' ? '0' : s;
}

// intstr.IntOrString {1 type, 2 intVal, 3 strVal}: type 1 means string.
function decodeIntOrString(bytes: Uint8Array): number | string {
  const fields = readFields(bytes);
  if (lastVarint(fields, 1) === 1n) return lastString(fields, 3);
  return Number(BigInt.asIntN(32, lastVarint(fields, 2)));
}

// FieldsV1 {1 Raw}: Raw is already JSON and is printed verbatim; empty prints null.
function decodeFieldsV1(bytes: Uint8Array): unknown {
  let raw: Uint8Array | undefined;
  for (const f of readFields(bytes)) if (f.number === 1 && f.wireType === WIRE_LEN) raw = f.value;
  if (raw === undefined || raw.length === 0) return null;
  try {
    return JSON.parse(utf8.decode(raw)) as unknown;
  } catch (cause) {
    throw new ProtobufDecodeError('managedFields fieldsV1 is not valid JSON', { cause });
  }
}

/** Decoders for the apimachinery types that JSON renders as strings, numbers or raw JSON. */
export const WELL_KNOWN: ReadonlyMap<string, WellKnownDecoder> = new Map<string, WellKnownDecoder>([
  ['Time', (b) => decodeTime(b, false)],
  ['MicroTime', (b) => decodeTime(b, true)],
  ['Quantity', decodeQuantity],
  ['IntOrString', decodeIntOrString],
  ['FieldsV1', decodeFieldsV1],
]);

/** What an absent map value of a well-known type marshals to (e.g. a zero Quantity is "0"). */
export function wellKnownZero(type: string): unknown {
  return type === 'Quantity' ? '0' : type === 'IntOrString' ? 0 : null;
}
