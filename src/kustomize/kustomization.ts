// Finding, parsing and checking a kustomization file (api/types/kustomization.go): one file per
// directory, known fields only, deprecated fields accepted and folded in where kustomize does.
import { posix } from 'node:path';
import { KustomizeError } from './errors.js';
import type { Loader } from './loader.js';
import { checkFieldTypes, isEmptyKustomization } from './kustomization-types.js';
import { isObject, type JsonObject } from './resource.js';
import { parseYamlStream, YamlSyntaxError } from './yaml/index.js';

/** The file names kustomize recognises, in its order. */
export const KUSTOMIZATION_FILE_NAMES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];

const KNOWN_FIELDS = new Set([
  'apiVersion', 'kind', 'metadata', 'openapi', 'namePrefix', 'nameSuffix', 'namespace', 'commonLabels', 'labels',
  'commonAnnotations', 'patchesStrategicMerge', 'patchesJson6902', 'patches', 'images', 'imageTags', 'replacements',
  'replicas', 'vars', 'sortOptions', 'resources', 'components', 'crds', 'bases', 'configMapGenerator',
  'secretGenerator', 'helmGlobals', 'helmCharts', 'helmChartInflationGenerator', 'generatorOptions',
  'configurations', 'generators', 'transformers', 'validators', 'buildMetadata',
]);

/** A parsed kustomization and where it lives. */
export interface Kustomization {
  readonly file: string;
  readonly kind: 'Kustomization' | 'Component';
  readonly fields: JsonObject;
}

/** Whether dir holds a kustomization file. */
export function hasKustomization(loader: Loader, dir: string): boolean {
  return KUSTOMIZATION_FILE_NAMES.some((n) => loader.fs.exists(posix.join(dir, n)) && !loader.fs.isDirectory(posix.join(dir, n)));
}

/** Loads the kustomization of loader.dir. */
export function loadKustomization(loader: Loader): Kustomization {
  const found = KUSTOMIZATION_FILE_NAMES.map((n) => posix.join(loader.dir, n)).filter((p) => loader.fs.exists(p) && !loader.fs.isDirectory(p));
  const dirName = loader.display(loader.dir);
  if (found.length === 0) {
    throw new KustomizeError(`unable to find one of 'kustomization.yaml', 'kustomization.yml' or 'Kustomization' in directory '${dirName}'`, { file: dirName }, { code: 'kustomize.missing' });
  }
  if (found.length > 1) {
    throw new KustomizeError(`found multiple kustomization files: ${found.map((p) => posix.basename(p)).join(', ')}`, { file: dirName });
  }
  const file = loader.display(found[0]!);
  const fields = parseKustomizationText(loader.readText(found[0]!, { file }), file);
  return { file, kind: fields.kind === 'Component' ? 'Component' : 'Kustomization', fields };
}

/** Parses and checks the text of a kustomization file. */
export function parseKustomizationText(text: string, file: string): JsonObject {
  let docs;
  try {
    docs = parseYamlStream(text, file);
  } catch (err) {
    if (err instanceof YamlSyntaxError) throw new KustomizeError(err.message.replace(`${file}:`, '').trim(), { file, line: err.line }, { cause: err });
    throw err;
  }
  if (docs.length > 1) throw new KustomizeError('a kustomization file must hold one YAML document', { file });
  const value = docs[0]?.value ?? {};
  if (!isObject(value)) throw new KustomizeError('a kustomization must be a YAML mapping', { file });
  checkFields(value, file);
  if (isEmptyKustomization(value)) throw new KustomizeError('kustomization is empty', { file }, { code: 'kustomize.empty' });
  checkFieldTypes(value, file);
  return fixDeprecated(value);
}

function checkFields(fields: JsonObject, file: string): void {
  for (const key of Object.keys(fields)) {
    if (!KNOWN_FIELDS.has(key)) throw new KustomizeError(`unknown field "${key}"`, { file, field: key }, { code: 'kustomize.field' });
  }
  const kind = fields.kind;
  if (kind !== undefined && kind !== 'Kustomization' && kind !== 'Component') {
    throw new KustomizeError(`kind must be Kustomization or Component, not ${JSON.stringify(kind)}`, { file, field: 'kind' });
  }
  const api = fields.apiVersion;
  if (api !== undefined && typeof api === 'string' && !api.startsWith('kustomize.config.k8s.io/')) {
    throw new KustomizeError(`apiVersion ${api} is not a kustomize apiVersion`, { file, field: 'apiVersion' });
  }
}

/** Folds deprecated fields into their replacements, as kustomize's FixKustomization does. */
function fixDeprecated(fields: JsonObject): JsonObject {
  const out = { ...fields };
  if (Array.isArray(out.bases)) {
    // bases are appended to resources.
    out.resources = [...(Array.isArray(out.resources) ? out.resources : []), ...out.bases];
    delete out.bases;
  }
  if (Array.isArray(out.imageTags)) {
    out.images = [...(Array.isArray(out.images) ? out.images : []), ...out.imageTags];
    delete out.imageTags;
  }
  return out;
}
