import { ProtobufDecodeError } from './errors.js';

// The protobuf wire format, read by hand: a message is a flat run of
// (tag, value) pairs, tag = field number << 3 | wire type. This layer knows
// nothing of Kubernetes; it only splits bytes into fields, and never reads
// past the end of its buffer (every length is checked first).
// Spec: https://protobuf.dev/programming-guides/encoding/

/** Wire type 0: varint (int32, int64, uint*, bool, enum). */
export const WIRE_VARINT = 0;
/** Wire type 1: 8 little-endian bytes (fixed64, sfixed64, double). */
export const WIRE_FIXED64 = 1;
/** Wire type 2: length-delimited (string, bytes, messages, packed repeated). */
export const WIRE_LEN = 2;
/** Wire type 5: 4 little-endian bytes (fixed32, sfixed32, float). */
export const WIRE_FIXED32 = 5;

const WIRE_START_GROUP = 3;
const WIRE_END_GROUP = 4;
const MAX_VARINT_BYTES = 10;
const MAX_FIELD_NUMBER = 2 ** 29 - 1;

/** One field as it appears on the wire; varints and fixed64 stay unsigned 64-bit bigints. */
export type WireField =
  | { readonly number: number; readonly wireType: typeof WIRE_VARINT; readonly value: bigint }
  | { readonly number: number; readonly wireType: typeof WIRE_FIXED64; readonly value: bigint }
  | { readonly number: number; readonly wireType: typeof WIRE_LEN; readonly value: Uint8Array }
  | { readonly number: number; readonly wireType: typeof WIRE_FIXED32; readonly value: number };

/** Reads one base-128 varint at `pos`; returns the unsigned 64-bit value and the next position. */
export function readVarint(bytes: Uint8Array, pos: number): [bigint, number] {
  let result = 0n;
  let shift = 0n;
  for (let i = 0; i < MAX_VARINT_BYTES; i++) {
    const b = bytes[pos + i];
    if (b === undefined) throw new ProtobufDecodeError(`truncated varint at byte ${pos}`);
    result |= BigInt(b & 0x7f) << shift;
    if ((b & 0x80) === 0) return [BigInt.asUintN(64, result), pos + i + 1];
    shift += 7n;
  }
  throw new ProtobufDecodeError(`varint longer than ${MAX_VARINT_BYTES} bytes at byte ${pos}`);
}

/** Splits a message into its fields in wire order; groups (deprecated, unused by Kubernetes) are skipped. */
export function readFields(bytes: Uint8Array): WireField[] {
  const fields: WireField[] = [];
  let pos = 0;
  while (pos < bytes.length) {
    const start = pos;
    const [number, wireType, afterTag] = readTag(bytes, pos);
    pos = afterTag;
    switch (wireType) {
      case WIRE_VARINT: {
        const [value, next] = readVarint(bytes, pos);
        fields.push({ number, wireType, value });
        pos = next;
        break;
      }
      case WIRE_FIXED64:
        fields.push({ number, wireType, value: readFixed64(bytes, pos) });
        pos += 8;
        break;
      case WIRE_FIXED32:
        fields.push({ number, wireType, value: readFixed32(bytes, pos) });
        pos += 4;
        break;
      case WIRE_LEN: {
        const [length, next] = readLength(bytes, pos);
        fields.push({ number, wireType, value: bytes.subarray(next, next + length) });
        pos = next + length;
        break;
      }
      case WIRE_START_GROUP:
        pos = skipGroup(bytes, pos, number);
        break;
      default:
        throw new ProtobufDecodeError(`unexpected wire type ${wireType} for field ${number} at byte ${start}`);
    }
  }
  return fields;
}

/** Decodes a packed repeated varint field (wire type 2 holding back-to-back varints). */
export function readPackedVarints(bytes: Uint8Array): bigint[] {
  const values: bigint[] = [];
  let pos = 0;
  while (pos < bytes.length) {
    const [value, next] = readVarint(bytes, pos);
    values.push(value);
    pos = next;
  }
  return values;
}

function readTag(bytes: Uint8Array, pos: number): [number, number, number] {
  const [tag, next] = readVarint(bytes, pos);
  if (tag > BigInt(MAX_FIELD_NUMBER) * 8n + 7n) throw new ProtobufDecodeError(`field tag out of range at byte ${pos}`);
  const number = Number(tag >> 3n);
  if (number === 0) throw new ProtobufDecodeError(`field number 0 at byte ${pos}`);
  return [number, Number(tag & 7n), next];
}

function readLength(bytes: Uint8Array, pos: number): [number, number] {
  const [length, next] = readVarint(bytes, pos);
  if (length > BigInt(bytes.length - next)) {
    throw new ProtobufDecodeError(`length ${length} at byte ${pos} runs past the end of the message (${bytes.length} bytes)`);
  }
  return [Number(length), next];
}

function readFixed64(bytes: Uint8Array, pos: number): bigint {
  if (pos + 8 > bytes.length) throw new ProtobufDecodeError(`truncated fixed64 at byte ${pos}`);
  return new DataView(bytes.buffer, bytes.byteOffset + pos, 8).getBigUint64(0, true);
}

function readFixed32(bytes: Uint8Array, pos: number): number {
  if (pos + 4 > bytes.length) throw new ProtobufDecodeError(`truncated fixed32 at byte ${pos}`);
  return new DataView(bytes.buffer, bytes.byteOffset + pos, 4).getUint32(0, true);
}

// Skips to just past the END_GROUP that closes `groupNumber`, iteratively so that
// hostile nesting cannot grow the stack.
function skipGroup(bytes: Uint8Array, pos: number, groupNumber: number): number {
  const open = [groupNumber];
  while (open.length > 0) {
    if (pos >= bytes.length) throw new ProtobufDecodeError(`unterminated group ${groupNumber}`);
    const [number, wireType, next] = readTag(bytes, pos);
    pos = next;
    if (wireType === WIRE_VARINT) pos = readVarint(bytes, pos)[1];
    else if (wireType === WIRE_FIXED64) pos = checkedAdvance(bytes, pos, 8);
    else if (wireType === WIRE_FIXED32) pos = checkedAdvance(bytes, pos, 4);
    else if (wireType === WIRE_LEN) {
      const [length, after] = readLength(bytes, pos);
      pos = after + length;
    } else if (wireType === WIRE_START_GROUP) open.push(number);
    else if (wireType === WIRE_END_GROUP) {
      if (open.pop() !== number) throw new ProtobufDecodeError(`mismatched end of group ${number}`);
    } else throw new ProtobufDecodeError(`unexpected wire type ${wireType} inside group ${groupNumber}`);
  }
  return pos;
}

function checkedAdvance(bytes: Uint8Array, pos: number, n: number): number {
  if (pos + n > bytes.length) throw new ProtobufDecodeError(`truncated fixed-width field at byte ${pos}`);
  return pos + n;
}
