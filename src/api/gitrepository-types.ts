// GitRepository source.toolkit.fluxcd.io/v1, field for field as source-controller api/v1
// gitrepository_types.go (Flux v2.9).
import type { Artifact, LocalObjectReference, ObjectMeta, ReconcileStatus } from './meta.js';

/** Git authentication providers. */
export type GitProvider = 'generic' | 'aws' | 'azure' | 'github';

/** Which Git objects to verify; `head` is the legacy spelling of `HEAD`. */
export type GitVerificationMode = 'head' | 'HEAD' | 'Tag' | 'TagAndHEAD';

/** The Git reference to check out; precedence commit > name > semver > tag > branch. */
export interface GitRepositoryRef {
  branch?: string;
  tag?: string;
  semver?: string;
  /** A full reference, e.g. `refs/pull/1/head`. */
  name?: string;
  commit?: string;
}

/** Signature verification of commits and/or tags. */
export interface GitRepositoryVerification {
  mode?: GitVerificationMode;
  /** Keys `*.asc` (PGP) and `*.sshpub` (SSH); other keys are read as PGP. */
  secretRef: LocalObjectReference;
}

/** Another GitRepository whose artifact is copied into this one. */
export interface GitRepositoryInclude {
  repository: LocalObjectReference;
  /** Defaults to the artifact root. */
  fromPath?: string;
  /** Defaults to the included repository's name. */
  toPath?: string;
}

/** GitRepositorySpec. */
export interface GitRepositorySpec {
  url: string;
  secretRef?: LocalObjectReference;
  provider?: GitProvider;
  /** Only with provider azure or aws. */
  serviceAccountName?: string;
  interval: string;
  timeout?: string;
  ref?: GitRepositoryRef;
  verify?: GitRepositoryVerification;
  proxySecretRef?: LocalObjectReference;
  /** .sourceignore text; replaces the default exclusions. */
  ignore?: string;
  suspend?: boolean;
  recurseSubmodules?: boolean;
  include?: GitRepositoryInclude[];
  sparseCheckout?: string[];
}

/** GitRepositoryStatus. */
export interface GitRepositoryStatus extends ReconcileStatus {
  artifact?: Artifact;
  includedArtifacts?: Artifact[];
  observedIgnore?: string;
  observedRecurseSubmodules?: boolean;
  observedInclude?: GitRepositoryInclude[];
  observedSparseCheckout?: string[];
  sourceVerificationMode?: GitVerificationMode;
}

/** A GitRepository object. */
export interface GitRepository {
  apiVersion: 'source.toolkit.fluxcd.io/v1';
  kind: 'GitRepository';
  metadata: ObjectMeta;
  spec: GitRepositorySpec;
  status?: GitRepositoryStatus;
}
