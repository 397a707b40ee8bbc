// `npm run conformance:kustomize`: prints the conformance counts and every failing case.
import { corpusPresent, runConformance } from '../test/kustomize/conformance.js';

if (!corpusPresent()) {
  process.stderr.write('kustomize corpus not found (set WEIR_KUSTOMIZE_CORPUS)\n');
  process.exit(2);
}
const report = runConformance();
for (const f of report.failures) process.stdout.write(`objects ${f.id}: ${f.reason}\n`);
for (const f of report.byteFailures) process.stdout.write(`bytes   ${f.id}: ${f.reason}\n`);
process.stdout.write(`object-identical ${report.objectIdentical}/${report.total}, byte-identical ${report.byteIdentical}/${report.total}\n`);
