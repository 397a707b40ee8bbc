// The CustomResourceDefinitions Weir installs, built from the schemas in this folder and the
// kubebuilder resource markers of the Go types (names, short names, categories, printer columns,
// status subresource). Written by Weir, not copied from Flux's YAML.
import { KUSTOMIZE_GROUP, SOURCE_GROUP } from './constants.js';
import type { CelRules, JSONSchemaProps } from '../apimachinery/index.js';
import { GIT_REPOSITORY_RULES, gitRepositorySchema } from './gitrepository-schema.js';
import { KUSTOMIZATION_RULES, kustomizationSchema } from './kustomization-schema.js';

interface CrdOptions {
  group: string;
  kind: string;
  plural: string;
  shortNames: string[];
  /** Flux ≥ 2.9 puts every kind in `all`, `fluxcd` and one category per controller. */
  category: string;
  component: string;
  columns: Array<{ name: string; type: string; jsonPath: string }>;
  schema: JSONSchemaProps;
}

const AGE = { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' };
const READY_STATUS = { name: 'Ready', type: 'string', jsonPath: '.status.conditions[?(@.type=="Ready")].status' };
const READY_MESSAGE = { name: 'Status', type: 'string', jsonPath: '.status.conditions[?(@.type=="Ready")].message' };

function crd(o: CrdOptions): Record<string, unknown> {
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: {
      name: `${o.plural}.${o.group}`,
      // The flux CLI finds its CRDs by `app.kubernetes.io/part-of=flux` (flux check, flux uninstall).
      labels: { 'app.kubernetes.io/component': o.component, 'app.kubernetes.io/instance': 'flux-system', 'app.kubernetes.io/part-of': 'flux' },
      // A Kustomization applying Flux objects must not substitute their ${…} text.
      annotations: { 'kustomize.toolkit.fluxcd.io/substitute': 'disabled' },
    },
    spec: {
      group: o.group,
      names: {
        kind: o.kind,
        listKind: `${o.kind}List`,
        plural: o.plural,
        singular: o.kind.toLowerCase(),
        shortNames: o.shortNames,
        categories: ['all', 'fluxcd', o.category],
      },
      scope: 'Namespaced',
      versions: [{
        name: 'v1',
        served: true,
        storage: true,
        additionalPrinterColumns: o.columns,
        schema: { openAPIV3Schema: o.schema },
        subresources: { status: {} },
      }],
    },
  };
}

/** The GitRepository CRD (gitrepositories.source.toolkit.fluxcd.io). */
export function gitRepositoryCrd(): Record<string, unknown> {
  return crd({
    group: SOURCE_GROUP, kind: 'GitRepository', plural: 'gitrepositories', shortNames: ['gitrepo'], category: 'fluxcd-sources',
    component: 'source-controller', columns: [{ name: 'URL', type: 'string', jsonPath: '.spec.url' }, AGE, READY_STATUS, READY_MESSAGE],
    schema: gitRepositorySchema(),
  });
}

/** The Kustomization CRD (kustomizations.kustomize.toolkit.fluxcd.io). */
export function kustomizationCrd(): Record<string, unknown> {
  return crd({
    group: KUSTOMIZE_GROUP, kind: 'Kustomization', plural: 'kustomizations', shortNames: ['ks'], category: 'fluxcd-appliers',
    component: 'kustomize-controller', columns: [AGE, READY_STATUS, READY_MESSAGE], schema: kustomizationSchema(),
  });
}

/** The CRD manifests Weir installs (GitRepository and Kustomization now; more kinds later), as plain objects */
export function fluxCrds(): Array<Record<string, unknown>> {
  return [gitRepositoryCrd(), kustomizationCrd()];
}

/** TypeScript stand-ins for the CEL rules (x-kubernetes-validations) of fluxCrds(), keyed by rule text. */
export const FLUX_CEL_RULES: CelRules = { ...GIT_REPOSITORY_RULES, ...KUSTOMIZATION_RULES };
