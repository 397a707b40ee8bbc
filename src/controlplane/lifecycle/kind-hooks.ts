// Kind-specific behaviour applied to every write before it is stored.
import type { KindHooks, KubeObject } from '../objects/index.js';
import type { ResourceType } from '../registry/index.js';
import { establishCrd } from './crd.js';
import { normalizeSecret } from './secret.js';

/** The hooks of the kinds whose writes the API server itself completes. */
export const KIND_HOOKS: KindHooks = {
  beforeStore(type: ResourceType, object: KubeObject, current: KubeObject | undefined, now: Date): void {
    if (type.custom) return;
    if (type.group === 'apiextensions.k8s.io' && type.kind === 'CustomResourceDefinition') establishCrd(object, current, now);
    if (type.group === '' && type.kind === 'Secret') normalizeSecret(object);
    if (type.group === '' && type.kind === 'Namespace') {
      object.status = { ...(object.status as object | undefined), phase: object.metadata.deletionTimestamp ? 'Terminating' : 'Active' };
    }
  },
};
