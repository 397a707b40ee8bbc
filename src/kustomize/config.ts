// The transformer configuration of a build: the default field specs plus `configurations:` files
// (custom nameReference, commonLabels, namespace… specs) and `crds`, merged as kustomize does.
import { COMMON_ANNOTATION_SPECS, COMMON_LABEL_SPECS, IMAGE_SPECS, NAMESPACE_SPECS, PREFIX_SPECS, REPLICA_SPECS, TEMPLATE_LABEL_SPECS } from './builtins/field-specs.js';
import { NAME_REFERENCES, type NameReference } from './builtins/name-reference-specs.js';
import { toFieldSpecs, type FieldSpec } from './field-spec.js';
import { isObject, type JsonObject } from './resource.js';

/** Field specs per builtin transformer. */
export interface TransformerConfig {
  namePrefix: FieldSpec[];
  nameSuffix: FieldSpec[];
  commonLabels: FieldSpec[];
  templateLabels: FieldSpec[];
  commonAnnotations: FieldSpec[];
  namespace: FieldSpec[];
  images: FieldSpec[];
  replicas: FieldSpec[];
  varReference: FieldSpec[];
  nameReference: NameReference[];
}

const SPEC_KEYS = ['namePrefix', 'nameSuffix', 'commonLabels', 'templateLabels', 'commonAnnotations', 'namespace', 'images', 'replicas', 'varReference'] as const;

/** The defaults of kustomize v5.5. */
export function defaultConfig(): TransformerConfig {
  return {
    namePrefix: [...PREFIX_SPECS], nameSuffix: [...PREFIX_SPECS], commonLabels: [...COMMON_LABEL_SPECS],
    templateLabels: [...TEMPLATE_LABEL_SPECS], commonAnnotations: [...COMMON_ANNOTATION_SPECS], namespace: [...NAMESPACE_SPECS],
    // varReference holds only `configurations` additions: vars/ applies kustomize's defaults itself.
    images: [...IMAGE_SPECS], replicas: [...REPLICA_SPECS], varReference: [],
    nameReference: NAME_REFERENCES.map((r) => ({ ...r, fieldSpecs: [...r.fieldSpecs] })),
  };
}

/** An empty configuration (what a configurations file adds to). */
export function emptyConfig(): TransformerConfig {
  return { namePrefix: [], nameSuffix: [], commonLabels: [], templateLabels: [], commonAnnotations: [], namespace: [], images: [], replicas: [], varReference: [], nameReference: [] };
}

const specKey = (s: FieldSpec) => `${s.group ?? ''}|${s.version ?? ''}|${s.kind ?? ''}|${s.path}`;

/** Adds specs not already present. */
export function addSpecs(into: FieldSpec[], more: readonly FieldSpec[]): void {
  const seen = new Set(into.map(specKey));
  for (const s of more) if (!seen.has(specKey(s))) (seen.add(specKey(s)), into.push(s));
}

/** Merges other into config (specs de-duplicated, name references merged by kind). */
export function mergeConfig(config: TransformerConfig, other: TransformerConfig): void {
  for (const key of SPEC_KEYS) addSpecs(config[key], other[key]);
  for (const ref of other.nameReference) {
    const same = config.nameReference.find((r) => r.kind === ref.kind && (r.group ?? '') === (ref.group ?? '') && (r.version ?? '') === (ref.version ?? ''));
    if (same) addSpecs(same.fieldSpecs, ref.fieldSpecs);
    else config.nameReference.push({ ...ref, fieldSpecs: [...ref.fieldSpecs] });
  }
}

/** Reads a `configurations:` file's content. */
export function parseConfig(value: JsonObject): TransformerConfig {
  const config = emptyConfig();
  for (const key of SPEC_KEYS) config[key] = toFieldSpecs(value[key]);
  if (Array.isArray(value.nameReference)) {
    config.nameReference = value.nameReference.filter(isObject).map((r) => ({
      kind: String(r.kind ?? ''), group: typeof r.group === 'string' ? r.group : undefined,
      version: typeof r.version === 'string' ? r.version : undefined, fieldSpecs: toFieldSpecs(r.fieldSpecs),
    }));
  }
  return config;
}
