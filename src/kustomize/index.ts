// kustomize: Weir's own `kustomize build` engine — the same objects, in the same order and the
// same bytes as kustomize v5.5, in linear time. It owns loading kustomizations, generators,
// builtin transformers, name references and output order. It must never touch the network,
// run child processes or plugins, or read outside the boundary it is given.
export { build, type BuildOptions, type BuildResult } from './build.js';
export { diskFileSystem, memoryFileSystem, type FileSystem } from './fs.js';
export { KustomizeError } from './errors.js';
export type { JsonObject } from './resource.js';
