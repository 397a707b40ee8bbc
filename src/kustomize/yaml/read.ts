// Reads a YAML stream the way kustomize (kyaml, go-yaml v3) reads resources, fast: js-yaml
// parses, `KYAML_SCHEMA` types scalars as go-yaml v3 does, and this file splits the stream into
// documents (for line numbers and per-document errors), expands aliases into copies (kyaml
// de-anchors; shared objects would also leak edits between resources) and refuses hostile input.
import jsyaml from 'js-yaml';
import { WeirError } from '../../lib/index.js';
import { kyamlFoldedValue } from './folded.js';
import { KYAML_SCHEMA, SourceScalar, sourceScalars } from './schema.js';
import { splitDocuments } from './split.js';

/** One document of a YAML stream: its value and the line (1-based) it starts on. */
export interface YamlDocument {
  readonly value: unknown;
  readonly line: number;
}

/** A YAML stream that does not parse: names the file, line and column. */
export class YamlSyntaxError extends WeirError {
  constructor(readonly file: string, readonly line: number, readonly column: number, reason: string) {
    super('kustomize.yaml.syntax', `${file}:${line}:${column}: ${reason}`);
  }
}

const MAX_STREAM_CHARS = 64 * 1024 * 1024; // far above any real manifest; a 100 MB file is refused
const MAX_DEPTH = 1000; // js-yaml's own default (100) is too low for CRD schemas
const MIN_NODE_BUDGET = 1_000_000; // values after alias expansion; beyond this (or 1 per source char) is a bomb

const sourceTexts = new WeakMap<object, Map<string | number, string>>();

/**
 * The source text of the plain scalar at `container[key]` when it differs from how its value
 * prints (`0755` read as 493, `1.0` as 1, a timestamp as its RFC 3339 text), and of every
 * non-empty null (`null`, `~`); a null without one was empty (`key:`). kustomize uses the
 * source text when it turns a value into a string (annotations: go-yaml's `Node.Value`).
 */
export function scalarSourceText(container: object, key: string | number): string | undefined {
  return sourceTexts.get(container)?.get(key);
}

/**
 * A deep copy of a value read by parseYamlStream (or built from such values) that keeps the
 * scalar source texts, so that the copy prints and merges exactly as the original would.
 */
export function cloneYamlValue<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value;
  const texts = sourceTexts.get(value);
  let out: object;
  if (Array.isArray(value)) {
    out = value.map((item: unknown) => cloneYamlValue(item));
  } else {
    const copy: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      // A `__proto__` key is data here: define it rather than set the prototype.
      if (k === '__proto__') Object.defineProperty(copy, k, { value: cloneYamlValue(v), enumerable: true, writable: true, configurable: true });
      else copy[k] = cloneYamlValue(v);
    }
    out = copy;
  }
  if (texts !== undefined) sourceTexts.set(out, new Map(texts));
  return out as T;
}

interface Walk { budget: number; readonly copy: boolean }

function finishChild(parent: object, key: string | number, child: unknown, walk: Walk): unknown {
  if (child instanceof SourceScalar) {
    let texts = sourceTexts.get(parent);
    if (texts === undefined) sourceTexts.set(parent, (texts = new Map()));
    texts.set(key, child.text);
    return child.value;
  }
  return child !== null && typeof child === 'object' ? finishNode(child, walk) : child;
}

function spend(walk: Walk, nodes: number): void {
  walk.budget -= nodes + 1;
  if (walk.budget < 0) throw new Error('document expands to too many nodes through aliases; refusing it (alias bomb?)');
}

/** Unwraps SourceScalars and, when the document has aliases, copies every node (budgeted). */
function finishNode(node: object, walk: Walk): object {
  if (Array.isArray(node)) {
    spend(walk, node.length);
    const out = walk.copy ? new Array<unknown>(node.length) : node;
    for (let i = 0; i < node.length; i++) out[i] = finishChild(out, i, node[i], walk);
    return out;
  }
  const src = node as Record<string, unknown>;
  const keys = Object.keys(src);
  spend(walk, keys.length);
  const out: Record<string, unknown> = walk.copy ? {} : src;
  for (const k of keys) out[k] = finishChild(out, k, src[k], walk);
  return out;
}

// A folded block scalar header (`key: >-` …) somewhere in the text: only then is the listener needed.
const FOLDED_HEADER = />[-+1-9]*[ \t]*(?:#[^\n]*)?\r?\n/;

/** Whether the node js-yaml starts composing at `pos` is a folded block scalar. */
function isFoldedAt(input: string, pos: number): boolean {
  let i = pos;
  for (;;) {
    const c = input[i];
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') i++;
    else if (c === '#') while (i < input.length && input[i] !== '\n') i++;
    else if (c === '!' || c === '&') while (i < input.length && !/\s/.test(input[i]!)) i++;
    else return c === '>';
  }
}

/** A js-yaml listener that gives folded scalars the value kustomize ends up with (folded.ts). */
function foldedScalarListener(): (event: string, state: { position: number; kind: string; result: unknown; input: string }) => void {
  const opens: number[] = [];
  return (event, state) => {
    if (event === 'open') { opens.push(state.position); return; }
    const start = opens.pop()!;
    if (state.kind === 'scalar' && typeof state.result === 'string' && isFoldedAt(state.input, start)) {
      state.result = kyamlFoldedValue(state.result);
    }
  };
}

function toSyntaxError(err: unknown, file: string, firstLine: number): YamlSyntaxError {
  if (err instanceof jsyaml.YAMLException) {
    const mark = err.mark as { line: number; column: number; snippet?: string } | undefined;
    return new YamlSyntaxError(file, firstLine + (mark?.line ?? 0), (mark?.column ?? 0) + 1, err.reason);
  }
  if (err instanceof RangeError) return new YamlSyntaxError(file, firstLine, 1, 'document nests too deeply');
  return new YamlSyntaxError(file, firstLine, 1, err instanceof Error ? err.message : String(err));
}

/** Parses every non-empty document of a YAML stream (empty and comment-only documents are skipped). */
export function parseYamlStream(text: string, file: string): YamlDocument[] {
  if (text.length > MAX_STREAM_CHARS) {
    throw new YamlSyntaxError(file, 1, 1, `stream is larger than ${MAX_STREAM_CHARS / 1024 / 1024} MiB; refusing to parse it`);
  }
  const out: YamlDocument[] = [];
  for (const chunk of splitDocuments(text)) {
    if (chunk.contentLine === 0) continue; // only markers, comments and blank lines
    sourceScalars.count = 0;
    let values: unknown[];
    try {
      const listener = FOLDED_HEADER.test(chunk.text) ? foldedScalarListener() : undefined;
      values = jsyaml.loadAll(chunk.text, null, { schema: KYAML_SCHEMA, maxDepth: MAX_DEPTH, listener } as jsyaml.LoadOptions);
    } catch (err) {
      throw toSyntaxError(err, file, chunk.firstLine);
    }
    const copy = chunk.text.includes('*');
    for (let value of values) {
      if (value instanceof SourceScalar) value = value.value;
      if (value === null || value === undefined) continue;
      if (typeof value === 'object' && (copy || sourceScalars.count > 0)) {
        try {
          value = finishNode(value, { budget: Math.max(MIN_NODE_BUDGET, chunk.text.length), copy });
        } catch (err) {
          throw toSyntaxError(err, file, chunk.contentLine);
        }
      }
      out.push({ value, line: chunk.contentLine });
    }
  }
  return out;
}
