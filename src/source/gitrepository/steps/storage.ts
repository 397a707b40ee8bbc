// Step 1, storage (source-controller reconcileStorage): collect old artifacts, check that the
// recorded artifact is still on disk with its digest, and say "building artifact" when there is none.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { ARTIFACT_IN_STORAGE, PROGRESSING_REASON } from '../../../api/index.js';
import type { GitRepositoryPass } from '../context.js';

/** sha256 of a file, in Flux's `<algo>:<hex>` form. */
async function fileDigest(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return `sha256:${hash.digest('hex')}`;
}

/** Reconciles the storage side: GC, presence and integrity of status.artifact, its URL. */
export async function reconcileStorage(pass: GitRepositoryPass): Promise<void> {
  const { draft, services } = pass;
  const { storage } = services;
  const artifact = draft.status.artifact;
  let missing = false;
  if (artifact) {
    await storage.garbageCollect(artifact.path).catch((err: unknown) => pass.log.warn({ err }, 'artifact garbage collection failed'));
    if (!(await storage.exists(artifact.path))) {
      missing = true;
    } else if (artifact.digest && (await fileDigest(storage.localPath(artifact.path))) !== artifact.digest) {
      await services.events.record(pass.obj, 'Warning', 'ArtifactVerificationFailed', `failed to verify integrity of artifact: computed digest doesn't match '${artifact.digest}'`);
      await storage.removeArtifact(artifact.path);
      missing = true;
    }
    if (missing) delete draft.status.artifact;
  }
  if (!draft.status.artifact) {
    draft.progressing(true, PROGRESSING_REASON, missing ? 'building artifact: disappeared from storage' : 'building artifact');
    draft.remove(ARTIFACT_IN_STORAGE);
    await draft.write();
    return;
  }
  // The advertised address may have changed since the artifact was stored.
  draft.status.artifact = { ...draft.status.artifact, url: storage.urlFor(draft.status.artifact.path) };
}
