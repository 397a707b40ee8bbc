// What an artifact leaves out, as Flux's SourceIgnoreFilter decides (flux-spec §1.2): VCS files
// always; the default exclusions only while neither a `.sourceignore` file nor `spec.ignore` gives
// any pattern; `.sourceignore` patterns scoped to their directory; `spec.ignore` last. Like
// gitignore, the last matching pattern wins.
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import ignore, { type Ignore } from 'ignore';

/** Always excluded, even when custom patterns replace the defaults. */
export const VCS_EXCLUSIONS: readonly string[] = ['.git/', '.gitignore', '.gitmodules', '.gitattributes'];

/** Flux's default exclusions (extensions, CI configuration, extras) used when no custom pattern exists. */
export const DEFAULT_EXCLUSIONS: readonly string[] = [
  '*.jpg', '*.jpeg', '*.gif', '*.png', '*.wmv', '*.flv', '*.tar.gz', '*.zip',
  '.github/', '.circleci/', '.travis.yml', '.gitlab-ci.yml', 'appveyor.yml', '.drone.yml', 'cloudbuild.yaml', 'codeship-services.yml', 'codeship-steps.yml',
  '**/.goreleaser.yml', '**/.sops.yaml', '**/.flux.yaml',
];

/** The per-directory ignore file Flux reads. */
export const SOURCE_IGNORE_FILE = '.sourceignore';

/** Decides whether a path (relative, `/`-separated) is left out of the artifact. */
export type ArtifactFilter = (relPath: string, isDir: boolean) => boolean;

/** Patterns that apply under one directory ('' = the root). */
export interface IgnoreLayer {
  domain: string;
  patterns: string[];
}

/** Parses gitignore text into patterns the way Flux counts them (no blanks, no `#` comments). */
export function readPatterns(text: string): string[] {
  return text.split(/\r?\n/).filter((line) => line.trim().length > 0 && !line.startsWith('#'));
}

/** Collects `.sourceignore` files depth-first (root first, then sorted subdirectories; `.git` skipped). */
export async function loadSourceIgnoreLayers(dir: string, domain = ''): Promise<IgnoreLayer[]> {
  const layers: IgnoreLayer[] = [];
  const text = await readFile(join(dir, SOURCE_IGNORE_FILE), 'utf8').catch(() => undefined);
  if (text !== undefined) {
    const patterns = readPatterns(text);
    if (patterns.length > 0) layers.push({ domain, patterns });
  }
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  for (const entry of entries.filter((e) => e.isDirectory() && e.name !== '.git').sort((a, b) => (a.name < b.name ? -1 : 1))) {
    layers.push(...(await loadSourceIgnoreLayers(join(dir, entry.name), domain ? `${domain}/${entry.name}` : entry.name)));
  }
  return layers;
}

/** Builds the filter from custom layers; the defaults apply only when there is no custom pattern. */
export function buildArtifactFilter(custom: readonly IgnoreLayer[]): ArtifactFilter {
  const hasCustom = custom.some((layer) => layer.patterns.length > 0);
  const layers: Array<{ domain: string; matcher: Ignore }> = [
    { domain: '', matcher: ignore().add([...VCS_EXCLUSIONS]) },
    ...(hasCustom ? custom : [{ domain: '', patterns: [...DEFAULT_EXCLUSIONS] }]).map((l) => ({ domain: l.domain, matcher: ignore().add(l.patterns) })),
  ];
  return (relPath, isDir) => {
    let excluded = false;
    for (const { domain, matcher } of layers) {
      if (domain && !relPath.startsWith(`${domain}/`)) continue;
      const local = domain ? relPath.slice(domain.length + 1) : relPath;
      const result = matcher.test(isDir ? `${local}/` : local);
      if (result.ignored) excluded = true;
      else if (result.unignored) excluded = false;
    }
    return excluded;
  };
}

/** The filter for a checkout: its `.sourceignore` files plus `spec.ignore` (applied last). */
export async function loadArtifactFilter(dir: string, specIgnore?: string): Promise<ArtifactFilter> {
  const layers = await loadSourceIgnoreLayers(dir);
  if (specIgnore !== undefined) layers.push({ domain: '', patterns: readPatterns(specIgnore) });
  return buildArtifactFilter(layers);
}
