// Bundles the `weir` command into dist/bundle with esbuild: one ES module per command group
// (handlers stay lazily imported, so `weir kustomize build` never loads the control plane).
// Node resolves and links every ES module file separately; for a command that starts per call,
// that was ~50 ms of ~180 ms. better-sqlite3 stays external: it loads a native addon.
import { rmSync } from 'node:fs';
import { build } from 'esbuild';

rmSync('dist/bundle', { recursive: true, force: true });

await build({
  entryPoints: { weir: 'src/cli/main.ts' },
  outdir: 'dist/bundle',
  outExtension: { '.js': '.mjs' },
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external: ['better-sqlite3'],
  // CommonJS dependencies bundled into an ES module still call require() for Node built-ins.
  banner: { js: "import { createRequire as weirCreateRequire } from 'node:module'; const require = weirCreateRequire(import.meta.url);" },
  legalComments: 'none',
  logLevel: 'warning',
});
