// Kustomization scenarios for features the corpus lacks or rarely shows. Their expected outputs
// (scenarios.expected.json) are what `kubectl kustomize` (kustomize v5.5.0) printed for the
// files: regenerate with `tsx test/kustomize/record-scenarios.ts` where kubectl is installed.
import { OPENAPI_SCENARIOS } from './openapi-scenarios.js';

/** One scenario: an in-memory tree and the directory to build. */
export interface Scenario {
  files: Record<string, string>;
  dir?: string;
}

const deployment = (name: string, extra = '') => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
spec:
  selector:
    matchLabels: {app: ${name}}
  template:
    metadata:
      labels: {app: ${name}}
    spec:
      serviceAccountName: sa
      containers:
      - name: main
        image: nginx:1.0
        envFrom:
        - configMapRef: {name: cfg}
        - secretRef: {name: creds}
${extra}`;

/** The scenarios, by name. */
export const SCENARIOS: Record<string, Scenario> = {
  'namespace, prefix and name references': {
    files: {
      'kustomization.yaml': 'namespace: prod\nnamePrefix: p-\nnameSuffix: -s\nresources: [app.yaml, rbac.yaml]\nconfigMapGenerator:\n- name: cfg\n  literals: [A=1]\nsecretGenerator:\n- name: creds\n  literals: [B=2]\n',
      'app.yaml': `${deployment('web')}---\napiVersion: v1\nkind: ServiceAccount\nmetadata: {name: sa}\n---\napiVersion: v1\nkind: Namespace\nmetadata: {name: other}\n`,
      'rbac.yaml': 'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata: {name: crb}\nroleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cr}\nsubjects:\n- {kind: ServiceAccount, name: sa, namespace: default}\n- {kind: ServiceAccount, name: default, namespace: x}\n---\napiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata: {name: cr}\nrules: []\n',
    },
  },
  'labels, annotations, images and replicas': {
    files: {
      'kustomization.yaml': `resources: [app.yaml]
commonLabels: {team: a}
labels:
- pairs: {tier: web}
  includeTemplates: true
- pairs: {only: meta}
commonAnnotations: {note: "yes"}
images:
- name: nginx
  newName: registry.example/nginx
  digest: sha256:0123
replicas:
- name: web
  count: 3
`,
      'app.yaml': `${deployment('web')}---\napiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec:\n  selector: {app: web}\n  ports: [{port: 80}]\n`,
    },
  },
  'generators across a base and an overlay': {
    dir: 'overlay',
    files: {
      'base/kustomization.yaml': 'configMapGenerator:\n- name: cfg\n  literals: [A=1, B=2]\n- name: other\n  envs: [app.env]\nsecretGenerator:\n- name: creds\n  files: [token=token.txt]\n  type: kubernetes.io/opaque\nresources: [app.yaml]\n',
      'base/app.env': '# comment\nX=1\n  Y = two\nZ="q"\n',
      'base/token.txt': 'a-long-token-value-that-needs-more-than-seventy-characters-of-base64-encoding-to-wrap\n',
      'base/app.yaml': deployment('web'),
      'overlay/kustomization.yaml': 'namePrefix: o-\nresources: [../base]\ngeneratorOptions:\n  labels: {gen: "true"}\nconfigMapGenerator:\n- name: cfg\n  behavior: merge\n  literals: [B=3, C=4]\n- name: other\n  behavior: replace\n  literals: [only=this]\n  options: {disableNameSuffixHash: true}\n',
    },
  },
  'patches of every kind': {
    files: {
      'kustomization.yaml': `resources: [app.yaml]
patchesStrategicMerge:
- |-
  apiVersion: v1
  kind: ConfigMap
  metadata: {name: gone}
  $patch: delete
patches:
- target: {kind: Deployment, labelSelector: "tier=web"}
  patch: |-
    apiVersion: apps/v1
    kind: Deployment
    metadata: {name: any}
    spec: {replicas: 2}
- target: {kind: Deployment, name: "w.*"}
  patch: |-
    - op: add
      path: /metadata/annotations
      value: {patched: "json6902"}
patchesJson6902:
- target: {group: apps, version: v1, kind: Deployment, name: web}
  patch: '[{"op": "replace", "path": "/spec/template/spec/containers/0/image", "value": "busybox"}]'
`,
      'app.yaml': `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web, labels: {tier: web}}\nspec:\n  template:\n    spec:\n      containers: [{name: c, image: nginx}]\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: gone}\n`,
    },
  },
  'components and fifo order': {
    files: {
      'kustomization.yaml': 'resources: [b.yaml, a.yaml]\ncomponents: [comp]\nsortOptions: {order: fifo}\n',
      'b.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: b}\n',
      'a.yaml': 'apiVersion: v1\nkind: Namespace\nmetadata: {name: a}\n',
      'comp/kustomization.yaml': 'apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\ncommonAnnotations: {from: component}\nconfigMapGenerator:\n- name: c\n  literals: [k=v]\n',
    },
  },
  'buildMetadata annotations across a base': {
    files: {
      'kustomization.yaml': 'resources: [base, x.yaml]\nbuildMetadata: [originAnnotations, transformerAnnotations, managedByLabel]\nnamePrefix: p-\nconfigMapGenerator:\n- name: g\n  literals: [a=b]\n',
      'x.yaml': 'apiVersion: v1\nkind: Service\nmetadata: {name: x}\n',
      'base/kustomization.yaml': 'resources: [s.yaml]\nnamespace: ns1\n',
      'base/s.yaml': 'apiVersion: v1\nkind: Service\nmetadata: {name: s}\n',
    },
  },
  'legacy sort with custom kind order': {
    files: {
      'kustomization.yaml': 'resources: [a.yaml]\nsortOptions:\n  order: legacy\n  legacySortOptions:\n    orderFirst: [Service]\n    orderLast: [Namespace]\n',
      'a.yaml': 'apiVersion: v1\nkind: Namespace\nmetadata: {name: n}\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\n---\napiVersion: v1\nkind: Service\nmetadata: {name: s}\n',
    },
  },
  'labels with custom fields, crd-less custom kinds and namespaced subjects': {
    files: {
      'kustomization.yaml': 'resources: [a.yaml]\nnamespace: team\nlabels:\n- pairs: {owner: me}\n  fields:\n  - path: spec/selector/labels\n    kind: Widget\n    create: true\n',
      'a.yaml': 'apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\nspec: {}\n---\napiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata: {name: rb}\nroleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: r}\nsubjects:\n- {kind: ServiceAccount, name: default, namespace: other}\n- {kind: ServiceAccount, name: sa2, namespace: zzz}\n',
    },
  },
  'crds: OpenAPI definitions add name references and label fields': {
    files: {
      'kustomization.yaml': 'crds: [crd.json]\nnamePrefix: p-\ncommonLabels: {team: a}\nresources: [r.yaml]\nsecretGenerator:\n- name: creds\n  literals: [a=b]\n',
      'crd.json': "{\"example.com.v1.Widget\": {\"Schema\": {\"properties\": {\"apiVersion\": {\"type\": \"string\"}, \"kind\": {\"type\": \"string\"}, \"metadata\": {\"type\": \"object\"},\n   \"spec\": {\"$ref\": \"example.com.v1.WidgetSpec\"}}}},\n \"example.com.v1.WidgetSpec\": {\"Schema\": {\"properties\": {\"secretRef\": {\"x-kubernetes-object-ref-api-version\": \"v1\", \"x-kubernetes-object-ref-kind\": \"Secret\", \"type\": \"object\"}, \"selector\": {\"x-kubernetes-label-selector\": \"\", \"type\": \"object\"}}}}}\n",
      'r.yaml': 'apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\nspec:\n  selector: {x: y}\n  secretRef: {name: creds}\n',
    },
  },
  'overlay patches reach base resources by their original names': {
    dir: 'prod',
    files: {
      'base/kustomization.yaml': 'namePrefix: base-\nnamespace: app\nresources: [app.yaml]\nconfigMapGenerator:\n- name: cfg\n  literals: [A=1]\n',
      'base/app.yaml': `${deployment('web')}---\napiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec: {selector: {app: web}}\n---\napiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: web}\nspec:\n  rules:\n  - http:\n      paths:\n      - path: /\n        pathType: Prefix\n        backend: {service: {name: web, port: {number: 80}}}\n---\napiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: {name: web}\nspec:\n  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}\n  maxReplicas: 3\n`,
      'prod/kustomization.yaml': 'namePrefix: prod-\nresources: [../base]\npatches:\n- patch: |-\n    apiVersion: apps/v1\n    kind: Deployment\n    metadata: {name: web, namespace: app}\n    spec: {replicas: 5}\nconfigMapGenerator:\n- name: cfg\n  namespace: app\n  behavior: merge\n  literals: [B=2]\nreplicas:\n- name: base-web\n  count: 7\n',
    },
  },
  'list kinds, multi-document files and local-config resources': {
    files: {
      'kustomization.yaml': 'resources: [list.yaml]\n',
      'list.yaml': 'apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: ConfigMap\n  metadata: {name: a}\n- apiVersion: v1\n  kind: ConfigMap\n  metadata: {name: b, annotations: {config.kubernetes.io/local-config: "true"}}\n---\n---\napiVersion: v1\nkind: Secret\nmetadata: {name: s}\ntype: Opaque\n',
    },
  },
  'configurations add custom name references and prefix specs': {
    files: {
      'kustomization.yaml': 'resources: [r.yaml]\nnamePrefix: p-\nnamespace: n1\nconfigurations: [conf.yaml]\nconfigMapGenerator:\n- name: settings\n  literals: [k=v]\n',
      'conf.yaml': 'nameReference:\n- kind: ConfigMap\n  version: v1\n  fieldSpecs:\n  - path: spec/configRef\n    kind: Widget\ncommonLabels:\n- path: spec/selector\n  kind: Widget\n  create: true\n',
      'r.yaml': 'apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\nspec: {configRef: settings}\n',
    },
  },
  'builtin transformers listed as files': {
    files: {
      'kustomization.yaml': 'resources: [a.yaml]\ntransformers: [ns.yaml, labels.yaml]\ngenerators: [cm.yaml]\n',
      'ns.yaml': 'apiVersion: builtin\nkind: NamespaceTransformer\nmetadata: {name: x, namespace: target}\nunsetOnly: true\nsetRoleBindingSubjects: allServiceAccounts\n',
      'labels.yaml': 'apiVersion: builtin\nkind: LabelTransformer\nmetadata: {name: l}\nlabels: {team: a}\nfieldSpecs:\n- {path: metadata/labels, create: true}\n',
      'cm.yaml': 'apiVersion: builtin\nkind: ConfigMapGenerator\nmetadata: {name: gen}\nliterals: [k=v]\n',
      'a.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a, namespace: keep}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: b}\n---\napiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata: {name: rb}\nroleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: r}\nsubjects:\n- {kind: ServiceAccount, name: x, namespace: other}\n- {kind: ServiceAccount, name: y}\n- {kind: User, name: u}\n',
    },
  },
  'one base in several overlays: each gets its own copy, YAML source text kept': {
    files: {
      'kustomization.yaml': 'resources: [a, b]\n',
      'base/kustomization.yaml': 'resources: [app.yaml]\nconfigMapGenerator:\n- name: cfg\n  literals: [A=1]\n',
      'base/app.yaml': `${deployment('web', '        args: [--svc=$(SVC)]\n')}---\napiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  annotations: {mode: 0755, flag: yes, empty: ~}\nspec: {selector: {app: web}}\n`,
      'a/kustomization.yaml': 'resources: [../base]\nnamePrefix: a-\nnamespace: a\nvars:\n- name: SVC\n  objref: {apiVersion: v1, kind: Service, name: web}\npatches:\n- patch: |-\n    apiVersion: apps/v1\n    kind: Deployment\n    metadata: {name: web}\n    spec: {replicas: 2, template: {spec: {serviceAccountName: null}}}\n',
      'b/kustomization.yaml': 'resources: [../base]\nnamePrefix: b-\nnamespace: b\ncommonLabels: {tier: b}\nimages:\n- name: nginx\n  newTag: "2.0"\n',
    },
  },
  ...OPENAPI_SCENARIOS,
  'Namespaces of other groups or without apiVersion, in kustomize order': {
    files: {
      'kustomization.yaml': 'resources: [r.yaml]\n',
      'r.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n---\napiVersion: example.io/v1\nkind: Namespace\nmetadata: {name: fake}\n---\napiVersion: other.io/v1\nkind: Namespace\nmetadata: {name: also-fake}\n---\nkind: Namespace\nmetadata: {name: noversion}\n---\napiVersion: v1\nkind: Namespace\nmetadata: {name: real}\n',
    },
  },
};
