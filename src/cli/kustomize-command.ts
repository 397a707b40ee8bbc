// `weir kustomize build DIR`: the resource stream on stdout, exactly as `kustomize build DIR`
// prints it (with kustomize's load restrictions); on failure the error (file, field, line) on
// stderr and a non-zero exit.
import { resolve } from 'node:path';
import { build } from '../kustomize/index.js';

/** Flags of `weir kustomize build`. */
export interface KustomizeBuildFlags {
  readonly loadRestrictor: string;
}

/** Builds `dir` and writes the stream to stdout. */
export function kustomizeBuildCommand(dir: string | undefined, flags: KustomizeBuildFlags): void {
  const root = resolve(dir ?? '.');
  const loadRestrictor = flags.loadRestrictor === 'LoadRestrictionsNone' ? 'none' : 'rootOnly';
  const result = build(root, { loadRestrictor });
  process.stdout.write(result.toYaml());
}
