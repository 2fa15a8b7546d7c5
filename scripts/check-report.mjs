/**
 * The tally of a check script: `report(ok, text)` prints a line per check; `summary()` is the
 * line `<name>: N passed, N failed` that each script ends with (scripts/test.mjs adds them up).
 */
export function checkReport(name, { suffix = () => '' } = {}) {
  let passed = 0;
  let failed = 0;
  return {
    report(ok, text) {
      console.log(`${ok ? 'ok  ' : 'FAIL'} ${text}${suffix()}`);
      if (ok) passed++;
      else failed++;
    },
    get failed() {
      return failed;
    },
    summary: () => `${name}: ${passed} passed, ${failed} failed`,
  };
}
