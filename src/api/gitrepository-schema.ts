// The openAPIV3Schema of GitRepository v1, from the kubebuilder markers of gitrepository_types.go.
import type { CelRules, JSONSchemaProps } from '../apimachinery/index.js';
import {
  TIMEOUT_PATTERN, artifactSchema, bool, conditionsSchema, duration, int64, list, localObjectReference, obj, rootSchema, str,
} from './schema-parts.js';

/** The CEL rule on GitRepositorySpec, kept verbatim for the CRD. */
export const SERVICE_ACCOUNT_RULE = "!has(self.serviceAccountName) || (has(self.provider) && (self.provider == 'azure' || self.provider == 'aws'))";

/** TypeScript evaluation of GitRepository's CEL rules. */
export const GIT_REPOSITORY_RULES: CelRules = {
  [SERVICE_ACCOUNT_RULE]: (self) => !Object.hasOwn(self, 'serviceAccountName') || self.provider === 'azure' || self.provider === 'aws',
};

function includeSchema(description: string): JSONSchemaProps {
  return list(description, obj('A GitRepository whose artifact is copied into this one.', {
    fromPath: str('Path to copy from; defaults to the artifact root.'),
    repository: localObjectReference('The GitRepository to include.'),
    toPath: str('Path to copy to; defaults to the included repository\'s name.'),
  }, ['repository']));
}

function specSchema(): JSONSchemaProps {
  return obj('What to fetch from Git and how often.', {
    ignore: str('Exclusions in .sourceignore (gitignore) format; replaces the defaults.'),
    include: includeSchema('GitRepositories whose artifacts are included in this artifact.'),
    interval: duration('How often the URL is checked for updates.'),
    provider: str('Authentication provider; generic uses secretRef.', { enum: ['generic', 'aws', 'azure', 'github'] }),
    proxySecretRef: localObjectReference('Secret with the proxy address, username and password.'),
    recurseSubmodules: bool('Clone the submodules too.'),
    ref: obj('Git reference to check out; defaults to the master branch.', {
      branch: str('Branch; the default when nothing else is set is master.'),
      commit: str('Commit SHA; wins over every other field, with branch for a shallow clone.'),
      name: str('Full reference, e.g. refs/pull/1/head; wins over branch, tag and semver.'),
      semver: str('Semver range over tags; wins over tag.'),
      tag: str('Tag; wins over branch.'),
    }),
    secretRef: localObjectReference('Secret with the credentials (username/password, bearerToken, identity/known_hosts, GitHub App).'),
    serviceAccountName: str('ServiceAccount for workload identity; only with provider azure or aws.'),
    sparseCheckout: list('Directories to check out; only these end up in the artifact.', { type: 'string' }),
    suspend: bool('Stop reconciling this GitRepository.'),
    timeout: duration('Timeout for Git operations.', TIMEOUT_PATTERN, { default: '60s' }),
    url: str('HTTP(S) or SSH address of the repository.', { pattern: '^(http|https|ssh)://.*$' }),
    verify: obj('Signature verification of commits and tags.', {
      mode: str('Git objects to verify.', { enum: ['head', 'HEAD', 'Tag', 'TagAndHEAD'], default: 'HEAD' }),
      secretRef: localObjectReference('Secret with the trusted public keys (*.asc, *.sshpub).'),
    }, ['secretRef']),
  }, ['interval', 'url'], {
    'x-kubernetes-validations': [{ rule: SERVICE_ACCOUNT_RULE, message: "serviceAccountName can only be set when provider is 'azure' or 'aws'" }],
  });
}

function statusSchema(): JSONSchemaProps {
  return obj('What the source-controller observed.', {
    artifact: artifactSchema('The artifact of the last successful reconciliation.'),
    conditions: conditionsSchema('Conditions of the GitRepository.'),
    includedArtifacts: list('Artifacts of the included GitRepositories.', artifactSchema('An included artifact.')),
    lastHandledReconcileAt: str('The last reconcile request (requestedAt annotation) handled.'),
    observedGeneration: int64('The last generation reconciled.'),
    observedIgnore: str('The ignore patterns the artifact was built with.'),
    observedInclude: includeSchema('The includes the artifact was built with.'),
    observedRecurseSubmodules: bool('Whether the artifact was built with submodules.'),
    observedSparseCheckout: list('The sparse checkout the artifact was built with.', { type: 'string' }),
    sourceVerificationMode: str('The verification mode last used.'),
  });
}

/** The whole schema of a GitRepository. */
export function gitRepositorySchema(): JSONSchemaProps {
  return rootSchema('A Git repository source: fetches a revision and stores it as an artifact.', specSchema(), statusSchema());
}
