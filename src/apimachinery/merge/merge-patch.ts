// RFC 7386 JSON merge patch (application/merge-patch+json): objects merge key by key, `null`
// deletes a key, everything else (arrays included) replaces. https://www.rfc-editor.org/rfc/rfc7386
import { deepClone, isJsonObject, setOwn, type JsonObject } from './json-value.js';

// Merges into `target`, which the caller owns (a copy), so each level is cloned only once.
function mergeInto(target: unknown, patch: unknown): unknown {
  if (!isJsonObject(patch)) return deepClone(patch);
  const result: JsonObject = isJsonObject(target) ? target : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete result[key];
    // A key the target lacks is merged into nothing, which drops the nulls nested in the patch.
    else setOwn(result, key, mergeInto(Object.hasOwn(result, key) ? result[key] : undefined, value));
  }
  return result;
}

/** Applies an RFC 7386 merge patch to `target`; neither input is modified. */
export function applyMergePatch(target: unknown, patch: unknown): unknown {
  return mergeInto(isJsonObject(patch) ? deepClone(target) : undefined, patch);
}
