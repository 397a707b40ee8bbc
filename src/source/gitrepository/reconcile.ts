// Reconciling one GitRepository, as source-controller does: deletion and the finalizer first,
// then suspend, then a straight line of named steps (storage → source → include → artifact), and
// on the way out the conditions settled, Ready summarised, events emitted and status written.
import { mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from 'pino';
import {
  finalizeSourceConditions, FINALIZER, GIT_REPOSITORY_READY_SUMMARY, gitRepositoryWithDefaults, NEW_ARTIFACT_REASON,
  PROGRESSING_REASON, requestedAt, STORAGE_OPERATION_FAILED, SUCCEEDED_REASON, validateGitRepository,
  type GitRepository, type ReconcileOutcome,
} from '../../api/index.js';
import { errorMessage, parseDuration } from '../../lib/index.js';
import { StallingError, type ReconcileResult } from '../../runtime/index.js';
import type { GitRepositoryPass, GitRepositoryServices } from './context.js';
import { StatusDraft } from './status-draft.js';
import { StepError } from './step-error.js';
import { reconcileArtifact } from './steps/artifact.js';
import { reconcileInclude } from './steps/include.js';
import { reconcileSource } from './steps/source.js';
import { reconcileStorage } from './steps/storage.js';

const STEPS = [reconcileStorage, reconcileSource, reconcileInclude, reconcileArtifact];
const FAIL_CONDITIONS = ['FetchFailed', 'IncludeUnavailable', STORAGE_OPERATION_FAILED];

/** Reconciles GitRepository namespace/name once; the result tells the queue when to come back. */
export async function reconcileGitRepository(services: GitRepositoryServices, namespace: string, name: string, log: Logger): Promise<ReconcileResult> {
  const found = await services.client.get({ apiVersion: 'source.toolkit.fluxcd.io/v1', kind: 'GitRepository', namespace, name });
  if (!found) return {};
  let obj = gitRepositoryWithDefaults(found as unknown as GitRepository);
  if (obj.metadata.deletionTimestamp) return finalize(services, obj, log);
  if (!obj.metadata.finalizers?.includes(FINALIZER)) {
    // Flux requeues after adding the finalizer (a backoff step, 750 ms); the patched object is
    // all the next pass would read, so Weir goes on with it at once.
    obj = gitRepositoryWithDefaults(await setFinalizers(services, obj, [...(obj.metadata.finalizers ?? []), FINALIZER]));
  }
  const draft = new StatusDraft(obj, services.patcher, services.now);
  if (obj.spec.suspend) {
    log.info('reconciliation is suspended for this object');
    return settle(services, draft, { kind: 'success' }, log, { suspended: true });
  }
  const problems = validateGitRepository(obj);
  if (problems.length) {
    const error = new StepError('stalling', 'InvalidSpec', `invalid GitRepository: ${problems.join('; ')}`);
    return settle(services, draft, outcomeOf(error), log, { error });
  }
  return runSteps(services, draft, log);
}

async function runSteps(services: GitRepositoryServices, draft: StatusDraft, log: Logger): Promise<ReconcileResult> {
  const obj = draft.obj;
  const before = structuredClone(draft.status);
  draft.progressing(false, PROGRESSING_REASON, 'reconciliation in progress');
  const observed = obj.status?.observedGeneration ?? -1;
  if (draft.generation !== observed) {
    draft.progressing(false, PROGRESSING_REASON, `processing object: new generation ${observed} -> ${draft.generation}`);
    await draft.write();
  } else if (requestedAt(obj.metadata) !== obj.status?.lastHandledReconcileAt) {
    await draft.write();
  }
  const dir = await mkdtemp(join(services.workRoot, `gitrepository-${obj.metadata.namespace}-${obj.metadata.name}-`));
  const pass: GitRepositoryPass = { obj, draft, services, log, dir, includes: [] };
  let error: unknown;
  try {
    for (const step of STEPS) await step(pass);
  } catch (err) {
    error = err;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  if (error === undefined) await notify(pass, before);
  return settle(services, draft, outcomeOf(error), log, { error });
}

/** The outcome kind of a pass (source-controller's Result/serror pair). */
function outcomeOf(error: unknown): ReconcileOutcome {
  if (error === undefined) return { kind: 'success' };
  if (error instanceof StepError && error.kind === 'stalling') return { kind: 'stalling', reason: error.reason, message: error.message };
  if (error instanceof StepError && error.kind === 'waiting') return { kind: 'waiting' };
  return { kind: 'error' };
}

/** NewArtifact when the digest changed; Succeeded when recovering from a failure (source-controller notify). */
async function notify(pass: GitRepositoryPass, before: GitRepository['status'] & object): Promise<void> {
  const artifact = pass.draft.status.artifact;
  if (!artifact) return;
  const subject = pass.checkout ? pass.checkout.commit.shortMessage : artifact.revision;
  const message = `stored artifact for commit '${subject}'`;
  const metadata = { revision: artifact.revision, digest: artifact.digest ?? '' };
  const recovered = FAIL_CONDITIONS.some((type) => before.conditions?.some((c) => c.type === type && c.status === 'True'));
  if (before.artifact?.digest !== artifact.digest) {
    await pass.services.events.record(pass.obj, 'Normal', NEW_ARTIFACT_REASON, message, metadata);
    pass.log.info(message);
  } else if (recovered) {
    await pass.services.events.record(pass.obj, 'Normal', SUCCEEDED_REASON, message, metadata);
    pass.log.info(message);
  }
}

/** The way out: conditions settled, Ready summarised, requestedAt echoed, failure event, status written. */
async function settle(
  services: GitRepositoryServices, draft: StatusDraft, outcome: ReconcileOutcome, log: Logger,
  options: { error?: unknown; suspended?: boolean },
): Promise<ReconcileResult> {
  const obj = draft.obj;
  if (!options.suspended) {
    const settled = finalizeSourceConditions(draft.status.conditions, outcome, { summary: GIT_REPOSITORY_READY_SUMMARY, generation: draft.generation, now: services.now() });
    draft.status.conditions = settled.conditions;
    if (settled.observeGeneration) draft.status.observedGeneration = draft.generation;
  }
  const token = requestedAt(obj.metadata);
  if (token !== undefined) draft.status.lastHandledReconcileAt = token;
  const { error } = options;
  if (error !== undefined && !(error instanceof StepError && error.kind === 'waiting')) {
    const reason = error instanceof StepError ? error.reason : 'Failed';
    await services.events.record(obj, 'Warning', reason, errorMessage(error));
  }
  await draft.write();
  const interval = parseDuration(obj.spec.interval);
  if (options.suspended) return {};
  if (error instanceof StepError && error.kind === 'waiting') return { requeueAfterMs: error.retryAfterMs ?? services.dependencyRequeueMs, error };
  // A stalled object waits for its spec to change: the runtime must not retry it.
  if (error instanceof StepError && error.kind === 'stalling') return { error: new StallingError(error.code, error.message, { cause: error }) };
  if (error !== undefined) return { error };
  if (log.isLevelEnabled('debug')) log.debug({ interval: obj.spec.interval }, 'reconciliation finished');
  return { requeueAfterMs: jittered(interval) };
}

/** Flux's --interval-jitter-percentage (5): the interval ±5 %, so objects created together spread out. */
function jittered(ms: number): number {
  return Math.round(ms * (0.95 + Math.random() * 0.1));
}

/** Deletion: remove every stored artifact of the object, then the finalizer. */
async function finalize(services: GitRepositoryServices, obj: GitRepository, log: Logger): Promise<ReconcileResult> {
  if (!obj.metadata.finalizers?.includes(FINALIZER)) return {};
  await services.storage.removeAll({ kind: obj.kind, namespace: obj.metadata.namespace!, name: obj.metadata.name });
  await setFinalizers(services, obj, obj.metadata.finalizers.filter((f) => f !== FINALIZER));
  log.info('artifacts removed, finalizer released');
  return {};
}

/** Writes metadata.finalizers, conditional on the resourceVersion read. */
async function setFinalizers(services: GitRepositoryServices, obj: GitRepository, finalizers: string[]): Promise<GitRepository> {
  const ref = { apiVersion: obj.apiVersion, kind: obj.kind, namespace: obj.metadata.namespace, name: obj.metadata.name };
  return (await services.client.mergePatch(ref, { metadata: { finalizers, resourceVersion: obj.metadata.resourceVersion } })) as unknown as GitRepository;
}
