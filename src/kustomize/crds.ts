// `crds:` files (kustomize's loadconfigfromcrds): OpenAPI definitions keyed by type name
// (`group.version.Kind`, each `{Schema: {properties…}}`). Properties marked with
// x-kubernetes-object-ref-* become name references, x-kubernetes-annotation / -label-selector /
// -identity become annotation, label and prefix field specs — so custom kinds follow renames.
import { addSpecs, emptyConfig, type TransformerConfig } from './config.js';
import type { FieldSpec } from './field-spec.js';
import { isObject, type JsonObject } from './resource.js';

const propertiesOf = (def: unknown): JsonObject => {
  const schema = isObject(def) && isObject(def.Schema) ? def.Schema : {};
  return isObject(schema.properties) ? schema.properties : {};
};

/** The transformer configuration a crds file contributes. */
export function configFromCrds(definitions: JsonObject): TransformerConfig {
  const config = emptyConfig();
  for (const [typeName, def] of Object.entries(definitions)) {
    const props = propertiesOf(def);
    // Only types that look like Kubernetes objects are roots.
    if (!('kind' in props && 'apiVersion' in props && 'metadata' in props)) continue;
    const kind = typeName.split('.').at(-1)!;
    walk(config, kind, definitions, typeName, [], new Set());
  }
  return config;
}

function walk(config: TransformerConfig, kind: string, definitions: JsonObject, typeName: string, path: string[], seen: Set<string>): void {
  if (seen.has(typeName) || !(typeName in definitions)) return;
  const inner = new Set(seen).add(typeName);
  for (const [name, prop] of Object.entries(propertiesOf(definitions[typeName]))) {
    if (!isObject(prop)) continue;
    const here = [...path, name];
    const spec = (p: string[]): FieldSpec => ({ kind, path: p.join('/'), create: false });
    if (typeof prop['x-kubernetes-annotation'] === 'string') addSpecs(config.commonAnnotations, [spec(here)]);
    if (typeof prop['x-kubernetes-label-selector'] === 'string') addSpecs(config.commonLabels, [spec(here)]);
    if (typeof prop['x-kubernetes-identity'] === 'string') addSpecs(config.namePrefix, [spec(here)]);
    const version = prop['x-kubernetes-object-ref-api-version'];
    const refKind = prop['x-kubernetes-object-ref-kind'];
    if (typeof version === 'string' && typeof refKind === 'string') {
      const key = typeof prop['x-kubernetes-object-ref-name-key'] === 'string' ? prop['x-kubernetes-object-ref-name-key'] : 'name';
      config.nameReference.push({ kind: refKind, version, fieldSpecs: [spec([...here, key])] });
    }
    if (typeof prop.$ref === 'string') walk(config, kind, definitions, prop.$ref, here, inner);
  }
}
