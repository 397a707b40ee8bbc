// The Go types kustomize unmarshals a kustomization into (api/types/kustomization.go): a string
// field given a number or boolean is refused as kustomize refuses it, with the field named.
import { KustomizeError } from './errors.js';
import { isObject, type JsonObject } from './resource.js';

type Check = (value: unknown) => string | undefined;

const kindOf = (v: unknown) => (Array.isArray(v) ? 'array' : v === null ? 'null' : typeof v);
const string: Check = (v) => (v === null || v === undefined || typeof v === 'string' ? undefined : `expected a string, got ${kindOf(v)} ${JSON.stringify(v)}`);
const stringMap: Check = (v) => {
  if (v === null || v === undefined) return undefined;
  if (!isObject(v)) return `expected a map of strings, got ${kindOf(v)}`;
  for (const [k, x] of Object.entries(v)) {
    const bad = string(x);
    if (bad) return `${k}: ${bad} (quote it)`;
  }
  return undefined;
};
const list = (item: Check): Check => (v) => {
  if (v === null || v === undefined) return undefined;
  if (!Array.isArray(v)) return `expected a list, got ${kindOf(v)}`;
  for (const [i, x] of v.entries()) {
    const bad = item(x);
    if (bad) return `[${i}]: ${bad}`;
  }
  return undefined;
};
const struct = (fields: Record<string, Check>): Check => (v) => {
  if (v === null || v === undefined) return undefined;
  if (!isObject(v)) return `expected a mapping, got ${kindOf(v)}`;
  for (const [k, check] of Object.entries(fields)) {
    const bad = check(v[k]);
    if (bad) return `${k}: ${bad}`;
  }
  return undefined;
};

const options = struct({ labels: stringMap, annotations: stringMap });
const generator = struct({ name: string, namespace: string, behavior: string, literals: list(string), files: list(string), envs: list(string), env: string, type: string, options });

/** Field types checked before a build starts. */
const FIELDS: Record<string, Check> = {
  namespace: string, namePrefix: string, nameSuffix: string,
  commonLabels: stringMap, commonAnnotations: stringMap,
  labels: list(struct({ pairs: stringMap })),
  images: list(struct({ name: string, newName: string, newTag: string, digest: string })),
  replicas: list(struct({ name: string })),
  resources: list(string), components: list(string), crds: list(string), configurations: list(string),
  generators: list(string), transformers: list(string), validators: list(string),
  configMapGenerator: list(generator), secretGenerator: list(generator), generatorOptions: options,
  openapi: stringMap,
};

/** Refuses fields whose values kustomize could not unmarshal. */
export function checkFieldTypes(fields: JsonObject, file: string): void {
  for (const [key, check] of Object.entries(FIELDS)) {
    const bad = check(fields[key]);
    if (bad) throw new KustomizeError(`invalid value: ${bad}`, { file, field: key }, { code: 'kustomize.field' });
  }
}

/** kustomize refuses a kustomization whose fields (apiVersion and kind aside) are all unset. */
export function isEmptyKustomization(fields: JsonObject): boolean {
  return Object.entries(fields).every(([k, v]) => k === 'apiVersion' || k === 'kind' || v === null || v === undefined || v === '' || v === false || v === 0);
}
