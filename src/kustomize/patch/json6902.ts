// JSON 6902 patches as kustomize applies them (api/filters/patchjson6902): the resource is turned
// into JSON, the operations are applied by evanphx/json-patch v4 (the same semantics as the API
// server's, reused from apimachinery) and the result replaces the resource.
import { applyJsonPatch, JsonPatchError, type JsonObject } from '../../apimachinery/index.js';
import { KustomizeError } from '../errors.js';
import { describeResource } from './resource-id.js';
import { isMap } from './yaml-node.js';

/** Where a JSON 6902 patch comes from, for error messages. */
export interface Json6902Place {
  /** The patch file, or the kustomization file for inline patches. */
  readonly file?: string;
  /** The patched resource as kustomize names it (`Deployment/ns/name`); taken from the target when empty. */
  readonly resource: string;
}

function describeOperation(operations: unknown, index: number | undefined): string {
  if (index === undefined || !Array.isArray(operations)) return '';
  const op = operations[index] as Record<string, unknown> | null;
  const path = op && typeof op.path === 'string' ? ` ${op.path}` : '';
  return ` (operation ${index}: ${op && typeof op.op === 'string' ? op.op : '?'}${path})`;
}

/** JSON 6902 operations (already parsed from JSON or YAML) applied to a resource. */
export function applyJson6902(target: JsonObject, operations: unknown, where: Json6902Place): JsonObject {
  const resource = where.resource || describeResource(target);
  let result: unknown;
  try {
    result = applyJsonPatch(target, operations);
  } catch (err) {
    if (!(err instanceof JsonPatchError)) throw err;
    const op = describeOperation(operations, err.operationIndex);
    throw new KustomizeError(`${resource}: JSON 6902 patch failed${op}: ${err.message}`, { file: where.file }, { cause: err, code: 'kustomize.patch.json6902', hint: 'check that every path exists in the resource (list items are addressed by index, /- appends)' });
  }
  if (!isMap(result)) throw new KustomizeError(`${resource}: JSON 6902 patch replaced the resource with something that is not an object`, { file: where.file });
  return result;
}
