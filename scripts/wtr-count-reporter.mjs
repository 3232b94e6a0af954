// A web-test-runner reporter that writes how many tests passed and failed, for scripts/test.mjs's
// closing line. wtr's own summary shares its line with a progress bar, so it cannot be read reliably.
import { writeFileSync } from 'node:fs';

function count(suite, totals) {
  for (const test of suite?.tests ?? []) {
    if (test.skipped) totals.skipped++;
    else if (test.passed) totals.passed++;
    else totals.failed++;
  }
  for (const child of suite?.suites ?? []) count(child, totals);
}

export function countReporter(file) {
  return {
    onTestRunFinished({ sessions }) {
      const totals = { passed: 0, failed: 0, skipped: 0 };
      for (const session of sessions) {
        count(session.testResults, totals);
        // A file that failed to load or threw outside a test counts as one failure.
        if (session.errors?.length || (!session.passed && !session.testResults)) totals.failed++;
      }
      writeFileSync(file, JSON.stringify(totals));
    },
  };
}
