/**
 * When SLACKER_PROPERTY_LOG names a file, every fast-check property that runs
 * appends one JSON line there (runs executed, whether it failed), so
 * `npm run readme -- reliability` can report how many cases really ran.
 * Failures still throw with fast-check's own report.
 */
import { appendFileSync } from 'node:fs';
import fc from 'fast-check';

const log = process.env.SLACKER_PROPERTY_LOG;
if (log) {
  fc.configureGlobal({
    ...fc.readConfigureGlobal(),
    reporter(details) {
      appendFileSync(log, `${JSON.stringify({ runs: details.numRuns, failed: details.failed })}\n`);
      if (details.failed) throw new Error(fc.defaultReportMessage(details) ?? 'property failed');
    },
  });
}
