// RFC 6902 JSON patch (application/json-patch+json) with the semantics and messages of the
// library the Kubernetes API server uses (evanphx/json-patch v4, vendored as
// gopkg.in/evanphx/json-patch.v4): paths are resolved as it resolves them (negative array
// indices count from the end; `replace` of a missing object key adds it), failures are worded
// as it words them, and fast-json-patch then performs each normalized operation.
import jsonpatch, { type Operation as PatchOperation } from 'fast-json-patch';
import { JsonPatchError } from './errors.js';
import { deepClone, deepEqual, isJsonObject, type JsonObject } from './json-value.js';

// The API server refuses larger patches (maxJSONPatchOperations in the patch handler).
const MAX_OPERATIONS = 10000;
const MISSING = 'missing value';
const INVALID_INDEX = 'invalid index referenced';

type Container = JsonObject | unknown[];
type Operation = Record<string, unknown>;
interface Location {
  readonly container: Container;
  readonly key: string;
  /** Normalized tokens from the root to the container. */
  readonly tokens: readonly string[];
}
interface Found {
  readonly value?: unknown;
  readonly token?: string;
  readonly error?: string;
}

class OpFailure extends Error {}

function fail(message: string): never {
  throw new OpFailure(message);
}

// RFC 6901: `~1` is `/` and `~0` is `~`, decoded in one left-to-right pass.
function decodeKey(token: string): string {
  return token.replace(/~[01]/g, (m) => (m === '~1' ? '/' : '~'));
}

function pointer(tokens: readonly string[]): string {
  return tokens.map((t) => `/${jsonpatch.escapePathComponent(t)}`).join('');
}

// Go's strconv.Atoi: an optional sign and decimal digits, nothing else.
function atoi(key: string): number | string {
  if (!/^[+-]?\d+$/.test(key)) return `strconv.Atoi: parsing ${JSON.stringify(key)}: invalid syntax`;
  const n = Number(key);
  return Number.isSafeInteger(n) ? n : `strconv.Atoi: parsing ${JSON.stringify(key)}: value out of range`;
}

// An index into an array of `length` items, negative ones counting from the end.
function arrayIndex(key: string, length: number): number | string {
  const parsed = atoi(key);
  if (typeof parsed === 'string') return parsed;
  const idx = parsed < 0 && parsed >= -length ? parsed + length : parsed;
  return idx < 0 || idx >= length ? `Unable to access invalid index: ${parsed}: ${INVALID_INDEX}` : idx;
}

function getChild(container: Container, key: string): Found {
  if (!Array.isArray(container)) return { value: Object.hasOwn(container, key) ? container[key] : undefined, token: key };
  const idx = arrayIndex(key, container.length);
  return typeof idx === 'string' ? { error: idx } : { value: container[idx], token: String(idx) };
}

function findObject(doc: unknown, path: string): Location | undefined {
  const parts = path.split('/');
  if (parts.length < 2 || doc === null || typeof doc !== 'object') return undefined;
  let container = doc as Container;
  const tokens: string[] = [];
  for (const raw of parts.slice(1, -1)) {
    const found = getChild(container, decodeKey(raw));
    if (found.error !== undefined || found.value === null || typeof found.value !== 'object') return undefined;
    tokens.push(found.token!);
    container = found.value as Container;
  }
  return { container, key: decodeKey(parts[parts.length - 1]!), tokens };
}

function jsonKind(value: unknown): string {
  if (Array.isArray(value)) return 'array';
  return value === null ? 'null' : typeof value === 'boolean' ? 'bool' : typeof value;
}

function stringField(op: Operation, field: 'path' | 'from'): string | undefined {
  const value = op[field];
  return typeof value === 'string' ? value : undefined;
}

function pathOf(op: Operation, verb: string, field: 'path' | 'from' = 'path'): string {
  const value = stringField(op, field);
  if (value !== undefined) return value;
  const missing = field === 'path' ? 'operation missing path field' : 'operation, missing from field';
  const reason = op[field] == null ? `${missing}: ${MISSING}` : `json: cannot unmarshal ${jsonKind(op[field])} into Go value of type string`;
  return fail(`${verb} operation failed to decode ${field}: ${reason}`);
}

function valueOf(op: Operation): unknown {
  return Object.hasOwn(op, 'value') ? op.value : null;
}

// Where `add` puts a value: `-` appends, an index may equal the length.
function addPointer(loc: Location, errPrefix: string): string {
  if (!Array.isArray(loc.container)) return pointer([...loc.tokens, loc.key]);
  if (loc.key === '-') return pointer([...loc.tokens, '-']);
  const parsed = atoi(loc.key);
  if (typeof parsed === 'string') fail(`${errPrefix}value was not a proper array index: '${loc.key}': ${parsed}`);
  const size = loc.container.length + 1;
  const idx = parsed < 0 && parsed >= -size ? parsed + size : parsed;
  if (idx < 0 || idx >= size) fail(`${errPrefix}Unable to access invalid index: ${parsed}: ${INVALID_INDEX}`);
  return pointer([...loc.tokens, String(idx)]);
}

// Where `remove` takes a value from, or the library's reason why it cannot.
function removePointer(loc: Location): string {
  if (Array.isArray(loc.container)) {
    const idx = arrayIndex(loc.key, loc.container.length);
    if (typeof idx === 'string') fail(idx);
    return pointer([...loc.tokens, String(idx)]);
  }
  if (!Object.hasOwn(loc.container, loc.key)) fail(`Unable to remove nonexistent key: ${loc.key}: ${MISSING}`);
  return pointer([...loc.tokens, loc.key]);
}

function mutate(doc: unknown, op: PatchOperation): unknown {
  try {
    return jsonpatch.applyOperation(doc, op, false, true).newDocument;
  } catch (err) {
    // fast-json-patch refuses __proto__ and constructor/prototype paths.
    return fail(err instanceof Error ? err.message : String(err));
  }
}

function locate(doc: unknown, path: string, message: string): Location {
  return findObject(doc, path) ?? fail(`${message}: ${MISSING}`);
}

function wrap<T>(prefix: string, run: () => T): T {
  try {
    return run();
  } catch (err) {
    if (err instanceof OpFailure) fail(`${prefix}${err.message}`);
    throw err;
  }
}

const OPERATIONS: Record<string, (doc: unknown, op: Operation) => unknown> = {
  add(doc, op) {
    const path = stringField(op, 'path') ?? fail(`add operation failed to decode path: ${MISSING}`);
    const loc = locate(doc, path, `add operation does not apply: doc is missing path: "${path}"`);
    return mutate(doc, { op: 'add', path: addPointer(loc, `error in add for path: '${path}': `), value: deepClone(valueOf(op)) });
  },
  remove(doc, op) {
    const path = stringField(op, 'path') ?? fail(`remove operation failed to decode path: ${MISSING}`);
    const loc = locate(doc, path, `remove operation does not apply: doc is missing path: "${path}"`);
    return mutate(doc, { op: 'remove', path: wrap(`error in remove for path: '${path}': `, () => removePointer(loc)) });
  },
  replace(doc, op) {
    const path = pathOf(op, 'replace');
    const value = deepClone(valueOf(op));
    if (path === '') return value !== null && typeof value === 'object' ? value : fail('replace operation value must be object or array: %!w(<nil>)');
    const loc = locate(doc, path, `replace operation does not apply: doc is missing path: ${path}`);
    // The library only checks array indices here; a missing object key is simply set.
    const found = getChild(loc.container, loc.key);
    if (found.error !== undefined) fail(`replace operation does not apply: doc is missing key: ${path}: ${MISSING}`);
    return mutate(doc, { op: 'replace', path: pointer([...loc.tokens, found.token!]), value });
  },
  move(doc, op) {
    const from = pathOf(op, 'move', 'from');
    const source = locate(doc, from, `move operation does not apply: doc is missing from path: ${from}`);
    const found = getChild(source.container, source.key);
    if (found.error !== undefined) fail(`error in move for path: '${source.key}': ${found.error}`);
    const moved = mutate(doc, { op: 'remove', path: wrap(`error in move for path: '${source.key}': `, () => removePointer(source)) });
    const path = pathOf(op, 'move');
    const target = locate(moved, path, `move operation does not apply: doc is missing destination path: ${path}`);
    return mutate(moved, { op: 'add', path: addPointer(target, `error in move for path: '${path}': `), value: found.value ?? null });
  },
  copy(doc, op) {
    const from = pathOf(op, 'copy', 'from');
    const source = locate(doc, from, `copy operation does not apply: doc is missing from path: ${from}`);
    const found = getChild(source.container, source.key);
    if (found.error !== undefined) fail(`error in copy for from: '${from}': ${found.error}`);
    const path = stringField(op, 'path') ?? fail(`copy operation failed to decode path: ${MISSING}`);
    const target = locate(doc, path, `copy operation does not apply: doc is missing destination path: ${path}`);
    return mutate(doc, { op: 'add', path: addPointer(target, 'error while adding value during copy: '), value: deepClone(found.value ?? null) });
  },
  test(doc, op) {
    const path = pathOf(op, 'test');
    const failed = `testing value ${path} failed: test failed`;
    if (path === '') return deepEqual(doc, op.value) ? doc : fail(failed);
    const loc = locate(doc, path, `test operation does not apply: is missing path: ${path}`);
    const found = getChild(loc.container, loc.key);
    if (found.error !== undefined) fail(`error in test for path: '${path}': ${found.error}`);
    // A missing value equals an absent or null expectation, as in the library.
    if (found.value === undefined) return op.value === undefined || op.value === null ? doc : fail(failed);
    return Object.hasOwn(op, 'value') && deepEqual(found.value, op.value) ? doc : fail(failed);
  },
};

// Decoding as the library does (json.Unmarshal into []map[string]*json.RawMessage).
function decodeOperations(operations: unknown): Operation[] {
  if (!Array.isArray(operations)) throw JsonPatchError.decode(`json: cannot unmarshal ${jsonKind(operations)} into Go value of type jsonpatch.Patch`);
  for (const op of operations) {
    if (op !== null && !isJsonObject(op)) throw JsonPatchError.decode(`json: cannot unmarshal ${jsonKind(op)} into Go value of type jsonpatch.Operation`);
  }
  if (operations.length > MAX_OPERATIONS) throw JsonPatchError.tooLarge(operations.length, MAX_OPERATIONS);
  return operations.map((op) => (op ?? {}) as Operation);
}

/** Applies RFC 6902 operations to a copy of `target`, as the API server does; throws JsonPatchError. */
export function applyJsonPatch(target: unknown, operations: unknown): unknown {
  const ops = decodeOperations(operations);
  let doc = deepClone(target);
  ops.forEach((op, index) => {
    const kind = typeof op.op === 'string' ? op.op : 'unknown';
    const apply = Object.hasOwn(OPERATIONS, kind) ? OPERATIONS[kind]! : () => fail(`Unexpected kind: ${kind}`);
    try {
      doc = apply(doc, op);
    } catch (err) {
      if (err instanceof OpFailure) throw JsonPatchError.operationFailed(err.message, index);
      throw err;
    }
  });
  return doc;
}
