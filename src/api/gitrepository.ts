// GitRepository defaults and validation: first what the CRD schema does on the API server, then
// the defaults source-controller applies in code (GetProvider, the master branch of the clone).
import type { GitRepository, GitRepositoryRef } from './gitrepository-types.js';
import { GIT_REPOSITORY_RULES, gitRepositorySchema } from './gitrepository-schema.js';
import { applySchemaDefaults, validateSchema } from '../apimachinery/index.js';

const SCHEMA = gitRepositorySchema();

/** The branch cloned when the spec names no reference. */
export const DEFAULT_GIT_BRANCH = 'master';

function hasReference(ref: GitRepositoryRef | undefined): boolean {
  return Boolean(ref && (ref.branch || ref.tag || ref.semver || ref.name || ref.commit));
}

/** Spec with Flux's defaults applied (timeout 60s, ref {branch: 'master'} when no ref, verify.mode HEAD …) */
export function gitRepositoryWithDefaults(obj: GitRepository): GitRepository {
  // The schema's: spec.timeout 60s, spec.verify.mode HEAD, status {observedGeneration: -1}.
  const out = applySchemaDefaults(SCHEMA, obj);
  // source-controller's: provider generic (GetProvider), branch master when nothing is checked out.
  out.spec.provider ??= 'generic';
  if (!hasReference(out.spec.ref)) out.spec.ref = { ...out.spec.ref, branch: DEFAULT_GIT_BRANCH };
  return out;
}

/** Validation the CRD does (url pattern, duration patterns, …) → list of problems (field path + message) */
export function validateGitRepository(obj: unknown): string[] {
  return validateSchema(SCHEMA, obj, { rules: GIT_REPOSITORY_RULES });
}
