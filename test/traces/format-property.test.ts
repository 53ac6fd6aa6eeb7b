/**
 * Mutated trace files either read back as a valid trace or end in an
 * InputError naming the file: never another exception.
 */
import test from 'ava';
import fc from 'fast-check';
import { gzipSync } from 'node:zlib';
import { InputError } from '../../sim/errors.ts';
import { traceLines } from '../../traces/format.ts';
import { decodeTrace } from '../../traces/format-read.ts';
import { traceToStartup } from '../../traces/to-startup.ts';
import { sampleTrace } from './helpers/sample-trace.ts';

const RUNS = 10_000;
const pieces = [
  '0',
  '-1',
  '1e400',
  'null',
  '"x"',
  '[]',
  '{}',
  '"E"',
  '"F"',
  '"END"',
  '"read"',
  '"block-read"',
  ',',
  ']',
  '"',
  '\\n',
  '1.5',
  '99',
];

test(`mutated traces read back or raise InputError (${RUNS} runs)`, (t) => {
  const base = traceLines(sampleTrace());
  let refused = 0;
  fc.assert(
    fc.property(
      fc.array(fc.tuple(fc.nat(), fc.nat(), fc.constantFrom(...pieces), fc.boolean()), {
        minLength: 1,
        maxLength: 3,
      }),
      fc.boolean(),
      (edits, gzip) => {
        const lines = [...base];
        for (const [lineAt, charAt, piece, replace] of edits) {
          const i = lineAt % lines.length;
          const line = lines[i]!;
          const at = charAt % (line.length + 1);
          lines[i] =
            line.slice(0, at) + piece + line.slice(replace ? at + piece.length : at);
        }
        const text = Buffer.from(lines.join('\n'));
        try {
          const trace = decodeTrace(gzip ? gzipSync(text) : text, 'mutated.trace.gz');
          traceToStartup(trace);
        } catch (error) {
          if (!(error instanceof InputError)) throw error;
          if (!error.message.startsWith('mutated.trace.gz'))
            throw new Error(`error does not name the file: ${error.message}`);
          refused += 1;
        }
      },
    ),
    { numRuns: RUNS, seed: 424242 },
  );
  t.log(`${RUNS} cases, ${refused} refused with InputError`);
  t.true(refused > RUNS / 2 && refused < RUNS, 'both outcomes occur');
});
