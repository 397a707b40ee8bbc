// Picks the highest tag in a semver range the way Flux does with Masterminds/semver v3: tags
// that are not versions are skipped, a leading `v` and missing minor/patch are tolerated, and
// a pre-release only matches when every comparator it is tested against names a pre-release
// (Masterminds checks per comparator, npm only within the same major.minor.patch).
import semver from 'semver';
import { GitError } from './errors.js';

// Masterminds' loose version syntax (NewVersion): v?MAJOR[.MINOR[.PATCH]][-PRE][+BUILD].
const LOOSE_VERSION = /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:-([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?(?:\+([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?$/;

/** Parses a tag as Masterminds' NewVersion would; undefined for tags that are not versions. */
export function parseTagVersion(tag: string): semver.SemVer | undefined {
  const m = LOOSE_VERSION.exec(tag);
  if (!m) return undefined;
  const core = [m[1], m[2] ?? '0', m[3] ?? '0'].map((n) => String(Number.parseInt(n!, 10))).join('.');
  const text = `${core}${m[4] ? `-${m[4]}` : ''}${m[5] ? `+${m[5]}` : ''}`;
  return semver.parse(text) ?? undefined;
}

/** Parses a Masterminds constraint (commas mean AND, like spaces); throws GitOperationFailed when invalid. */
export function parseSemverRange(range: string): semver.Range {
  try {
    return new semver.Range(range.replace(/,/g, ' '), { loose: true });
  } catch (err) {
    throw new GitError('GitOperationFailed', `semver range '${range}' is invalid: ${(err as Error).message}`, { cause: err });
  }
}

/** Whether a version satisfies a range under Masterminds' pre-release rule. */
export function satisfiesRange(version: semver.SemVer, range: semver.Range): boolean {
  if (version.prerelease.length === 0) return range.test(version);
  return range.set.some((comparators) => comparators.every((c) => {
    const bound: unknown = c.semver; // the `*` comparator carries a symbol, not a version
    return bound instanceof semver.SemVer && bound.prerelease.length > 0 && c.test(version);
  }));
}

/** The highest tag whose version satisfies the range; ties (v1.0.0 vs 1.0.0) go to the later name. */
export function selectSemverTag(tags: readonly string[], range: string): { tag: string; version: string } | undefined {
  const parsedRange = parseSemverRange(range);
  let best: { tag: string; version: semver.SemVer } | undefined;
  for (const tag of [...tags].sort()) {
    const version = parseTagVersion(tag);
    if (!version || !satisfiesRange(version, parsedRange)) continue;
    if (!best || semver.compare(version, best.version) >= 0) best = { tag, version };
  }
  return best && { tag: best.tag, version: best.version.version };
}
