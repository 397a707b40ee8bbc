// RFC 6902 JSON patch with the API server's semantics and wording (evanphx/json-patch v4).
import { describe, expect, it } from 'vitest';
import { applyJsonPatch, JsonPatchError } from './index.js';

const cm = { metadata: { name: 'foo' }, data: { a: '1', b: '2' }, list: ['x', 'y', 'z'] };

function failure(operations: unknown): JsonPatchError {
  try {
    applyJsonPatch(cm, operations);
  } catch (err) {
    if (err instanceof JsonPatchError) return err;
    throw err;
  }
  throw new Error('expected the patch to fail');
}

describe('applyJsonPatch', () => {
  it('adds and removes keys (kubectl patch --type json)', () => {
    const result = applyJsonPatch(cm, [{ op: 'add', path: '/data/j', value: '2' }, { op: 'remove', path: '/data/a' }]);
    expect(result).toMatchObject({ data: { b: '2', j: '2' } });
  });

  it('inserts into arrays, appends with -, and counts negative indices from the end', () => {
    const result = applyJsonPatch(cm, [
      { op: 'add', path: '/list/1', value: 'w' },
      { op: 'add', path: '/list/-', value: 'end' },
      { op: 'remove', path: '/list/-1' },
    ]);
    expect((result as typeof cm).list).toEqual(['x', 'w', 'y', 'z']);
  });

  it('replaces, moves, copies and tests values', () => {
    const result = applyJsonPatch(cm, [
      { op: 'test', path: '/data/a', value: '1' },
      { op: 'replace', path: '/data/a', value: 'one' },
      { op: 'copy', from: '/data/a', path: '/data/c' },
      { op: 'move', from: '/data/b', path: '/metadata/b' },
    ]);
    expect(result).toMatchObject({ metadata: { name: 'foo', b: '2' }, data: { a: 'one', c: 'one' } });
  });

  it('sets a missing object key on replace, as the library the API server uses does', () => {
    expect(applyJsonPatch(cm, [{ op: 'replace', path: '/data/new', value: 'v' }])).toMatchObject({ data: { new: 'v' } });
  });

  it('decodes ~1 and ~0 in keys', () => {
    const result = applyJsonPatch({ metadata: { annotations: {} } }, [{ op: 'add', path: '/metadata/annotations/example.com~1a~0b', value: 'x' }]);
    expect(result).toEqual({ metadata: { annotations: { 'example.com/a~b': 'x' } } });
  });

  it('leaves its inputs untouched', () => {
    const before = JSON.stringify(cm);
    applyJsonPatch(cm, [{ op: 'remove', path: '/data/a' }, { op: 'add', path: '/list/0', value: 'q' }]);
    expect(JSON.stringify(cm)).toBe(before);
  });
});

describe('applyJsonPatch failures', () => {
  it('fails removing a missing key with the library message and 422 Invalid', () => {
    const err = failure([{ op: 'remove', path: '/data/missing' }]);
    expect(err.message).toBe("error in remove for path: '/data/missing': Unable to remove nonexistent key: missing: missing value");
    expect([err.httpStatus, err.reason, err.statusMessage]).toEqual([422, 'Invalid', 'the server rejected our request due to an error in our request']);
    expect(err.operationIndex).toBe(0);
  });

  it('fails when the parent of the path is missing', () => {
    expect(failure([{ op: 'remove', path: '/spec/x' }]).message).toBe('remove operation does not apply: doc is missing path: "/spec/x": missing value');
    expect(failure([{ op: 'replace', path: '/spec/x', value: 1 }]).message).toBe('replace operation does not apply: doc is missing path: /spec/x: missing value');
    expect(failure([{ op: 'add', path: '/spec/x', value: 1 }]).message).toBe('add operation does not apply: doc is missing path: "/spec/x": missing value');
  });

  it('fails on array indices out of range', () => {
    expect(failure([{ op: 'replace', path: '/list/9', value: 1 }]).message).toBe('replace operation does not apply: doc is missing key: /list/9: missing value');
    expect(failure([{ op: 'add', path: '/list/5', value: 1 }]).message).toBe("error in add for path: '/list/5': Unable to access invalid index: 5: invalid index referenced");
    expect(failure([{ op: 'remove', path: '/list/x' }]).message).toBe(`error in remove for path: '/list/x': strconv.Atoi: parsing "x": invalid syntax`);
  });

  it('fails a test that does not match', () => {
    expect(failure([{ op: 'test', path: '/data/a', value: 'nope' }]).message).toBe('testing value /data/a failed: test failed');
  });

  it('fails an unknown operation', () => {
    expect(failure([{ op: 'explode', path: '/data' }]).message).toBe('Unexpected kind: explode');
    expect(failure([{ path: '/data' }]).message).toBe('Unexpected kind: unknown');
  });

  it('rejects bodies that are not lists of operations with 400', () => {
    const err = failure({ op: 'add' });
    expect([err.httpStatus, err.reason, err.message]).toEqual([400, 'BadRequest', 'json: cannot unmarshal object into Go value of type jsonpatch.Patch']);
    expect(failure(['add']).message).toBe('json: cannot unmarshal string into Go value of type jsonpatch.Operation');
  });

  it('rejects more than 10000 operations with 413', () => {
    const err = failure(Array.from({ length: 10001 }, () => ({ op: 'test', path: '/metadata/name', value: 'foo' })));
    expect([err.httpStatus, err.reason]).toEqual([413, 'RequestEntityTooLarge']);
  });
});
