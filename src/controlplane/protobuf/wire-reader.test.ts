import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ProtobufDecodeError } from './errors.js';
import { readFields, readPackedVarints, readVarint } from './wire-reader.js';

const bytes = (...b: number[]): Uint8Array => Uint8Array.from(b);

describe('readVarint', () => {
  it.each<[number[], bigint, number]>([
    [[0x00], 0n, 1],
    [[0x01], 1n, 1],
    [[0x7f], 127n, 1],
    [[0x80, 0x01], 128n, 2],
    [[0xac, 0x02], 300n, 2],
    [[0xff, 0xff, 0xff, 0xff, 0x0f], 0xffffffffn, 5],
    // -1 as int64/int32 is ten bytes on the wire: all 64 bits set.
    [[0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01], 2n ** 64n - 1n, 10],
  ])('reads %j as %s', (input, value, next) => {
    expect(readVarint(bytes(...input), 0)).toEqual([value, next]);
  });

  it('reads from an offset', () => {
    expect(readVarint(bytes(0x08, 0x96, 0x01), 1)).toEqual([150n, 3]);
  });

  it('rejects a varint cut off by the end of the buffer', () => {
    expect(() => readVarint(bytes(0x80, 0x80), 0)).toThrow(ProtobufDecodeError);
  });

  it('rejects a varint longer than ten bytes', () => {
    expect(() => readVarint(bytes(...Array<number>(11).fill(0x80), 0x01), 0)).toThrow(/longer than 10 bytes/);
  });
});

describe('readFields', () => {
  it('splits varint, fixed64, length-delimited and fixed32 fields in wire order', () => {
    const input = bytes(
      0x08, 0x96, 0x01, // 1: varint 150
      0x11, 1, 0, 0, 0, 0, 0, 0, 0x80, // 2: fixed64
      0x1a, 0x03, 0x61, 0x62, 0x63, // 3: "abc"
      0x25, 0x01, 0x02, 0x03, 0x04, // 4: fixed32
    );
    const fields = readFields(input);
    expect(fields.map((f) => [f.number, f.wireType])).toEqual([[1, 0], [2, 1], [3, 2], [4, 5]]);
    expect(fields[0]?.value).toBe(150n);
    expect(fields[1]?.value).toBe(0x8000000000000001n);
    expect(Buffer.from(fields[2]?.value as Uint8Array).toString()).toBe('abc');
    expect(fields[3]?.value).toBe(0x04030201);
  });

  it('reads a nested message from a length-delimited value', () => {
    const [outer] = readFields(bytes(0x0a, 0x04, 0x0a, 0x02, 0x68, 0x69));
    const [inner] = readFields(outer?.value as Uint8Array);
    expect(inner?.number).toBe(1);
    expect(Buffer.from(inner?.value as Uint8Array).toString()).toBe('hi');
  });

  it('keeps repeated occurrences of a field as separate entries', () => {
    expect(readFields(bytes(0x08, 0x01, 0x08, 0x02)).map((f) => f.value)).toEqual([1n, 2n]);
  });

  it('skips groups, including nested ones, and continues after them', () => {
    // 5: start group { 1: varint 1, 6: start group { 2: "x" } end 6 } end 5, then 7: varint 9
    const input = bytes(0x2b, 0x08, 0x01, 0x33, 0x12, 0x01, 0x78, 0x34, 0x2c, 0x38, 0x09);
    expect(readFields(input)).toEqual([{ number: 7, wireType: 0, value: 9n }]);
  });

  it('returns no fields for an empty message', () => {
    expect(readFields(new Uint8Array(0))).toEqual([]);
  });

  it.each<[string, number[], RegExp]>([
    ['a length past the end', [0x0a, 0x05, 0x61], /runs past the end/],
    ['a huge length', [0x0a, 0xff, 0xff, 0xff, 0xff, 0x0f], /runs past the end/],
    ['a truncated fixed64', [0x09, 0x01, 0x02], /truncated fixed64/],
    ['a truncated fixed32', [0x0d, 0x01], /truncated fixed32/],
    ['a truncated tag', [0x80], /truncated varint/],
    ['field number 0', [0x00, 0x01], /field number 0/],
    ['wire type 6', [0x0e, 0x00], /unexpected wire type 6/],
    ['wire type 7', [0x0f], /unexpected wire type 7/],
    ['an end group with no start', [0x0c], /unexpected wire type 4/],
    ['an unterminated group', [0x0b, 0x08, 0x01], /unterminated group/],
    ['a mismatched end group', [0x0b, 0x14], /mismatched end of group/],
  ])('rejects %s with a ProtobufDecodeError', (_title, input, message) => {
    expect(() => readFields(bytes(...input))).toThrow(ProtobufDecodeError);
    expect(() => readFields(bytes(...input))).toThrow(message);
  });

  it('never throws anything but ProtobufDecodeError, and always terminates, on arbitrary bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 256 }), (input) => {
        try {
          readFields(input);
        } catch (err) {
          expect(err).toBeInstanceOf(ProtobufDecodeError);
        }
      }),
      { numRuns: 2000 },
    );
  });
});

describe('readPackedVarints', () => {
  it('reads back-to-back varints', () => {
    expect(readPackedVarints(bytes(0x03, 0x8e, 0x02, 0x9e, 0xa7, 0x05))).toEqual([3n, 270n, 86942n]);
  });

  it('rejects a packed run that ends mid-varint', () => {
    expect(() => readPackedVarints(bytes(0x03, 0x8e))).toThrow(ProtobufDecodeError);
  });
});
