// kyaml field paths as replacements use them: `spec.template.spec.containers.[name=app].image`,
// `metadata.annotations.[a.b/c]` (brackets keep dots), `0` (list index), `*` (every item) and
// `[=value]` (a scalar item). Targets are found like kyaml's PathMatcher (list-item values are
// unanchored regular expressions; `create` builds what is missing); sources like its PathGetter
// (exact values, first match).
import type { JsonObject } from '../../apimachinery/index.js';

/** Where a matched field lives, so it can be replaced in place. */
export interface FieldSlot {
  readonly parent: JsonObject | unknown[];
  readonly key: string | number;
  /** The field did not exist and was created empty (its value takes the YAML type its text implies). */
  readonly created: boolean;
}

/** The kind of node `create` makes for the last path part. */
export type CreateKind = 'map' | 'list' | 'scalar';

/** A path that cannot be walked (a list where a map is expected, an index past the end). */
export class FieldPathError extends Error {}

/** Splits a field path on dots, keeping `[…]` parts whole (kustomize's SmarterPathSplitter); empty parts (a leading dot) are dropped as kyaml does. */
export function splitFieldPath(path: string): string[] {
  return splitParts(path).map((p) => p.trim()).filter((p) => p !== '');
}

function splitParts(path: string): string[] {
  const raw: string[] = [];
  for (const part of path.split('.')) {
    const last = raw.length - 1;
    if (last >= 0 && raw[last]!.endsWith('\\')) raw[last] = `${raw[last]!.slice(0, -1)}.${part}`;
    else raw.push(part);
  }
  const out: string[] = [];
  for (let i = 0; i < raw.length; i++) {
    const part = raw[i]!;
    if (!part.startsWith('[') || part.endsWith(']')) {
      out.push(part);
      continue;
    }
    const joined = [part];
    while (i < raw.length - 1) {
      joined.push(raw[++i]!);
      if (raw[i]!.endsWith(']')) break;
    }
    const text = joined.join('.');
    out.push(text.includes('=') ? text : text.replace(/^\[+|\]+$/g, ''));
  }
  return out;
}

const isMap = (v: unknown): v is JsonObject => v !== null && typeof v === 'object' && !Array.isArray(v);
const isIndex = (part: string) => /^\d+$/.test(part);
const isListEntry = (part: string) => part.startsWith('[') && part.endsWith(']');

function nodeKindName(value: unknown): string {
  return Array.isArray(value) ? 'SequenceNode' : isMap(value) ? 'MappingNode' : 'ScalarNode';
}

function listEntry(part: string): { field: string; pattern: string } {
  const inner = part.slice(1, -1);
  const eq = inner.indexOf('=');
  if (eq < 0) throw new FieldPathError(`list path element ${part} must be [fieldName=fieldValue]`);
  return { field: inner.slice(0, eq), pattern: inner.slice(eq + 1) };
}

/** The text kyaml compares list-item values against. */
export function scalarText(value: unknown): string {
  if (value === null) return 'null';
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : '';
}

function emptyFor(nextPart: string | undefined, create: CreateKind): unknown {
  if (nextPart === undefined) return create === 'map' ? {} : create === 'list' ? [] : '';
  return isListEntry(nextPart) || isIndex(nextPart) ? [] : {};
}

interface Walk {
  readonly parts: readonly string[];
  readonly create: CreateKind | undefined;
}

function requireList(node: unknown): unknown[] {
  if (!Array.isArray(node)) throw new FieldPathError(`wrong node kind: expected SequenceNode but got ${nodeKindName(node)}`);
  return node;
}

function matchIndex(w: Walk, node: unknown, i: number): FieldSlot[] {
  const list = requireList(node);
  const idx = Number(w.parts[i]);
  let created = false;
  if (list.length === idx && w.create) {
    list.push(emptyFor(w.parts[i + 1], w.create));
    created = true;
  }
  if (list.length < idx + 1) throw new FieldPathError(`index ${idx} specified but only ${list.length} elements found`);
  return matchFrom(w, { parent: list, key: idx, created }, i + 1);
}

function matchEntries(w: Walk, node: unknown, i: number): FieldSlot[] {
  const list = requireList(node);
  const { field, pattern } = listEntry(w.parts[i]!);
  const re = new RegExp(pattern, 'u');
  const found = (): FieldSlot[] => list.flatMap((item, idx) => {
    if (field === '') return re.test(scalarText(item).trim()) ? [{ parent: list, key: idx, created: false }] : [];
    if (!isMap(item) || !Object.hasOwn(item, field) || item[field] === undefined || !re.test(scalarText(item[field]).trim())) return [];
    return matchFrom(w, { parent: list, key: idx, created: false }, i + 1);
  });
  const slots = found();
  if (slots.length > 0 || !w.create) return slots;
  list.push(field === '' ? pattern : { [field]: pattern });
  return found();
}

function matchField(w: Walk, node: unknown, i: number): FieldSlot[] {
  if (!isMap(node)) throw new FieldPathError(`wrong node kind: expected MappingNode but got ${nodeKindName(node)}`);
  const key = w.parts[i]!;
  let created = false;
  if (!Object.hasOwn(node, key) || node[key] === null) {
    if (!w.create) return [];
    node[key] = emptyFor(w.parts[i + 1], w.create);
    created = true;
  }
  return matchFrom(w, { parent: node, key, created }, i + 1);
}

function matchFrom(w: Walk, slot: FieldSlot, i: number): FieldSlot[] {
  if (i === w.parts.length) return [slot];
  const node = (slot.parent as Record<string | number, unknown>)[slot.key];
  const part = w.parts[i]!;
  if (isIndex(part)) return matchIndex(w, node, i);
  if (isListEntry(part)) return matchEntries(w, node, i);
  if (part === '*') return requireList(node).flatMap((_, idx) => matchFrom(w, { parent: node as unknown[], key: idx, created: false }, i + 1));
  return matchField(w, node, i);
}

/** Every field of `resource` a target field path names, creating missing parts when `create` is set. */
export function matchFieldSlots(resource: JsonObject, parts: readonly string[], create: CreateKind | undefined): FieldSlot[] {
  if (parts.length === 0) return [];
  return matchFrom({ parts, create }, { parent: { root: resource }, key: 'root', created: false }, 0);
}

/** The value a source field path names (exact list-item values, first match), or undefined. */
export function lookupField(resource: JsonObject, parts: readonly string[]): unknown {
  let node: unknown = resource;
  for (const part of parts) {
    if (isIndex(part) && Array.isArray(node)) node = node[Number(part)];
    else if (isListEntry(part) && Array.isArray(node)) {
      const { field, pattern } = listEntry(part);
      node = node.find((item) => (field === '' ? scalarText(item) === pattern : isMap(item) && scalarText(item[field]) === pattern));
    } else if (isMap(node)) node = Object.hasOwn(node, part) ? node[part] : undefined;
    else return undefined;
    if (node === undefined) return undefined;
  }
  return node;
}
