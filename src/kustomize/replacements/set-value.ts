// Writing a replacement value into a target field (kustomize's setFieldValue): with a delimiter
// the value replaces one part of the target's text (a negative index prefixes, an index past the
// end suffixes); a scalar target keeps its YAML type (a string stays a string, an int must get a
// number), a created field takes the type its text implies, other targets take the value whole.
import type { FieldSlot } from './field-path.js';
import { scalarText } from './field-path.js';

/** `options` of a replacement source or target. */
export interface FieldOptions {
  readonly delimiter?: string;
  readonly index?: number;
  readonly create?: boolean;
}

const isScalar = (v: unknown) => v === null || ['string', 'number', 'boolean'].includes(typeof v);

// What a plain YAML scalar with this text reads as (go-yaml v3's implicit resolution).
function implicitValue(text: string): unknown {
  if (/^(true|True|TRUE|false|False|FALSE)$/.test(text)) return /^t/i.test(text);
  if (/^(null|Null|NULL|~|)$/.test(text)) return text === '' ? '' : null;
  if (/^[-+]?(0|[1-9][0-9]*)$/.test(text) || /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/.test(text)) {
    const n = Number(text);
    if (Number.isFinite(n)) return n;
  }
  return text;
}

/** A value that cannot be written into its target (an int field given non-numeric text). */
export class SetValueError extends Error {}

function typedLike(current: unknown, text: string, created: boolean): unknown {
  if (created || current === null) return implicitValue(text);
  if (typeof current === 'string') return text;
  const value = implicitValue(text);
  if (typeof current === typeof value) return value;
  throw new SetValueError(`cannot decode ${JSON.stringify(text)} as ${typeof current === 'number' ? 'a number' : 'a boolean'}, the type of the target field`);
}

function withDelimiter(current: unknown, value: unknown, options: FieldOptions): string {
  if (!isScalar(current)) throw new SetValueError('delimiter option can only be used with scalar nodes');
  const parts = scalarText(current).split(options.delimiter!);
  const v = scalarText(value);
  const index = options.index ?? 0;
  if (index < 0) parts.unshift(v);
  else if (index >= parts.length) parts.push(v);
  else parts[index] = v;
  return parts.join(options.delimiter!);
}

/** Sets one matched target field to the replacement value. */
export function setFieldValue(slot: FieldSlot, value: unknown, options: FieldOptions | undefined): void {
  const parent = slot.parent as Record<string | number, unknown>;
  const current = parent[slot.key];
  const text = options?.delimiter ? withDelimiter(current, value, options) : undefined;
  if (isScalar(current) && current !== undefined) parent[slot.key] = typedLike(current, text ?? scalarText(value), slot.created);
  else parent[slot.key] = text !== undefined ? text : structuredClone(value);
}

/** The part of a source value the source `options` pick (`delimiter` and `index`). */
export function refineSourceValue(value: unknown, options: FieldOptions | undefined): unknown {
  if (!options?.delimiter) return value;
  if (!isScalar(value)) throw new SetValueError('delimiter option can only be used with scalar nodes');
  const parts = scalarText(value).split(options.delimiter);
  const index = options.index ?? 0;
  if (index < 0 || index >= parts.length) throw new SetValueError(`options.index ${index} is out of bounds for value ${scalarText(value)}`);
  return parts[index];
}
