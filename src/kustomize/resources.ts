// Reading resource files: multi-document YAML, `List` kinds expanded, each document checked to
// be a Kubernetes object, YAML errors reported with file and line.
import { KustomizeError } from './errors.js';
import type { Loader } from './loader.js';
import { isObject, type JsonObject, type Resource } from './resource.js';
import { parseYamlStream, scalarSourceText, YamlSyntaxError } from './yaml/index.js';

/** Parses a YAML stream, turning syntax errors into build errors at file:line. */
export function parseDocuments(text: string, file: string, field?: string): Array<{ value: unknown; line: number }> {
  try {
    return parseYamlStream(text, file);
  } catch (err) {
    if (err instanceof YamlSyntaxError) {
      throw new KustomizeError(err.message.startsWith(`${file}:`) ? err.message.slice(file.length + 1).replace(/^\d+:\d+: /, '') : err.message, { file, field, line: err.line }, { cause: err, code: 'kustomize.yaml' });
    }
    throw err;
  }
}

/**
 * Annotation values as kustomize loads them, into strings: any document it reads as a resource
 * or a patch goes through its string-map annotations (`foo: null` is "null", `1.0` stays "1.0").
 */
export function annotationsAsStrings(object: JsonObject): void {
  const metadata = object.metadata;
  if (!isObject(metadata) || !isObject(metadata.annotations)) return;
  const annotations = metadata.annotations;
  for (const [key, value] of Object.entries(annotations)) {
    if (typeof value === 'string' || (value !== null && typeof value === 'object')) continue;
    annotations[key] = scalarSourceText(annotations, key) ?? (value === null ? 'null' : String(value));
  }
}

/** The resources of one file. */
export function readResourceFile(loader: Loader, path: string, kustomization: string): Resource[] {
  const abs = loader.resolve(path, { file: kustomization, field: 'resources' });
  const file = loader.display(abs);
  const out: Resource[] = [];
  for (const doc of parseDocuments(loader.readText(path, { file: kustomization, field: 'resources' }), file)) {
    for (const obj of expandList(doc.value, file, doc.line)) {
      annotationsAsStrings(obj);
      out.push({ obj, prevIds: [], origin: { path: file, abs } });
    }
  }
  return out;
}

function expandList(value: unknown, file: string, line: number): JsonObject[] {
  if (!isObject(value)) throw new KustomizeError('a resource must be a YAML mapping', { file, line });
  if (typeof value.kind === 'string' && value.kind.endsWith('List') && Array.isArray(value.items)) {
    return value.items.flatMap((item) => expandList(item, file, line));
  }
  if (value.kind === 'Kustomization' && typeof value.apiVersion === 'string' && value.apiVersion.startsWith('kustomize.config.k8s.io')) {
    throw new KustomizeError('a kustomization file cannot be listed as a resource; list its directory instead', { file, line });
  }
  if (typeof value.kind !== 'string' || value.kind === '') throw new KustomizeError('missing kind in resource', { file, line });
  const meta = value.metadata;
  if (!isObject(meta) || typeof meta.name !== 'string' || meta.name === '') {
    throw new KustomizeError(`missing metadata.name in object ${value.kind}`, { file, line });
  }
  return [value];
}
