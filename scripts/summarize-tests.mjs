// Prints one closing line over all jest result files: "tests: N passed, N failed, N skipped".
// A missing or unreadable result file counts as a failure, so a crashed step never reads as green.
import { readFileSync } from 'node:fs';

let passed = 0;
let failed = 0;
let skipped = 0;
for (const file of process.argv.slice(2)) {
  try {
    const r = JSON.parse(readFileSync(file, 'utf8'));
    passed += r.numPassedTests;
    failed += r.numFailedTests + r.numRuntimeErrorTestSuites;
    skipped += r.numPendingTests + r.numTodoTests;
  } catch {
    console.error(`no readable results in ${file}`);
    failed += 1;
  }
}
if (process.argv.length < 3) failed += 1;
console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
