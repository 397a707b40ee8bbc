// What the steps of a GitRepository reconcile share: the services the controller was started
// with, and what earlier steps found (the commit, the included artifacts).
import type { Logger } from 'pino';
import type { Artifact, GitRepository } from '../../api/index.js';
import { parseDuration } from '../../lib/index.js';
import type { KubeClient } from '../../kube/index.js';
import type { EventRecorder, StatusPatcher } from '../../runtime/index.js';
import type { ArtifactStorage } from '../artifact/storage.js';
import type { CheckoutResult } from '../git/checkout.js';
import type { StatusDraft } from './status-draft.js';

/** The services a GitRepository reconcile uses. */
export interface GitRepositoryServices {
  client: KubeClient;
  storage: ArtifactStorage;
  events: EventRecorder;
  patcher: StatusPatcher;
  /** Root of the bare git caches, one per URL and credentials. */
  cacheRoot: string;
  /** Where checkouts are written while an artifact is built. */
  workRoot: string;
  /** Flux's --requeue-dependency: how soon to look again when an include is not ready. */
  dependencyRequeueMs: number;
  now: () => Date;
}

/** One reconcile in progress. */
export interface GitRepositoryPass {
  readonly obj: GitRepository;
  readonly draft: StatusDraft;
  readonly services: GitRepositoryServices;
  readonly log: Logger;
  /** Empty directory that receives the checkout (and the includes). */
  readonly dir: string;
  /** Set by the source step: the checked-out commit, or undefined when the remote did not move. */
  checkout?: CheckoutResult;
  /** Set by the source step when the artifact already holds the remote revision. */
  unchanged?: boolean;
  /** The included repositories' artifacts, in spec.include order. */
  includes: Artifact[];
}

/** spec.timeout (default 60s) in milliseconds: the limit of each git command. */
export function gitTimeoutMs(obj: GitRepository): number {
  return obj.spec.timeout ? parseDuration(obj.spec.timeout) : 60_000;
}
