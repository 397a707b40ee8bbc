// Step 4, artifact (source-controller reconcileArtifact): when the revision or the content
// configuration moved, pack the checkout (ignore rules applied) into the reproducible tarball,
// store it and record it in status; otherwise say the artifact is up to date.
import {
  ARCHIVE_OPERATION_FAILED_REASON, ARTIFACT_IN_STORAGE, ARTIFACT_OUTDATED, ARTIFACT_UP_TO_DATE_REASON,
  STORAGE_OPERATION_FAILED, SUCCEEDED_REASON,
} from '../../../api/index.js';
import { errorMessage } from '../../../lib/index.js';
import { loadArtifactFilter } from '../../artifact/ignore.js';
import { contentConfigChanged } from '../content-config.js';
import { sparseDirectories, withSparseCheckout } from '../sparse-checkout.js';
import type { GitRepositoryPass } from '../context.js';
import { StepError } from '../step-error.js';

/** Stores a new artifact when needed; marks ArtifactInStorage. */
export async function reconcileArtifact(pass: GitRepositoryPass): Promise<void> {
  const { obj, draft, services, checkout } = pass;
  if (pass.unchanged || !checkout) return;
  const revision = checkout.resolved.revision;
  const current = draft.status.artifact;
  const stored = (message: string) => {
    draft.remove(ARTIFACT_OUTDATED);
    draft.mark(ARTIFACT_IN_STORAGE, 'True', SUCCEEDED_REASON, message);
  };
  if (current?.revision === revision && !contentConfigChanged(obj, draft.status, pass.includes)) {
    await services.events.record(obj, 'Trace', ARTIFACT_UP_TO_DATE_REASON, `artifact up-to-date with remote revision: '${revision}'`);
    stored(`stored artifact for revision '${revision}'`);
    return;
  }
  let record;
  try {
    const filter = withSparseCheckout(await loadArtifactFilter(pass.dir, obj.spec.ignore), sparseDirectories(obj.spec.sparseCheckout));
    const owner = { kind: obj.kind, namespace: obj.metadata.namespace!, name: obj.metadata.name };
    record = await services.storage.archive(owner, { fileName: `${checkout.resolved.commit}.tar.gz`, revision, sourceDir: pass.dir, filter });
    await services.storage.symlink(record.path);
  } catch (err) {
    const message = `unable to archive artifact to storage: ${errorMessage(err)}`;
    draft.mark(STORAGE_OPERATION_FAILED, 'True', ARCHIVE_OPERATION_FAILED_REASON, message);
    throw new StepError('generic', ARCHIVE_OPERATION_FAILED_REASON, message, { cause: err });
  }
  const status = draft.status;
  status.artifact = record;
  setOrDelete(status, 'includedArtifacts', pass.includes.length ? pass.includes : undefined);
  setOrDelete(status, 'observedIgnore', obj.spec.ignore);
  setOrDelete(status, 'observedRecurseSubmodules', obj.spec.recurseSubmodules);
  setOrDelete(status, 'observedInclude', obj.spec.include);
  setOrDelete(status, 'observedSparseCheckout', obj.spec.sparseCheckout);
  draft.remove(STORAGE_OPERATION_FAILED);
  stored(`stored artifact for revision '${revision}'`);
}

function setOrDelete<T extends object, K extends keyof T>(target: T, key: K, value: T[K] | undefined): void {
  if (value === undefined) delete target[key];
  else target[key] = value;
}
