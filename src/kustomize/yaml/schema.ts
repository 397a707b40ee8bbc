// The js-yaml schema that makes js-yaml (fast) type scalars the way kyaml (go-yaml v3) does.
// Plain scalars go through `resolvePlain`; a scalar whose source text differs from how its value
// prints (`0755` → 493, `1.0` → 1, `~` → null) is wrapped in a `SourceScalar` so the reader can
// keep that text: go-yaml keeps it for map keys, and kustomize reuses it when it turns
// annotations into strings.
import jsyaml from 'js-yaml';
import { resolvePlain, resolveTagged, type Resolved } from './resolve.js';

/** A resolved plain scalar together with its source text (temporary; the reader unwraps it). */
export class SourceScalar {
  constructor(readonly value: Resolved, readonly text: string) {}
  // js-yaml turns map keys into strings with String(): go-yaml keeps the key's source text.
  toString(): string { return this.text; }
  get [Symbol.toStringTag](): string { return 'SourceScalar'; }
}

/** Counts SourceScalars made since the last reset, so the reader only walks documents that have some. */
export const sourceScalars = { count: 0 };

let lastText: string | undefined;
let lastValue: Resolved = null;

function construct(value: Resolved, text: string): unknown {
  // null always keeps its text: an unrecorded null then unambiguously came from an empty value.
  if (value !== null && (typeof value === 'string' ? value === text : String(value) === text)) return value;
  sourceScalars.count++;
  return new SourceScalar(value, text);
}

const plain = new jsyaml.Type('tag:weir.dev,2025:plain', {
  kind: 'scalar',
  resolve: (data: string) => {
    lastValue = resolvePlain(data);
    lastText = data;
    return lastValue !== data;
  },
  construct: (data: string) => construct(data === lastText ? lastValue : resolvePlain(data), data),
});

const tagged = (tag: 'int' | 'float' | 'bool' | 'null' | 'timestamp'): jsyaml.Type =>
  new jsyaml.Type(`tag:yaml.org,2002:${tag}`, {
    kind: 'scalar',
    resolve: (data: string | null) => {
      try {
        resolveTagged(tag, data ?? '');
        return true;
      } catch {
        return false; // js-yaml then reports the tag and position
      }
    },
    construct: (data: string | null) => resolveTagged(tag, data ?? ''),
  });

// go-yaml decodes `!!binary` into the bytes, which kustomize then prints as a string.
const binary = new jsyaml.Type('tag:yaml.org,2002:binary', {
  kind: 'scalar',
  resolve: (data: string | null) => /^[A-Za-z0-9+/=\s]*$/.test(data ?? ''),
  construct: (data: string | null) => Buffer.from((data ?? '').replace(/\s/g, ''), 'base64').toString('utf8'),
});

// Unknown tags (`!Ref x`, `!!foo`) keep the plain value, as kyaml does for tags it does not know.
const anyTag = (prefix: string, kind: 'scalar' | 'sequence' | 'mapping'): jsyaml.Type =>
  new jsyaml.Type(prefix, { kind, multi: true, construct: (data: unknown) => data ?? (kind === 'scalar' ? '' : kind === 'sequence' ? [] : {}) });

/** The schema: failsafe (str, seq, map) + merge keys + go-yaml v3 plain resolution + explicit core tags. */
export const KYAML_SCHEMA = jsyaml.FAILSAFE_SCHEMA.extend({
  implicit: [(jsyaml as unknown as { types: { merge: jsyaml.Type } }).types.merge, plain],
  explicit: [
    tagged('int'), tagged('float'), tagged('bool'), tagged('null'), tagged('timestamp'), binary,
    ...(['!', 'tag:'] as const).flatMap((p) => [anyTag(p, 'scalar'), anyTag(p, 'sequence'), anyTag(p, 'mapping')]),
  ].flat(),
});
