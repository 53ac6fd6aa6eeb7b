/**
 * Random and mutated layer tarballs either unpack or end in an InputError:
 * never another exception, never a hang, never a write outside the root.
 */
import test from 'ava';
import fc from 'fast-check';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { InputError } from '../../sim/errors.ts';
import { applyLayer } from '../../traces/unpack/apply-layer.ts';
import { FileTable } from '../../traces/unpack/file-table.ts';
import { defaultLimits } from '../../traces/unpack/limits.ts';
import { tarOf, tempDir, type TarItem } from './helpers/archive.ts';

// 10,000 cases take 27 s on an idle machine (98 s on a busy one): by default the test stops
// after TIME_LIMIT_MS (about 2,000 cases here) and says how many ran;
// UNPACK_PROPERTY_RUNS=10000 runs the full count without a time limit.
const FULL = process.env.UNPACK_PROPERTY_RUNS !== undefined;
const RUNS = Number(process.env.UNPACK_PROPERTY_RUNS ?? 10_000);
const TIME_LIMIT_MS = 20_000;
const PER_CASE_LIMIT_MS = 5_000;

const part = fc.oneof(
  {
    weight: 30,
    arbitrary: fc.constantFrom('a', 'b', 'etc', '.wh.a', '.wh..wh..opq', '.', ''),
  },
  { weight: 1, arbitrary: fc.constantFrom('..', 'x'.repeat(300)) },
);
const name = fc
  .array(part, { minLength: 1, maxLength: 4 })
  .map((parts) => parts.join('/'));
const maybeAbsolute = fc.oneof(
  { weight: 30, arbitrary: name },
  { weight: 1, arbitrary: name.map((n) => `/${n}`) },
);
const item: fc.Arbitrary<TarItem> = fc.record({
  name: maybeAbsolute,
  type: fc.oneof(
    { weight: 8, arbitrary: fc.constantFrom('file', 'file', 'directory', 'symlink') },
    { weight: 1, arbitrary: fc.constantFrom('link', 'character-device', 'fifo') },
  ) as fc.Arbitrary<TarItem['type']>,
  body: fc.string({ maxLength: 40 }),
  linkname: fc.oneof(
    { weight: 6, arbitrary: name },
    { weight: 1, arbitrary: name.map((n) => `/${n}`) },
    { weight: 1, arbitrary: name.map((n) => `../${n}`) },
  ),
  mode: fc.oneof(
    { weight: 8, arbitrary: fc.constantFrom(0o644, 0o755) },
    { weight: 1, arbitrary: fc.constantFrom(0o4755, 0o2711, 0o000) },
  ),
});
const mutation = fc.record({
  flips: fc.oneof(
    { weight: 3, arbitrary: fc.constant([] as Array<[number, number]>) },
    {
      weight: 1,
      arbitrary: fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), {
        maxLength: 4,
      }),
    },
  ),
  cutAt: fc.oneof(
    { weight: 3, arbitrary: fc.constant(null) },
    { weight: 1, arbitrary: fc.nat() },
  ),
  gzip: fc.boolean(),
});

test(`random and mutated layer tarballs unpack or raise InputError (up to ${RUNS} runs)`, async (t) => {
  const work = tempDir();
  const victim = join(work, 'victim');
  mkdirSync(victim);
  let counter = 0;
  let refusedCount = 0;
  const started = process.hrtime.bigint();
  try {
    await fc.assert(
      fc.asyncProperty(
        fc.array(item, { maxLength: 6 }),
        mutation,
        async (items, mutate) => {
          const id = counter++;
          let archive: Buffer;
          try {
            archive = await tarOf(items);
          } catch {
            return; // tar-stream itself refuses some combinations; nothing to test then
          }
          archive = Buffer.from(archive);
          for (const [at, value] of mutate.flips)
            if (archive.length > 0) archive[at % archive.length] = value;
          if (mutate.cutAt !== null)
            archive = archive.subarray(0, mutate.cutAt % (archive.length + 1));
          const blob = join(work, `layer-${id}`);
          writeFileSync(blob, mutate.gzip ? gzipSync(archive) : archive);
          const root = join(work, `root-${id}`);
          mkdirSync(root);
          const ctx = {
            root,
            table: new FileTable(),
            layer: 0,
            label: `layer-${id}`,
            limits: {
              ...defaultLimits,
              maxEntryBytes: 2 ** 20,
              maxExpandedBytes: 4 * 2 ** 20,
            },
            policy: { strict: id % 4 === 0 },
            budget: { usedBytes: 0 },
            warnings: [],
          };
          let timer: NodeJS.Timeout | undefined;
          const hang = new Promise<never>((_, reject) => {
            timer = setTimeout(
              () => reject(new Error('unpacking hung')),
              PER_CASE_LIMIT_MS,
            );
          });
          try {
            await Promise.race([applyLayer(blob, ctx), hang]);
          } catch (error) {
            if (!(error instanceof InputError)) throw error;
            refusedCount += 1;
          } finally {
            clearTimeout(timer);
            rmSync(root, { recursive: true, force: true });
            rmSync(blob, { force: true });
          }
          if (readdirSync(victim).length !== 0)
            throw new Error('an entry escaped the unpack root');
        },
      ),
      FULL
        ? { numRuns: RUNS, seed: 20260312 }
        : {
            numRuns: RUNS,
            seed: 20260312,
            interruptAfterTimeLimit: TIME_LIMIT_MS,
            markInterruptAsFailure: false,
          },
    );
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  t.log(
    `${counter} cases in ${seconds.toFixed(1)} s, ${refusedCount} refused with InputError`,
  );
  t.true(counter >= 200, `too few cases ran (${counter})`);
  t.true(refusedCount > 0 && refusedCount < counter, 'both outcomes occur');
});
