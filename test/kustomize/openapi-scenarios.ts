// Scenarios for the `openapi:` field and for what kyaml's OpenAPI data decides (merge keys, kinds'
// scope), recorded from `kubectl kustomize` like the others (see scenarios.ts). kyaml holds one
// schema per process: the order kustomizations set and first use it is what these pin down.
import type { Scenario } from './scenarios.js';

const gvk = (kind: string) => [{ group: 'example.io', kind, version: 'v1' }];

/** A swagger document whose Widget merges `spec.items` by `key`. */
const widgetSchema = (key: string, extra: Record<string, unknown> = {}) => `${JSON.stringify({
  definitions: {
    'io.example.v1.Widget': {
      type: 'object',
      properties: { spec: { type: 'object', properties: { items: { type: 'array', items: { $ref: '#/definitions/io.example.v1.Item' }, 'x-kubernetes-patch-merge-key': key, 'x-kubernetes-patch-strategy': 'merge' } } } },
      'x-kubernetes-group-version-kind': gvk('Widget'),
    },
    'io.example.v1.Item': { type: 'object', properties: { name: { type: 'string' }, value: { type: 'string' } } },
  },
  ...extra,
}, null, 2)}\n`;

const widget = (name: string) => `apiVersion: example.io/v1\nkind: Widget\nmetadata: {name: ${name}}\nspec:\n  items: [{name: a, value: "1"}, {name: b, value: "2"}]\n`;
const deployment = (name: string) => `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: ${name}}\nspec:\n  template:\n    spec:\n      containers: [{name: x, image: x:1}, {name: y, image: y:1}]\n`;
// Merged by name, the patch item `c` comes first; merged by value, it replaces `a`.
const widgetPatch = (name: string) => `- patch: |-\n    apiVersion: example.io/v1\n    kind: Widget\n    metadata: {name: ${name}}\n    spec:\n      items: [{name: c, value: "1"}]\n`;
// Merged by name, `y` is updated in place; replaced whole, `x` is gone.
const deploymentPatch = (name: string) => `- patch: |-\n    apiVersion: apps/v1\n    kind: Deployment\n    metadata: {name: ${name}}\n    spec:\n      template:\n        spec:\n          containers: [{name: y, image: y:2}]\n`;

const FEATURES_SCHEMA = `# kyaml reads a file that does not start with "{" as YAML (its first document)
definitions:
  io.example.v1.Gadget:
    properties:
      spec: {$ref: '#/definitions/io.example.v1.Spec'}
    x-kubernetes-group-version-kind: [{group: example.io, kind: Gadget, version: v1}]
  io.example.v1.Spec:
    properties:
      untyped:   # no "type: array": merged, but its items have no schema
        items: {$ref: '#/definitions/io.example.v1.Inner'}
        x-kubernetes-patch-merge-key: name
        x-kubernetes-patch-strategy: merge
      typed:
        type: array
        items: {$ref: '#/definitions/io.example.v1.Inner'}
        x-kubernetes-patch-merge-key: name
        x-kubernetes-patch-strategy: merge,retainKeys
      byName:    # additionalProperties: every value has this schema
        type: object
        additionalProperties: {type: array, items: {type: object}, x-kubernetes-patch-merge-key: name, x-kubernetes-patch-strategy: merge}
      pairs:     # x-kubernetes-list-map-keys win over the merge key
        type: array
        items: {type: object}
        x-kubernetes-list-map-keys: [p, q]
        x-kubernetes-patch-merge-key: p
        x-kubernetes-patch-strategy: merge
      referred:  # a $ref replaces the node: its own strategy is dropped
        $ref: '#/definitions/io.example.v1.List'
        x-kubernetes-patch-merge-key: name
        x-kubernetes-patch-strategy: merge
  io.example.v1.Inner:
    properties:
      sub: {type: array, items: {type: object}, x-kubernetes-patch-merge-key: k, x-kubernetes-patch-strategy: merge}
  io.example.v1.List: {type: array, items: {type: object}}
---
ignored: true
`;

const GADGET = `apiVersion: example.io/v1
kind: Gadget
metadata: {name: g}
spec:
  untyped: [{name: a, sub: [{k: 1, v: 1}, {k: 2, v: 2}]}, {name: b}]
  typed: [{name: a, sub: [{k: 1, v: 1}, {k: 2, v: 2}]}, {name: b}]
  byName: {m: [{name: a, v: "1"}, {name: b, v: "2"}]}
  pairs: [{p: 1, q: 1, v: "1"}, {p: 1, q: 2, v: "2"}]
  referred: [{name: a, v: "1"}, {name: b, v: "2"}]
`;

const GADGET_PATCH = `- patch: |-
    apiVersion: example.io/v1
    kind: Gadget
    metadata: {name: g}
    spec:
      untyped: [{name: a, sub: [{k: 1, v: 9}]}]
      typed: [{name: a, sub: [{k: 1, v: 9}]}]
      byName: {m: [{name: b, v: "9"}]}
      pairs: [{p: 1, q: 2, v: "9"}]
      referred: [{name: a, v: "9"}]
`;

const get = (kind: string) => ({ get: { 'x-kubernetes-group-version-kind': { group: 'example.io', kind, version: 'v1' } } });

const SCOPE_SCHEMA = `${JSON.stringify({
  definitions: {},
  paths: {
    '/apis/example.io/v1/clusters/{name}': get('Cluster'),
    '/apis/example.io/v1/gadgets': get('Gadget'),
    '/apis/example.io/v1/namespaces/{namespace}/gadgets': get('Gadget'),
    '/apis/authentication.k8s.io/v1/tokenreviews': { get: { 'x-kubernetes-group-version-kind': { group: 'authentication.k8s.io', kind: 'TokenReview', version: 'v1' } } },
    '/api/v1/namespaces/{namespace}/nodes': { get: { 'x-kubernetes-group-version-kind': { group: '', kind: 'Node', version: 'v1' } } },
  },
}, null, 2)}\n`;

const SCOPED = `apiVersion: example.io/v1
kind: Cluster
metadata: {name: c}
spec: {configRef: cfg}
---
apiVersion: example.io/v1
kind: Gadget
metadata: {name: g}
---
apiVersion: example.io/v1
kind: Widget
metadata: {name: w}
---
apiVersion: authentication.k8s.io/v1
kind: TokenReview
metadata: {name: tr}
---
apiVersion: v1
kind: Node
metadata: {name: n}
`;

/** The scenarios, by name. */
export const OPENAPI_SCENARIOS: Record<string, Scenario> = {
  'openapi: a JSON schema replaces the built-in one': {
    files: {
      'kustomization.yaml': `resources: [r.yaml]\nopenapi:\n  path: schema.json\npatches:\n${widgetPatch('w')}${deploymentPatch('d')}`,
      'r.yaml': `${widget('w')}---\n${deployment('d')}`,
      'schema.json': widgetSchema('name'),
    },
  },
  'openapi: a YAML schema, read field by field as kyaml reads it': {
    files: {
      'kustomization.yaml': `resources: [r.yaml]\nopenapi: {path: schema.yaml}\npatches:\n${GADGET_PATCH}`,
      'r.yaml': GADGET,
      'schema.yaml': FEATURES_SCHEMA,
    },
  },
  'openapi: an empty document leaves every list without merge keys': {
    files: {
      'kustomization.yaml': `resources: [r.yaml]\nopenapi: {path: schema.json}\npatches:\n${deploymentPatch('d')}`,
      'r.yaml': deployment('d'),
      'schema.json': '{}\n',
    },
  },
  "openapi: the overlay's schema wins over a base's": {
    dir: 'overlay',
    files: {
      'base/kustomization.yaml': `resources: [r.yaml]\nopenapi: {path: schema.json}\npatches:\n${widgetPatch('w')}`,
      'base/r.yaml': widget('w'),
      'base/schema.json': widgetSchema('name'),
      'overlay/kustomization.yaml': 'resources: [../base]\nopenapi: {path: schema.json}\n',
      'overlay/schema.json': widgetSchema('value'),
    },
  },
  "openapi: the first base's schema holds for later bases and the overlay's patches": {
    dir: 'overlay',
    files: {
      'a/kustomization.yaml': `resources: [r.yaml]\nopenapi: {path: schema.json}\npatches:\n${widgetPatch('wa')}`,
      'a/r.yaml': widget('wa'),
      'a/schema.json': widgetSchema('value'),
      'b/kustomization.yaml': `resources: [r.yaml]\nopenapi: {path: schema.json}\npatches:\n${widgetPatch('wb')}`,
      'b/r.yaml': `${widget('wb')}---\n${deployment('d')}`,
      'b/schema.json': widgetSchema('name'),
      'overlay/kustomization.yaml': `resources: [../a, ../b]\npatches:\n${widgetPatch('wb')}${deploymentPatch('d')}`,
    },
  },
  "openapi: version v1.21.2 is the built-in schema, and locks out bases' schemas": {
    dir: 'overlay',
    files: {
      'base/kustomization.yaml': 'resources: [r.yaml]\nopenapi: {path: schema.json, version: v1.21.2}\n',
      'base/r.yaml': deployment('d'),
      'base/schema.json': widgetSchema('name'),
      'overlay/kustomization.yaml': `resources: [../base, ../other]\nopenapi: {version: v1.21.2}\npatches:\n${deploymentPatch('d')}`,
      'other/kustomization.yaml': 'resources: [r.yaml]\nopenapi: {version: v0.0.0}\n',
      'other/r.yaml': widget('w'),
    },
  },
  "openapi: a base's schema replaces the built-in one when nothing used it yet": {
    dir: 'overlay',
    files: {
      'a/kustomization.yaml': 'resources: [r.yaml]\n',
      'a/r.yaml': deployment('da'),
      'b/kustomization.yaml': 'resources: [r.yaml]\nopenapi: {path: schema.json}\n',
      'b/r.yaml': `${deployment('db')}---\n${widget('w')}`,
      'b/schema.json': widgetSchema('name'),
      'overlay/kustomization.yaml': `resources: [../a, ../b]\npatches:\n${deploymentPatch('da')}${widgetPatch('w')}`,
    },
  },
  "openapi: a base's schema adds to the built-in one once a custom kind or a patch used it": {
    dir: 'overlay',
    files: {
      'a/kustomization.yaml': `resources: [r.yaml]\npatches:\n${deploymentPatch('da')}`,
      'a/r.yaml': deployment('da'),
      'b/kustomization.yaml': 'resources: [r.yaml]\nopenapi: {path: schema.json}\n',
      'b/r.yaml': `${deployment('db')}---\n${widget('wb')}`,
      'b/schema.json': widgetSchema('name'),
      'overlay/kustomization.yaml': `resources: [../a, ../b]\npatches:\n${deploymentPatch('db')}${widgetPatch('wb')}`,
    },
  },
  'openapi: a custom kind loads the built-in schema first, and refs reach its definitions': {
    dir: 'overlay',
    files: {
      'base/kustomization.yaml': 'resources: [r.yaml]\nopenapi: {path: schema.json}\n',
      'base/r.yaml': `${deployment('d')}---\napiVersion: example.io/v1\nkind: Wrapper\nmetadata: {name: wr}\nspec:\n  template:\n    spec:\n      containers: [{name: x, image: x:1}, {name: y, image: y:1}]\n`,
      'base/schema.json': `${JSON.stringify({ definitions: { 'io.example.v1.Wrapper': { properties: { spec: { properties: { template: { $ref: '#/definitions/io.k8s.api.core.v1.PodTemplateSpec' } } } }, 'x-kubernetes-group-version-kind': gvk('Wrapper') } } })}\n`,
      'overlay/kustomization.yaml': `resources: [g.yaml, ../base, ../alone]\npatches:\n${deploymentPatch('d')}- patch: |-\n    apiVersion: example.io/v1\n    kind: Wrapper\n    metadata: {name: wr}\n    spec:\n      template:\n        spec:\n          containers: [{name: y, image: y:2}]\n`,
      'overlay/g.yaml': 'apiVersion: example.io/v1\nkind: Gadget\nmetadata: {name: g}\n',
      'alone/kustomization.yaml': 'resources: [r.yaml]\n',
      'alone/r.yaml': deployment('other'),
    },
  },
  "openapi: a component's schema": {
    dir: 'overlay',
    files: {
      'comp/kustomization.yaml': `apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\nresources: [w.yaml]\nopenapi: {path: schema.json}\npatches:\n${deploymentPatch('d')}`,
      'comp/schema.json': widgetSchema('name'),
      'comp/w.yaml': widget('w'),
      'overlay/kustomization.yaml': `resources: [r.yaml]\ncomponents: [../comp]\npatches:\n${widgetPatch('w')}`,
      'overlay/r.yaml': deployment('d'),
    },
  },
  "openapi: API paths decide which custom kinds are cluster-scoped": {
    files: {
      'kustomization.yaml': 'resources: [r.yaml]\nnamespace: prod\nnamePrefix: p-\nopenapi: {path: schema.json}\nconfigMapGenerator:\n- name: cfg\n  literals: [a=b]\nconfigurations: [refs.yaml]\npatches:\n- target: {kind: Cluster, namespace: anything}\n  patch: |-\n    [{"op": "add", "path": "/spec/patched", "value": true}]\n- patch: |-\n    apiVersion: example.io/v1\n    kind: Cluster\n    metadata: {name: c, namespace: elsewhere}\n    spec: {merged: true}\n',
      'r.yaml': SCOPED,
      'refs.yaml': 'nameReference:\n- kind: ConfigMap\n  version: v1\n  fieldSpecs:\n  - {path: spec/configRef, kind: Cluster}\n',
      'schema.json': SCOPE_SCHEMA,
    },
  },
  'kinds outside kyaml\'s scope table are namespaced without a schema that says otherwise': {
    files: {
      'kustomization.yaml': 'resources: [r.yaml]\nnamespace: prod\n',
      'r.yaml': `${SCOPED}---\napiVersion: rbac.authorization.k8s.io/v1alpha1\nkind: ClusterRole\nmetadata: {name: old}\n---\napiVersion: flowcontrol.apiserver.k8s.io/v1beta1\nkind: FlowSchema\nmetadata: {name: fs1}\n---\napiVersion: flowcontrol.apiserver.k8s.io/v1\nkind: FlowSchema\nmetadata: {name: fs}\n---\napiVersion: example.io/v1\nkind: Namespace\nmetadata: {name: not-core}\n---\napiVersion: v1\nkind: NodeProxyOptions\nmetadata: {name: npo}\n`,
    },
  },
  'objects embedded in a custom resource merge by their own kind': {
    files: {
      'kustomization.yaml': 'resources: [r.yaml]\npatches:\n- patch: |-\n    apiVersion: example.io/v1\n    kind: Wrapper\n    metadata: {name: w}\n    spec:\n      manifest:\n        apiVersion: apps/v1\n        kind: Deployment\n        spec:\n          template:\n            spec:\n              containers: [{name: y, image: y:2}]\n      plain:\n        template:\n          spec:\n            containers: [{name: y, image: y:2}]\n',
      'r.yaml': 'apiVersion: example.io/v1\nkind: Wrapper\nmetadata: {name: w}\nspec:\n  manifest:\n    apiVersion: apps/v1\n    kind: Deployment\n    metadata: {name: inner}\n    spec:\n      template:\n        spec:\n          containers: [{name: x, image: x:1}, {name: y, image: y:1}]\n  plain:\n    template:\n      spec:\n        containers: [{name: x, image: x:1}, {name: y, image: y:1}]\n',
    },
  },
};
