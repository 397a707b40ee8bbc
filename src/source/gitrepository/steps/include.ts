// Step 3, include (source-controller reconcileInclude): copy each included repository's artifact
// (or its `fromPath` part) into the checkout at `toPath` (default: the repository's name).
import { cp, mkdir, mkdtemp, rm, stat } from 'node:fs/promises';
import { join, resolve, sep } from 'node:path';
import { extract } from 'tar';
import { INVALID_PATH_REASON, STORAGE_OPERATION_FAILED } from '../../../api/index.js';
import { errorMessage } from '../../../lib/index.js';
import type { GitRepositoryPass } from '../context.js';
import { StepError } from '../step-error.js';

/** `rel` joined under `root`, refusing anything that would leave it (`..`, absolute paths). */
function within(root: string, rel: string, what: string): string {
  const full = resolve(root, `./${rel.replace(/^\/+/, '')}`);
  if (full !== root && !full.startsWith(root + sep)) throw new Error(`${what} '${rel}' is outside the repository`);
  return full;
}

/** Copies the included artifacts into pass.dir. */
export async function reconcileInclude(pass: GitRepositoryPass): Promise<void> {
  const { obj, draft, services } = pass;
  for (const [i, include] of (obj.spec.include ?? []).entries()) {
    const name = include.repository.name;
    const artifact = pass.includes[i]!;
    const from = include.fromPath ?? '.';
    const to = include.toPath ?? name;
    const scratch = await mkdtemp(join(services.workRoot, 'include-'));
    try {
      const target = within(pass.dir, to, 'toPath');
      await extract({ file: services.storage.localPath(artifact.path), cwd: scratch, strict: true });
      const source = within(scratch, from, 'fromPath');
      await stat(source);
      await mkdir(target, { recursive: true });
      await cp(source, target, { recursive: true, force: true });
    } catch (err) {
      const reason = /outside the repository/.test(errorMessage(err)) ? INVALID_PATH_REASON : 'CopyFailure';
      const message = `failed to copy '${name}' include from ${from} to ${to}: ${errorMessage(err)}`;
      draft.mark(STORAGE_OPERATION_FAILED, 'True', reason, message);
      throw new StepError('generic', reason, message, { cause: err });
    } finally {
      await rm(scratch, { recursive: true, force: true });
    }
  }
}
