// How kyaml sees plain JSON values while merging: node kinds, the string a scalar is written as
// (keys are compared as YAML text, so `80` matches `"80"`), and its notion of "empty".
import type { JsonObject } from '../../apimachinery/index.js';

/** The YAML node kind of a value; undefined for missing values and null. */
export type NodeKind = 'map' | 'list' | 'scalar';

/** A YAML mapping node. */
export function isMap(value: unknown): value is JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Present and not null (kyaml's !IsMissingOrNull). */
export function isPresent(value: unknown): boolean {
  return value !== undefined && value !== null;
}

/** The node kind of a present value. */
export function kindOf(value: unknown): NodeKind | undefined {
  if (!isPresent(value)) return undefined;
  return Array.isArray(value) ? 'list' : isMap(value) ? 'map' : 'scalar';
}

/** The text of a scalar node (maps and lists have none). */
export function scalarText(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return '';
}

/** Null, an empty map or an empty list (kyaml's IsNilOrEmpty). */
export function isNilOrEmpty(value: unknown): boolean {
  if (!isPresent(value)) return true;
  if (Array.isArray(value)) return value.length === 0;
  return isMap(value) && Object.keys(value).length === 0;
}

/** An empty mapping node. */
export function isEmptyMap(value: unknown): boolean {
  return isMap(value) && Object.keys(value).length === 0;
}

/** Sets an own field, also for the key `__proto__` (plain assignment would change the prototype). */
export function setField(map: JsonObject, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(map, key, { value, enumerable: true, writable: true, configurable: true });
  else map[key] = value;
}
