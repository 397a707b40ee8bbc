// Writes resources exactly as `kustomize build` prints them. kustomize (api/resource
// `AsYAML`) marshals each resource to JSON and converts it with sigs.k8s.io/yaml `JSONToYAML`,
// i.e. gopkg.in/yaml.v2 decodes the JSON and re-encodes it. So the output is yaml.v2's
// (encode.ts, emitter.ts); resources are joined by `---\n` (api/resmap `AsYaml`).
import { emitDocument } from './emitter.js';

/** The `kustomize build` output for resources, in the given order. */
export function stringifyResourceStream(objects: readonly unknown[]): string {
  return objects.map(emitDocument).join('---\n');
}
