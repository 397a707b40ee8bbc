import { describe, expect, it } from 'vitest';
import { readFields, WIRE_LEN } from '../protobuf/wire-reader.js';
import { emptyOpenApiV2Protobuf } from './openapi-v2.js';

function strings(bytes: Uint8Array): Record<number, Uint8Array> {
  return Object.fromEntries(readFields(bytes).map((field) => {
    if (field.wireType !== WIRE_LEN) throw new Error(`field ${field.number} is not length-delimited`);
    return [field.number, field.value];
  }));
}

describe('emptyOpenApiV2Protobuf', () => {
  it('is a gnostic Document with swagger 2.0, an info block and no paths or definitions', () => {
    const document = strings(emptyOpenApiV2Protobuf());
    expect(Object.keys(document)).toEqual(['1', '2']);
    expect(new TextDecoder().decode(document[1])).toBe('2.0');
    const info = strings(document[2]!);
    expect(new TextDecoder().decode(info[1])).toBe('Kubernetes');
    expect(new TextDecoder().decode(info[2])).toBe('v1.32.0');
  });
});
