// PATCH bodies by media type: JSON patch, merge patch, strategic merge patch (built-in kinds
// only, as the API server refuses it for custom resources) and server-side apply.
import { ApiError } from '../api-error.js';
import { applyJsonPatch, applyMergePatch, applyStrategicMergePatch, builtinSchemaFor, MergeError } from '../../apimachinery/index.js';
import { asKubeObject, cloneObject, type KubeObject } from '../objects/index.js';
import type { ResourceType } from '../registry/index.js';
import { parseStructuredBody } from './http-io.js';

/** The patch media types the API server accepts. */
export const PATCH_TYPES = {
  json: 'application/json-patch+json',
  merge: 'application/merge-patch+json',
  strategic: 'application/strategic-merge-patch+json',
  apply: 'application/apply-patch+yaml',
} as const;

function unsupported(type: ResourceType): ApiError {
  const accepted = type.custom ? [PATCH_TYPES.json, PATCH_TYPES.merge, PATCH_TYPES.apply] : [PATCH_TYPES.json, PATCH_TYPES.merge, PATCH_TYPES.apply, PATCH_TYPES.strategic];
  return ApiError.unsupportedMediaType(`the body of the request was in an unknown format - accepted media types include: ${accepted.join(', ')}`);
}

/** Checks that the media type is a patch type this resource accepts. */
export function checkPatchType(type: ResourceType, mediaType: string): void {
  const known = Object.values(PATCH_TYPES) as string[];
  if (!known.includes(mediaType) || (mediaType === PATCH_TYPES.strategic && type.custom)) throw unsupported(type);
}

function asStatus(err: unknown): never {
  if (err instanceof MergeError) throw new ApiError(err.httpStatus, err.reason, err.statusMessage);
  throw err;
}

/** Applies a non-apply patch to the current object and returns the patched object. */
export function patchObject(type: ResourceType, current: KubeObject, mediaType: string, body: Buffer): KubeObject {
  const patch = parseStructuredBody(body, 'application/json');
  try {
    if (mediaType === PATCH_TYPES.json) {
      if (!Array.isArray(patch)) throw ApiError.badRequest('json: cannot unmarshal object into Go value of type jsonpatch.Patch');
      return asKubeObject(applyJsonPatch(cloneObject(current), patch));
    }
    if (patch === null || typeof patch !== 'object' || Array.isArray(patch)) throw ApiError.badRequest('the body of the request must be a JSON object');
    if (mediaType === PATCH_TYPES.merge) return asKubeObject(applyMergePatch(cloneObject(current), patch));
    const schema = builtinSchemaFor({ group: type.group, version: type.version, kind: type.kind });
    return asKubeObject(applyStrategicMergePatch(cloneObject(current), patch, schema));
  } catch (err) {
    return asStatus(err);
  }
}
