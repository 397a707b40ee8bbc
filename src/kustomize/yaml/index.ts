// kustomize/yaml: reading YAML streams as kustomize (kyaml, go-yaml v3) reads them, and writing the
// resource stream byte for byte as `kustomize build` writes it (yaml.v2 via sigs.k8s.io/yaml).
// Pure: text in, text out; it must never touch files, processes or the network.
//
// The value model is the JSON kustomize marshals each resource to: plain objects, arrays,
// strings, booleans, null and numbers. Integers beyond 2^53 that go-yaml reads exactly (int64,
// uint64) are `bigint`; timestamps are already the RFC 3339 strings kustomize prints; folded
// scalars (`>`) already carry the newline kustomize's go-yaml round trip adds; aliases are
// expanded into independent copies. When a plain scalar's source text differs from how its
// value prints (`0755` read as 493), `scalarSourceText` still has it.
export { cloneYamlValue, parseYamlStream, scalarSourceText, type YamlDocument, YamlSyntaxError } from './read.js';
export { stringifyResourceStream } from './write.js';
