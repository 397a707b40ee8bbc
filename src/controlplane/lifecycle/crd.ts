// CustomResourceDefinitions: validation, the status the API server gives an accepted definition
// (NamesAccepted, Established), and the resource types it serves.
import { ApiError, type StatusCause } from '../api-error.js';
import { STORED_VERBS, type PrinterColumn, type ResourceType } from '../registry/index.js';
import { timestamp, type KubeObject } from '../objects/index.js';

/** The finalizer that makes a deleted CRD wait until its custom resources are gone. */
export const CRD_CLEANUP_FINALIZER = 'customresourcecleanup.apiextensions.k8s.io';

interface CrdNames {
  plural?: string;
  singular?: string;
  kind?: string;
  listKind?: string;
  shortNames?: string[];
  categories?: string[];
}

interface CrdVersion {
  name?: string;
  served?: boolean;
  storage?: boolean;
  subresources?: { status?: object; scale?: { specReplicasPath?: string; statusReplicasPath?: string; labelSelectorPath?: string } };
  additionalPrinterColumns?: PrinterColumn[];
  schema?: { openAPIV3Schema?: unknown };
}

interface CrdSpec {
  group?: string;
  names?: CrdNames;
  scope?: string;
  versions?: CrdVersion[];
}

function specOf(crd: KubeObject): CrdSpec {
  return (crd.spec ?? {}) as CrdSpec;
}

/** Field causes for a CRD spec the API server would refuse. */
export function validateCrd(crd: KubeObject): StatusCause[] {
  const spec = specOf(crd);
  const causes: StatusCause[] = [];
  const required = (field: string, value: unknown) => {
    if (value === undefined || value === '') causes.push({ reason: 'FieldValueRequired', field, message: 'Required value' });
  };
  required('spec.group', spec.group);
  if (spec.group && !spec.group.includes('.')) causes.push({ field: 'spec.group', message: `Invalid value: "${spec.group}": should be a domain with at least one dot` });
  required('spec.names.plural', spec.names?.plural);
  required('spec.names.kind', spec.names?.kind);
  if (spec.scope !== 'Namespaced' && spec.scope !== 'Cluster') {
    causes.push({ reason: 'FieldValueNotSupported', field: 'spec.scope', message: `Unsupported value: "${spec.scope ?? ''}": supported values: "Cluster", "Namespaced"` });
  }
  const versions = spec.versions ?? [];
  if (versions.length === 0) causes.push({ reason: 'FieldValueRequired', field: 'spec.versions', message: 'Required value: must have exactly one version marked as storage version' });
  else if (versions.filter((v) => v.storage).length !== 1) {
    causes.push({ field: 'spec.versions', message: `Invalid value: ${JSON.stringify(versions.map((v) => v.name))}: must have exactly one version marked as storage version` });
  }
  return causes;
}

/** Gives a CRD about to be stored the status and finalizer of an accepted, established definition. */
export function establishCrd(crd: KubeObject, current: KubeObject | undefined, now: Date): void {
  const causes = validateCrd(crd);
  if (causes.length > 0) throw ApiError.invalid('CustomResourceDefinition', 'apiextensions.k8s.io', crd.metadata.name ?? '', causes);
  if (!current && !crd.metadata.finalizers?.includes(CRD_CLEANUP_FINALIZER)) {
    crd.metadata.finalizers = [...(crd.metadata.finalizers ?? []), CRD_CLEANUP_FINALIZER];
  }
  const spec = specOf(crd);
  const names = spec.names!;
  const kind = names.kind!;
  const previous = (current?.status ?? {}) as { storedVersions?: string[]; conditions?: { type: string; lastTransitionTime?: string }[] };
  const storage = spec.versions!.find((v) => v.storage)!.name!;
  const since = (type: string) => previous.conditions?.find((c) => c.type === type)?.lastTransitionTime ?? timestamp(now);
  const terminating = Boolean(crd.metadata.deletionTimestamp);
  crd.status = {
    conditions: [
      { type: 'NamesAccepted', status: 'True', lastTransitionTime: since('NamesAccepted'), reason: 'NoConflicts', message: 'no conflicts found' },
      { type: 'Established', status: 'True', lastTransitionTime: since('Established'), reason: 'InitialNamesAccepted', message: 'the initial names have been accepted' },
      ...(terminating ? [{ type: 'Terminating', status: 'True', lastTransitionTime: timestamp(now), reason: 'InstanceDeletionInProgress', message: 'CustomResource deletion is in progress' }] : []),
    ],
    acceptedNames: { ...names, singular: names.singular ?? kind.toLowerCase(), listKind: names.listKind ?? `${kind}List` },
    storedVersions: [...new Set([...(previous.storedVersions ?? []), storage])],
  };
}

/** The resource types a CRD serves, one per served version; `registeredAt` is the storage revision they are served from. */
export function resourceTypesOfCrd(crd: KubeObject, registeredAt?: number): ResourceType[] {
  const spec = specOf(crd);
  const names = spec.names ?? {};
  if (!spec.group || !names.plural || !names.kind) return [];
  return (spec.versions ?? [])
    .filter((v) => v.served !== false && v.name)
    .map((v) => ({
      group: spec.group!,
      version: v.name!,
      kind: names.kind!,
      listKind: names.listKind ?? `${names.kind}List`,
      plural: names.plural!,
      singular: names.singular ?? names.kind!.toLowerCase(),
      namespaced: spec.scope !== 'Cluster',
      shortNames: names.shortNames ?? [],
      categories: names.categories ?? [],
      verbs: STORED_VERBS,
      statusSubresource: v.subresources?.status !== undefined,
      ...(v.subresources?.scale
        ? { scale: { specReplicasPath: v.subresources.scale.specReplicasPath ?? '.spec.replicas', statusReplicasPath: v.subresources.scale.statusReplicasPath ?? '.status.replicas', ...(v.subresources.scale.labelSelectorPath ? { labelSelectorPath: v.subresources.scale.labelSelectorPath } : {}) } }
        : {}),
      custom: true,
      ...(v.additionalPrinterColumns ? { printerColumns: v.additionalPrinterColumns } : {}),
      ...(v.schema?.openAPIV3Schema !== undefined ? { openAPIV3Schema: v.schema.openAPIV3Schema } : {}),
      ...(registeredAt !== undefined ? { registeredAt } : {}),
    }));
}
