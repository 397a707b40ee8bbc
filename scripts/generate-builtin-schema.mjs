#!/usr/bin/env node
// Generates src/apimachinery/schema/builtin-schema.json: the structural schema (patch strategies,
// merge keys, list types, map types) of the built-in kinds Weir serves, for strategic merge
// patch and server-side apply.
//
// Where the data comes from:
//   1. A Kubernetes OpenAPI v2 (swagger 2.0) document. The checked-in table was made from the
//      v1.13.4 spec shipped in the npm package kubernetes-client@9.0.0
//      (lib/specs/swagger-1.13.json.gz). It carries x-kubernetes-patch-strategy and
//      x-kubernetes-patch-merge-key, but predates list types and many kinds and fields.
//   2. src/apimachinery/schema/builtin-schema-overlay.json: a small hand-maintained file with
//      what changed after 1.13 (newer group-versions, new fields with merge keys, and the
//      x-kubernetes-list-type / list-map-keys / map-type markers of Kubernetes 1.3x). Every
//      entry names in `source` the upstream file it was checked against.
//
// Only structure is kept (with each scalar's JSON type, for the OpenAPI documents): no
// descriptions, and only the definitions reachable from ROOT_KINDS.
//
// Regenerate (plain Node >= 20, no dependencies):
//   cd /tmp && npm pack kubernetes-client@9.0.0 && tar xzf kubernetes-client-9.0.0.tgz
//   node scripts/generate-builtin-schema.mjs --spec /tmp/package/lib/specs/swagger-1.13.json.gz
// Options: --spec <file[.gz]> (default /tmp/probe/swagger-1.13.json), --overlay <file>, --out <file>,
// --check (write nothing; exit 1 when the checked-in table is not exactly what would be written).

import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const schemaDir = join(repoRoot, 'src/apimachinery/schema');

/** The kinds whose schema Weir ships, as apiVersion/Kind. */
const ROOT_KINDS = [
  'v1/Namespace', 'v1/ConfigMap', 'v1/Secret', 'v1/Service', 'v1/ServiceAccount', 'v1/Pod',
  'v1/Event', 'v1/Endpoints', 'v1/PersistentVolumeClaim', 'v1/PersistentVolume',
  'v1/ResourceQuota', 'v1/LimitRange', 'v1/Node',
  'apps/v1/Deployment', 'apps/v1/StatefulSet', 'apps/v1/DaemonSet', 'apps/v1/ReplicaSet',
  'apps/v1/ControllerRevision',
  'batch/v1/Job', 'batch/v1/CronJob',
  'networking.k8s.io/v1/Ingress', 'networking.k8s.io/v1/IngressClass',
  'networking.k8s.io/v1/NetworkPolicy',
  'autoscaling/v1/HorizontalPodAutoscaler', 'autoscaling/v2/HorizontalPodAutoscaler',
  'autoscaling/v1/Scale',
  'policy/v1/PodDisruptionBudget',
  'rbac.authorization.k8s.io/v1/Role', 'rbac.authorization.k8s.io/v1/ClusterRole',
  'rbac.authorization.k8s.io/v1/RoleBinding', 'rbac.authorization.k8s.io/v1/ClusterRoleBinding',
  'apiextensions.k8s.io/v1/CustomResourceDefinition',
  'coordination.k8s.io/v1/Lease',
  'storage.k8s.io/v1/StorageClass',
  'scheduling.k8s.io/v1/PriorityClass',
  'admissionregistration.k8s.io/v1/ValidatingWebhookConfiguration',
  'admissionregistration.k8s.io/v1/MutatingWebhookConfiguration',
  'events.k8s.io/v1/Event',
  'authorization.k8s.io/v1/SelfSubjectAccessReview',
  'authorization.k8s.io/v1/SelfSubjectRulesReview',
];

// Go types that serialize to a scalar, replaced whole, and the scalar each is written as (the
// 1.13 spec calls them all strings; `kubectl explain` shows IntOrString and Quantity by name).
const SCALAR_DEFS = { IntOrString: 'int-or-string', Quantity: 'quantity', Time: 'string', MicroTime: 'string' };
// JSON types kept for scalars, so that OpenAPI documents (and `kubectl explain`) can name them.
const JSON_SCALARS = ['string', 'integer', 'number', 'boolean'];
// Go types that hold arbitrary JSON: their structure is deduced from the value.
const UNTYPED_DEFS = /\.(RawExtension|JSON|JSONSchemaPropsOrArray|JSONSchemaPropsOrBool|JSONSchemaPropsOrStringArray|FieldsV1)$/;
const REF_PREFIX = '#/definitions/';

function parseArgs(argv) {
  const opts = {
    spec: '/tmp/probe/swagger-1.13.json',
    overlay: join(schemaDir, 'builtin-schema-overlay.json'),
    out: join(schemaDir, 'builtin-schema.json'),
    check: false,
  };
  const rest = argv.filter((arg) => arg !== '--check');
  opts.check = rest.length !== argv.length;
  argv = rest;
  for (let i = 0; i < argv.length; i += 2) {
    const key = argv[i]?.replace(/^--/, '');
    if (!key || !(key in opts) || argv[i + 1] === undefined) throw new Error(`usage: --spec <file> --overlay <file> --out <file> (got ${argv[i]})`);
    opts[key] = argv[i + 1];
  }
  return opts;
}

function readJson(file) {
  const raw = readFileSync(file);
  return JSON.parse((file.endsWith('.gz') ? gunzipSync(raw) : raw).toString('utf8'));
}

// Overlay $refs may name a definition directly; the spec uses JSON pointers.
function refName(ref) {
  return ref.startsWith(REF_PREFIX) ? ref.slice(REF_PREFIX.length) : ref;
}

// A property patch that states a type replaces the property; one that only adds x-kubernetes-*
// markers is merged onto the property the spec already has.
function patchProperty(existing, patch) {
  const states = '$ref' in patch || 'type' in patch || 'items' in patch;
  return states || !existing ? { ...patch } : { ...existing, ...patch };
}

function applyOverlay(definitions, overlay) {
  const defs = { ...definitions };
  for (const [name, entry] of Object.entries(overlay.definitions)) {
    if (typeof entry.source !== 'string' || entry.source.length === 0) throw new Error(`overlay ${name}: every entry needs a source`);
    const base = entry.copyOf ? defs[entry.copyOf] : defs[name];
    if (entry.copyOf && !base) throw new Error(`overlay ${name}: copyOf ${entry.copyOf} does not exist`);
    const def = { ...(base ?? {}), properties: { ...(base?.properties ?? {}) } };
    for (const key of ['x-kubernetes-group-version-kind', 'x-kubernetes-map-type']) {
      if (key in entry) def[key] = entry[key];
    }
    for (const [prop, patch] of Object.entries(entry.properties ?? {})) {
      if (patch === null) delete def.properties[prop];
      else def.properties[prop] = patchProperty(def.properties[prop], patch);
    }
    defs[name] = def;
  }
  return defs;
}

function findRoots(defs) {
  const byKind = new Map();
  for (const [name, def] of Object.entries(defs)) {
    for (const gvk of def['x-kubernetes-group-version-kind'] ?? []) {
      const key = `${gvk.group ? `${gvk.group}/` : ''}${gvk.version}/${gvk.kind}`;
      // Prefer io.k8s.api.* over the deprecated io.k8s.kubernetes.pkg.* aliases of 1.13.
      if (!byKind.has(key) || !name.startsWith('io.k8s.kubernetes.')) byKind.set(key, name);
    }
  }
  const roots = {};
  for (const kind of ROOT_KINDS) {
    const name = byKind.get(kind);
    if (!name) throw new Error(`no definition for root kind ${kind}: add it to the overlay`);
    roots[kind] = name;
  }
  return roots;
}

// 'struct', 'untyped', or the scalar a definition is written as.
function defKind(defs, name) {
  const scalar = SCALAR_DEFS[name.slice(name.lastIndexOf('.') + 1)];
  if (scalar) return scalar;
  if (UNTYPED_DEFS.test(name)) return 'untyped';
  const def = defs[name];
  if (!def) throw new Error(`dangling reference to ${name}`);
  if (def.properties && Object.keys(def.properties).length > 0) return 'struct';
  return JSON_SCALARS.includes(def.type) ? def.type : 'untyped';
}

// The list type the API server derives (explicit marker, else from the patch strategy).
function listTypeOf(prop) {
  const strategies = (prop['x-kubernetes-patch-strategy'] ?? '').split(',');
  const mergeKey = prop['x-kubernetes-patch-merge-key'];
  const explicit = prop['x-kubernetes-list-type'];
  if (explicit === 'map') return { listType: 'map', mapKeys: prop['x-kubernetes-list-map-keys'] ?? [mergeKey] };
  if (explicit) return { listType: explicit };
  if (strategies.includes('merge')) return mergeKey ? { listType: 'map', mapKeys: [mergeKey] } : { listType: 'set' };
  return { listType: 'atomic' };
}

function compactType(defs, schema, prop, queue) {
  if (schema.$ref) {
    const name = refName(schema.$ref);
    const kind = defKind(defs, name);
    if (kind !== 'struct') return kind;
    queue.push(name);
    const mapType = prop?.['x-kubernetes-map-type'];
    return mapType ? { ref: name, atomic: mapType === 'atomic' } : name;
  }
  if (schema.type === 'array') {
    const { listType, mapKeys } = listTypeOf(prop ?? schema);
    const list = { list: compactType(defs, schema.items ?? {}, undefined, queue) };
    if (listType !== 'atomic') list.listType = listType;
    if (mapKeys) list.mapKeys = mapKeys;
    return list;
  }
  if (schema.type === 'object' && schema.additionalProperties) {
    const values = schema.additionalProperties === true ? 'untyped' : compactType(defs, schema.additionalProperties, undefined, queue);
    return prop?.['x-kubernetes-map-type'] === 'atomic' ? { map: values, atomic: true } : { map: values };
  }
  if (schema.properties) throw new Error('inline object schemas are not expected in the Kubernetes spec');
  return JSON_SCALARS.includes(schema.type) ? schema.type : 'untyped';
}

function compactField(defs, prop, queue) {
  const type = compactType(defs, prop, prop, queue);
  const strategy = prop['x-kubernetes-patch-strategy'];
  const mergeKey = prop['x-kubernetes-patch-merge-key'];
  if (!strategy && !mergeKey && prop.default === undefined) return type;
  const field = { type };
  if (strategy) field.patchStrategy = strategy;
  if (mergeKey) field.patchMergeKey = mergeKey;
  // Defaults matter where they stand in for a missing list-map key (a port's protocol is TCP).
  if (prop.default !== undefined) field.default = prop.default;
  return field;
}

function compactDefinitions(defs, roots) {
  const types = {};
  const queue = Object.values(roots);
  while (queue.length > 0) {
    const name = queue.pop();
    if (types[name]) continue;
    const def = defs[name];
    const fields = {};
    types[name] = { fields };
    for (const prop of Object.keys(def.properties).sort()) {
      fields[prop] = compactField(defs, def.properties[prop], queue);
    }
    if (def['x-kubernetes-map-type'] === 'atomic') types[name].atomic = true;
  }
  return types;
}

function serialize(doc) {
  const typeLines = Object.keys(doc.types).sort().map((name) => `    ${JSON.stringify(name)}: ${JSON.stringify(doc.types[name])}`);
  const kindLines = Object.entries(doc.kinds).map(([kind, name]) => `    ${JSON.stringify(kind)}: ${JSON.stringify(name)}`);
  return [
    '{',
    `  "comment": ${JSON.stringify(doc.comment)},`,
    `  "sources": ${JSON.stringify(doc.sources)},`,
    '  "kinds": {',
    kindLines.join(',\n'),
    '  },',
    '  "types": {',
    typeLines.join(',\n'),
    '  }',
    '}',
    '',
  ].join('\n');
}

function main() {
  const opts = parseArgs(process.argv.slice(2));
  const spec = readJson(opts.spec);
  const overlay = readJson(opts.overlay);
  const defs = applyOverlay(spec.definitions, overlay);
  const roots = findRoots(defs);
  const doc = {
    comment: 'Generated by scripts/generate-builtin-schema.mjs; do not edit. Change the overlay and regenerate.',
    sources: [`${spec.info?.title ?? 'OpenAPI'} ${spec.info?.version ?? ''}`.trim(), 'src/apimachinery/schema/builtin-schema-overlay.json'],
    kinds: roots,
    types: compactDefinitions(defs, roots),
  };
  if (opts.check) {
    const same = readFileSync(opts.out, 'utf8') === serialize(doc);
    process.stdout.write(same ? `${opts.out} is up to date\n` : `${opts.out} differs from the generator's output: regenerate it\n`);
    process.exitCode = same ? 0 : 1;
    return;
  }
  writeFileSync(opts.out, serialize(doc));
  process.stdout.write(`wrote ${opts.out}: ${Object.keys(doc.kinds).length} kinds, ${Object.keys(doc.types).length} types\n`);
}

main();
