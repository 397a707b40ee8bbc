// configMapGenerator and secretGenerator: build the objects from literals, files and env files
// as kustomize does (api/internal/generators, api/kv). Name hashes are added at the end of the
// top-level build, so generated resources only carry a needsHash flag here.
import { posix } from 'node:path';
import { KustomizeError } from './errors.js';
import type { Loader } from './loader.js';
import { isObject, type JsonObject, type Resource } from './resource.js';

/** Global generatorOptions merged with a generator's own options (the generator's win). */
export interface GeneratorOptions {
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  disableNameSuffixHash?: boolean;
  immutable?: boolean;
}

/** Merges generatorOptions into one generator's options, as kustomize's MergeGlobalOptionsIntoLocal. */
export function mergeOptions(global: unknown, local: unknown): GeneratorOptions {
  const g = (isObject(global) ? global : {}) as GeneratorOptions;
  const l = (isObject(local) ? local : {}) as GeneratorOptions;
  const labels = { ...g.labels, ...l.labels };
  const annotations = { ...g.annotations, ...l.annotations };
  return {
    labels: Object.keys(labels).length ? labels : undefined,
    annotations: Object.keys(annotations).length ? annotations : undefined,
    disableNameSuffixHash: g.disableNameSuffixHash === true || l.disableNameSuffixHash === true,
    immutable: g.immutable === true || l.immutable === true,
  };
}

/** Splits `key=value` at the first `=`, stripping one pair of matching quotes from the value. */
function parseLiteral(source: string, where: { file: string; field: string }): [string, string] {
  const eq = source.indexOf('=');
  if (eq <= 0) throw new KustomizeError(`invalid literal source ${source}, expected key=value`, where);
  let value = source.slice(eq + 1);
  if (value.length >= 2 && (value[0] === '"' || value[0] === "'") && value.at(-1) === value[0]) value = value.slice(1, -1);
  return [source.slice(0, eq), value];
}

/** Parses an env file line by line, as kustomize's kv loader does: no quoting, no trimming, no expansion. */
export function parseEnvFile(text: string, where: { file: string; field: string }): Array<[string, string]> {
  const pairs: Array<[string, string]> = [];
  text.replace(/^\uFEFF/, '').split('\n').forEach((raw, index) => {
    const line = raw.replace(/\r$/, '').replace(/^\s+/, '');
    if (line === '' || line.startsWith('#')) return;
    const eq = line.indexOf('=');
    const key = eq < 0 ? line : line.slice(0, eq);
    // kustomize v5.5 keeps keys verbatim (`export W`, `B C`, `Y `); only an empty key is refused.
    if (key === '') throw new KustomizeError(`line ${index + 1}: an env line needs a key before "="`, where);
    // kustomize reads a bare KEY from the process environment; a pure build has none, so "".
    pairs.push([key, eq < 0 ? '' : line.slice(eq + 1)]);
  });
  return pairs;
}

/** Collects the key/value pairs of one generator entry, in kustomize's order: literals, files, envs. */
function collectPairs(args: JsonObject, loader: Loader, where: { file: string; field: string }): Array<[string, string, boolean]> {
  const out: Array<[string, string, boolean]> = [];
  for (const lit of strings(args.literals)) out.push([...parseLiteral(lit, where), true]);
  for (const src of strings(args.files)) {
    const eq = src.indexOf('=');
    const [key, path] = eq < 0 ? [posix.basename(src), src] : [src.slice(0, eq), src.slice(eq + 1)];
    if (key === '') throw new KustomizeError(`file source ${src}: empty key`, where);
    // Files that are not valid UTF-8 go to binaryData (ConfigMap) or are encoded as-is (Secret).
    const bytes = loader.readBytes(path, where);
    const text = decodeUtf8(bytes);
    out.push([key, text ?? Buffer.from(bytes).toString('base64'), text !== undefined]);
  }
  const envs = [...strings(args.envs), ...(typeof args.env === 'string' && args.env ? [args.env] : [])];
  for (const env of envs) {
    for (const [k, v] of parseEnvFile(loader.readText(env, where), { ...where, file: env })) out.push([k, v, true]);
  }
  return out;
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

function decodeUtf8(bytes: Uint8Array): string | undefined {
  try {
    return utf8.decode(bytes);
  } catch {
    return undefined;
  }
}

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

/** kyaml breaks Secret data into 70-column lines, each ending in a newline, once it reaches 70. */
export function wrapBase64(encoded: string): string {
  if (encoded.length < 70) return encoded;
  let out = '';
  for (let i = 0; i < encoded.length; i += 70) out += `${encoded.slice(i, i + 70)}\n`;
  return out;
}

/** Builds one generated ConfigMap or Secret. */
export function generate(kind: 'ConfigMap' | 'Secret', args: JsonObject, globalOptions: unknown, loader: Loader, where: { file: string; field: string }): Resource {
  const name = typeof args.name === 'string' ? args.name : '';
  if (name === '') throw new KustomizeError('a generator needs a name', where);
  const options = mergeOptions(globalOptions, args.options);
  const data: Record<string, string> = {};
  const binaryData: Record<string, string> = {};
  for (const [key, value, text] of collectPairs(args, loader, where)) {
    if (key in data || key in binaryData) throw new KustomizeError(`configmap ${name} illegal repeated key "${key}"`, where);
    if (kind === 'Secret') data[key] = wrapBase64(text ? Buffer.from(value, 'utf8').toString('base64') : value);
    else if (text) data[key] = value;
    else binaryData[key] = value;
  }
  const metadata: JsonObject = { name };
  if (typeof args.namespace === 'string' && args.namespace) metadata.namespace = args.namespace;
  if (options.labels) metadata.labels = { ...options.labels };
  if (options.annotations) metadata.annotations = { ...options.annotations };
  const obj: JsonObject = { apiVersion: 'v1', kind, metadata };
  // kustomize gives a generated Secret a data map even when empty; a ConfigMap only when used.
  if (Object.keys(data).length || kind === 'Secret') obj.data = data;
  if (Object.keys(binaryData).length) obj.binaryData = binaryData;
  if (kind === 'Secret') obj.type = typeof args.type === 'string' && args.type ? args.type : 'Opaque';
  if (options.immutable) obj.immutable = true;
  // Unknown behaviors are "unspecified", which kustomize absorbs like create.
  const behavior = args.behavior === 'merge' || args.behavior === 'replace' ? args.behavior : 'create';
  const configuredBy = { kind: kind === 'ConfigMap' ? 'ConfigMapGenerator' : 'SecretGenerator', name };
  return { obj, prevIds: [], origin: { path: where.file, configuredIn: posix.join(loader.dir, posix.basename(where.file)), configuredBy }, needsHash: !options.disableNameSuffixHash, behavior };
}
