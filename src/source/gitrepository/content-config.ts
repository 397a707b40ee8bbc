// What besides the commit feeds a GitRepository's artifact (source-controller
// gitContentConfigChanged): the ignore rules, submodules, sparse checkout, the include list and
// the included artifacts. When any of them changed, the same commit still needs a new artifact.
import { isDeepStrictEqual } from 'node:util';
import type { Artifact, GitRepository, GitRepositoryStatus } from '../../api/index.js';

/** Whether two include artifact lists differ (by revision and digest, in order). */
export function includesDiffer(current: readonly Artifact[], observed: readonly Artifact[] | undefined): boolean {
  const previous = observed ?? [];
  if (current.length !== previous.length) return true;
  return current.some((a, i) => a.revision !== previous[i]!.revision || a.digest !== previous[i]!.digest);
}

/** Whether the configuration that shapes the artifact changed since it was built. */
export function contentConfigChanged(obj: GitRepository, status: GitRepositoryStatus, includes: readonly Artifact[]): boolean {
  const spec = obj.spec;
  if ((spec.ignore ?? undefined) !== (status.observedIgnore ?? undefined)) return true;
  if ((spec.recurseSubmodules ?? false) !== (status.observedRecurseSubmodules ?? false)) return true;
  if (!isDeepStrictEqual(spec.include ?? [], status.observedInclude ?? [])) return true;
  if (!isDeepStrictEqual(spec.sparseCheckout ?? [], status.observedSparseCheckout ?? [])) return true;
  return includesDiffer(includes, status.includedArtifacts);
}
