// Build speed against `kubectl kustomize` (kustomize v5.5.0), measured in one run: Weir as a
// process per build (as a user calls it), Weir in-process and warm (as the controller calls it),
// and kubectl; peak memory of each process from GNU time where it is installed.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from '../src/kustomize/index.js';
import { writeBenchTrees } from './kustomize-trees.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const corpus = join(root, '../shared/corpus/kustomize');
const GNU_TIME = '/usr/bin/time';

interface Run {
  readonly seconds: number;
  readonly peakMiB: number | undefined;
  readonly ok: boolean;
}

/** Runs a command once; wall time, and peak RSS through GNU time when available. */
function run(command: string, args: string[]): Run {
  const timed = existsSync(GNU_TIME);
  const started = performance.now();
  const result = timed ? spawnSync(GNU_TIME, ['-f', '%M', command, ...args], { encoding: 'utf8', maxBuffer: 1 << 30 }) : spawnSync(command, args, { encoding: 'utf8', maxBuffer: 1 << 30 });
  const seconds = (performance.now() - started) / 1000;
  const peakKiB = timed ? Number(result.stderr.trim().split('\n').pop()) : NaN;
  return { seconds, peakMiB: Number.isFinite(peakKiB) ? peakKiB / 1024 : undefined, ok: result.status === 0 };
}

function weirProcess(dir: string): Run {
  return run(process.execPath, [join(root, 'bin/weir'), 'kustomize', 'build', dir]);
}

function kubectl(dir: string): Run {
  return run('kubectl', ['kustomize', dir]);
}

function inProcess(dir: string): number {
  build(dir);
  const times: number[] = [];
  for (let i = 0; i < 3; i++) {
    const started = performance.now();
    build(dir).toYaml();
    times.push((performance.now() - started) / 1000);
  }
  return times.sort((a, b) => a - b)[1]!;
}

const fmt = (n: number | undefined, digits = 2) => (n === undefined ? 'n/a' : n.toFixed(digits));

function report(label: string, weir: Run, warm: number, peer: Run): void {
  console.log(
    `${label}: weir process ${fmt(weir.seconds)} s (peak ${fmt(weir.peakMiB, 0)} MiB), in-process warm ${fmt(warm, 3)} s | kubectl kustomize ${fmt(peer.seconds)} s (peak ${fmt(peer.peakMiB, 0)} MiB) | kubectl/weir ${fmt(peer.seconds / weir.seconds)}x process, ${fmt(peer.seconds / warm, 1)}x warm${weir.ok && peer.ok ? '' : ' (a build failed)'}`,
  );
}

function corpusDirs(): string[] {
  const rows = readFileSync(join(corpus, 'cases.tsv'), 'utf8').trim().split('\n').slice(1);
  return rows.map((row) => join(corpus, 'cases', row.split('\t')[3]!));
}

function sum(runs: Run[]): Run {
  return { seconds: runs.reduce((n, r) => n + r.seconds, 0), peakMiB: Math.max(...runs.map((r) => r.peakMiB ?? 0)) || undefined, ok: runs.every((r) => r.ok) };
}

/** Runs the kustomize benchmarks and prints one line per tree. */
export function benchKustomize(): void {
  if (spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' }).status !== 0) {
    console.log('kustomize: kubectl is not installed, so there is no peer to measure against: skipped');
    return;
  }
  if (!existsSync(join(root, 'dist/bundle/weir.mjs'))) throw new Error('run `npm run build` first: the process-per-build figures use ./bin/weir');
  if (!existsSync(GNU_TIME)) console.log('kustomize: GNU time (/usr/bin/time, Debian package `time`) is not installed: peak memory is not measured');
  const dir = mkdtempSync(join(tmpdir(), 'weir-kbench-'));
  try {
    const trees = writeBenchTrees(dir);
    for (const [label, tree] of [['(b) overlay, 20 patches on a 50-resource base', trees.overlay], ['(c) 20 overlays aggregated (1,020 resources)', trees.aggregate], ['(d) flat, 5,000 resources with namespace and labels', trees.flat]] as const) {
      report(label, weirProcess(tree), inProcess(tree), kubectl(tree));
    }
    if (existsSync(corpus)) {
      const dirs = corpusDirs();
      const weirRuns = dirs.map(weirProcess);
      const kubectlRuns = dirs.map(kubectl);
      let warm = 0;
      for (const caseDir of dirs) {
        try {
          warm += inProcess(caseDir);
        } catch {
          // counted as failed below through the process runs
        }
      }
      report(`(a) the development corpus (${dirs.length} builds, summed)`, sum(weirRuns), warm, sum(kubectlRuns));
    } else {
      console.log('(a) the development corpus: ../shared/corpus/kustomize is absent: skipped');
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
