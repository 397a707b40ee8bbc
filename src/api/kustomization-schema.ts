// The openAPIV3Schema of Kustomization v1, from the kubebuilder markers of kustomization_types.go
// and the fluxcd/pkg types it embeds (kustomize.Patch, Image, Selector, CustomHealthCheck,
// meta.KubeConfigReference, meta.History).
import type { CelRules, JSONSchemaProps } from '../apimachinery/index.js';
import {
  bool, conditionsSchema, duration, int64, list, localObjectReference, obj, rootSchema, selectorSchema, str, stringMap,
} from './schema-parts.js';

/** The two CEL rules of meta.KubeConfigReference (exactly one source of the kubeconfig). */
export const KUBECONFIG_ONE_OF_RULES = ['has(self.configMapRef) || has(self.secretRef)', '!has(self.configMapRef) || !has(self.secretRef)'] as const;
const KUBECONFIG_MESSAGE = 'exactly one of spec.kubeConfig.configMapRef or spec.kubeConfig.secretRef must be specified';

/** TypeScript evaluation of Kustomization's CEL rules. */
export const KUSTOMIZATION_RULES: CelRules = {
  [KUBECONFIG_ONE_OF_RULES[0]]: (self) => Object.hasOwn(self, 'configMapRef') || Object.hasOwn(self, 'secretRef'),
  [KUBECONFIG_ONE_OF_RULES[1]]: (self) => !Object.hasOwn(self, 'configMapRef') || !Object.hasOwn(self, 'secretRef'),
};

const boundedName = (description: string, maxLength: number) => str(description, { minLength: 1, maxLength });

function specFields(): Record<string, JSONSchemaProps> {
  return {
    buildMetadata: list('Build metadata kustomize adds to the objects.', { type: 'string', enum: ['originAnnotations', 'transformerAnnotations'] }),
    commonMetadata: obj('Labels and annotations set on every applied object.', {
      annotations: stringMap('Annotations to set.'),
      labels: stringMap('Labels to set.'),
    }),
    components: list('Relative paths of kustomize components.', { type: 'string' }),
    decryption: obj('Decrypt SOPS-encrypted manifests before applying them.', {
      provider: str('Decryption engine.', { enum: ['sops'] }),
      secretRef: localObjectReference('Secret with the decryption keys.'),
      serviceAccountName: str('ServiceAccount for KMS workload identity.'),
    }, ['provider']),
    deletionPolicy: str('What deleting the Kustomization does to its objects; MirrorPrune follows prune.', { enum: ['MirrorPrune', 'Delete', 'WaitForTermination', 'Orphan'] }),
    dependsOn: list('Kustomizations that must be ready first.', obj('A dependency.', {
      name: str('Name of the Kustomization.'),
      namespace: str('Namespace; defaults to this Kustomization\'s.'),
      readyExpr: str('CEL expression deciding readiness of the dependency.'),
    }, ['name'])),
    force: bool('Recreate objects whose immutable fields changed.', { default: false }),
    healthCheckExprs: list('CEL health rules for custom resources.', obj('Health rules of a kind.', {
      apiVersion: str('API version (the group is what matches).'),
      current: str('CEL expression that is true when the object is healthy.'),
      failed: str('CEL expression that is true when the object failed.'),
      inProgress: str('CEL expression that is true while the object progresses.'),
      kind: str('Kind; all kinds of the group when empty.'),
    }, ['apiVersion', 'current'])),
    healthChecks: list('Objects whose health is assessed.', obj('An object in any namespace.', {
      apiVersion: str('API version.'),
      kind: str('Kind.'),
      name: str('Name.'),
      namespace: str('Namespace.'),
    }, ['kind', 'name'])),
    ignore: list('Drift-ignore rules.', obj('JSON pointers whose drift is ignored.', {
      paths: list('JSON pointers (RFC 6901).', { type: 'string' }),
      target: selectorSchema('Objects the rule applies to; all when empty.'),
    }, ['paths'])),
    ignoreMissingComponents: bool('Drop components that do not exist in the source.'),
    images: list('Image overrides.', obj('An image override.', {
      digest: str('Digest replacing the tag.'),
      name: str('Image name without tag.'),
      newName: str('Replacement name.'),
      newTag: str('Replacement tag.'),
    }, ['name'])),
    interval: duration('How often to reconcile, drift correction included.'),
    kubeConfig: obj('Kubeconfig of a remote cluster to apply to.', {
      configMapRef: localObjectReference('ConfigMap describing a workload-identity connection.'),
      secretRef: obj('Secret holding a kubeconfig.', { key: str('Key of the kubeconfig; value or value.yaml when empty.'), name: str('Name of the Secret.') }, ['name']),
    }, [], { 'x-kubernetes-validations': KUBECONFIG_ONE_OF_RULES.map((rule) => ({ rule, message: KUBECONFIG_MESSAGE })) }),
    namePrefix: boundedName('Prefix for the names of all objects.', 200),
    nameSuffix: boundedName('Suffix for the names of all objects.', 200),
    patches: list('Inline strategic-merge or JSON 6902 patches.', obj('A patch.', {
      patch: str('The patch as YAML.'),
      target: selectorSchema('Objects to patch.'),
    }, ['patch'])),
    path: str('Directory in the artifact; the root when empty.'),
    postBuild: obj('Variable substitution after the build.', {
      substitute: stringMap('Variables and their values.'),
      substituteFrom: list('ConfigMaps and Secrets holding variables.', obj('A variables source.', {
        kind: str('Kind of the source.', { enum: ['Secret', 'ConfigMap'] }),
        name: boundedName('Name of the source, in this namespace.', 253),
        optional: bool('Tolerate a missing source.', { default: false }),
      }, ['kind', 'name'])),
      substituteStrategy: str('WithVariables substitutes only when a variable exists; Always even without.', { enum: ['WithVariables', 'Always'] }),
    }),
    prune: bool('Garbage-collect objects removed from the source.'),
    retryInterval: duration('How soon to retry after a failure; defaults to interval.'),
    serviceAccountName: str('ServiceAccount to impersonate when applying.'),
    sourceRef: obj('The source of the manifests.', {
      apiVersion: str('API version of the source.'),
      kind: str('Kind of the source.', { enum: ['OCIRepository', 'GitRepository', 'Bucket', 'ExternalArtifact'] }),
      name: str('Name of the source.'),
      namespace: str('Namespace; defaults to this Kustomization\'s.'),
    }, ['kind', 'name']),
    suspend: bool('Stop reconciling, correcting drift and pruning.'),
    targetNamespace: boundedName('Namespace set on all namespaced objects.', 63),
    timeout: duration('Budget for fetch, build, apply and health checks; defaults to interval - 30s, at least 30s.'),
    wait: bool('Wait for all applied objects to be healthy (healthChecks is then ignored).'),
  };
}

function statusSchema(): JSONSchemaProps {
  return obj('What the kustomize-controller observed.', {
    conditions: conditionsSchema('Conditions of the Kustomization.'),
    history: list('The last reconciliations, newest first.', obj('A reconciliation snapshot.', {
      digest: str('Digest of the built manifests.'),
      firstReconciled: str('First time these manifests were reconciled.', { format: 'date-time' }),
      lastReconciled: str('Last time these manifests were reconciled.', { format: 'date-time' }),
      lastReconciledDuration: str('Duration of the last reconciliation.'),
      lastReconciledStatus: str('Ready reason of the last reconciliation.'),
      metadata: stringMap('Revision and origin revision.'),
      totalReconciliations: int64('How often these manifests were reconciled.'),
    }, ['digest', 'firstReconciled', 'lastReconciled', 'lastReconciledDuration', 'lastReconciledStatus', 'totalReconciliations'])),
    inventory: obj('Objects applied by the last reconciliation.', {
      entries: list('Applied objects.', obj('An applied object.', {
        id: str('`<namespace>_<name>_<group>_<kind>`.'),
        v: str('API version.'),
      }, ['id', 'v'])),
    }, ['entries']),
    lastAppliedOriginRevision: str('Origin revision of the last applied artifact.'),
    lastAppliedRevision: str('Revision of the last applied artifact.'),
    lastAttemptedRevision: str('Revision of the last attempt.'),
    lastHandledReconcileAt: str('The last reconcile request (requestedAt annotation) handled.'),
    observedGeneration: int64('The last generation reconciled.'),
  });
}

/** The whole schema of a Kustomization. */
export function kustomizationSchema(): JSONSchemaProps {
  const spec = obj('How to build and apply manifests from a source.', specFields(), ['interval', 'prune', 'sourceRef']);
  return rootSchema('Builds manifests from a source with kustomize and applies them.', spec, statusSchema());
}
