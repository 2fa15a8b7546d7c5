// A web-test-runner reporter that ends the run with one plain line, `wtr: N passed, N failed`,
// which scripts/test.mjs adds up. A test file that fails to load counts as one failure.

function count(results, tally) {
  for (const test of results?.tests ?? []) {
    if (test.skipped) tally.skipped++;
    else if (test.passed) tally.passed++;
    else tally.failed++;
  }
  for (const suite of results?.suites ?? []) count(suite, tally);
}

export function summaryReporter() {
  return {
    onTestRunFinished({ sessions }) {
      const tally = { passed: 0, failed: 0, skipped: 0 };
      for (const session of sessions) {
        count(session.testResults, tally);
        const broken =
          (session.errors?.length ?? 0) > 0 ||
          (!session.passed && !session.testResults?.tests?.length && !session.testResults?.suites?.length);
        if (broken) tally.failed++;
      }
      // Printed after the default reporter's own output has flushed.
      setTimeout(() => console.log(`wtr: ${tally.passed} passed, ${tally.failed} failed, ${tally.skipped} skipped`), 0);
    },
  };
}
