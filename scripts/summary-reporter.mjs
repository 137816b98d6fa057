// A @web/test-runner reporter that prints one machine-readable line after each test run:
//   Browser tests: N passed, N failed[, N skipped]
// Use it next to defaultReporter(). It only counts; the exit code is still decided by wtr
// (non-zero when any session failed).

/** Counts tests in a TestSuiteResult tree, nested suites included. */
function countSuite(suite, counts) {
  for (const test of suite?.tests ?? []) {
    if (test.skipped) counts.skipped += 1;
    else if (test.passed) counts.passed += 1;
    else counts.failed += 1;
  }
  for (const child of suite?.suites ?? []) countSuite(child, counts);
}

/**
 * Totals over sessions (one session = one test file in one browser). A session that failed
 * without a failing test (the file did not load, an uncaught error, a hook or timeout error,
 * the browser crashed) counts as one extra failure, so "0 failed" never hides a red run.
 */
export function countSessions(sessions) {
  const totals = { passed: 0, failed: 0, skipped: 0 };
  for (const session of sessions) {
    const counts = { passed: 0, failed: 0, skipped: 0 };
    countSuite(session.testResults, counts);
    const hasSessionErrors = (session.errors?.length ?? 0) > 0;
    if (hasSessionErrors || (session.passed === false && counts.failed === 0)) counts.failed += 1;
    totals.passed += counts.passed;
    totals.failed += counts.failed;
    totals.skipped += counts.skipped;
  }
  return totals;
}

export function formatSummary({ passed, failed, skipped }) {
  return `Browser tests: ${passed} passed, ${failed} failed${skipped > 0 ? `, ${skipped} skipped` : ''}`;
}

export function summaryLineReporter() {
  let lastReportedRun = -1;
  return {
    onTestRunFinished({ testRun, sessions, focusedTestFile }) {
      if (testRun === lastReportedRun) return; // at most one line per run
      lastReportedRun = testRun;
      const relevant = focusedTestFile ? sessions.filter((s) => s.testFile === focusedTestFile) : sessions;
      // wtr's terminal buffers console output and prints it as a line of its own.
      console.log(`\n${formatSummary(countSessions(relevant))}\n`);
    },
  };
}

export default summaryLineReporter;
