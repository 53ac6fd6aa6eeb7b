/**
 * Regenerates `traces/captured/SUMMARY.md`: the `sim trace info` figures of
 * every committed trace beside the paper's aggregates.
 *
 *   node --import=tsx traces/summarise-captured.ts [folder]
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../sim/output/atomic.ts';
import { readTrace } from './format-read.ts';
import {
  compareTraces,
  summariseTrace,
  DEEP_DEPTH,
  type TraceSummary,
} from './info/summary.ts';

const folder = process.argv[2] ?? 'traces/captured';
const names = [
  ...new Set(
    readdirSync(folder)
      .filter((f) => f.endsWith('.trace.gz'))
      .map((f) => f.split('.')[0]!),
  ),
].sort();

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const mb = (x: number) => (x / 1e6).toFixed(1);

interface Row {
  name: string;
  category: string;
  strace?: TraceSummary;
  block?: TraceSummary;
  repeatShare?: number;
}

const rows: Row[] = names.map((name) => {
  const file = (m: string) => join(folder, `${name}.${m}.trace.gz`);
  const load = (m: string) => (existsSync(file(m)) ? readTrace(file(m)) : undefined);
  const strace = load('strace');
  const block = load('block');
  const again = load('block-2');
  const row: Row = { name, category: (strace ?? block)?.header.notes?.category ?? '' };
  if (strace) row.strace = summariseTrace(strace);
  if (block) row.block = summariseTrace(block);
  if (block && again)
    row.repeatShare = compareTraces(block, again, file('block-2')).sharedShare;
  return row;
});

const lines: string[] = [
  '# Captured HelloBench traces',
  '',
  'Regenerate with `node --import=tsx traces/summarise-captured.ts`. Images were built',
  'from Debian bookworm packages by `traces/build-images.ts`; each workload was captured',
  'with the strace method (file level; mmaps and executed programs count whole) and the',
  'block method (ext4 on a loop device, caches dropped; what the disk really served).',
  "`repeat` is the share of a second block run's bytes that the first run also read.",
  '',
  '| image | category | layers | image MB (gz) | read MB strace | read % strace | read MB block | read % block | half data at depth >= | data at depth >= ' +
    DEEP_DEPTH +
    ' | copy-up MB | ready s (block) | repeat |',
  '|---|---|---|---|---|---|---|---|---|---|---|---|---|',
];
for (const r of rows) {
  const s = r.block ?? r.strace!;
  const gz = s.imageCompressedBytes === null ? '?' : mb(s.imageCompressedBytes);
  lines.push(
    `| ${r.name} | ${r.category} | ${s.layers} | ${mb(s.imageBytes)} (${gz}) | ${r.strace ? mb(r.strace.readBytes) : '-'} | ${r.strace ? pct(r.strace.readShare) : '-'} | ` +
      `${r.block ? mb(r.block.readBytes) : '-'} | ${r.block ? pct(r.block.readShare) : '-'} | ${s.halfDataDepth} | ${pct(s.deepImageShare)} | ` +
      `${mb((r.strace ?? s).copyUpBytes)} | ${r.block ? r.block.readySec.toFixed(2) : '-'} | ${r.repeatShare === undefined ? '-' : pct(r.repeatShare)} |`,
  );
}

const total = (
  pick: (r: Row) => TraceSummary | undefined,
  f: (s: TraceSummary) => number,
) => rows.reduce((sum, r) => sum + (pick(r) ? f(pick(r)!) : 0), 0);
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0
    ? NaN
    : s.length % 2
      ? s[(s.length - 1) / 2]!
      : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const blockRows = rows.filter((r) => r.block);
const straceRows = rows.filter((r) => r.strace);
const repeats = rows.flatMap((r) => (r.repeatShare === undefined ? [] : [r.repeatShare]));
const any = (r: Row) => r.block ?? r.strace;
lines.push(
  '',
  '## Against the paper',
  '',
  '| figure | paper (HelloBench, 57 images) | these traces |',
  '|---|---|---|',
  `| data read at startup | 6.4% | block ${pct(
    total(
      (r) => r.block,
      (s) => s.readBytes,
    ) /
      total(
        (r) => r.block,
        (s) => s.imageBytes,
      ),
  )} overall, median ${pct(median(blockRows.map((r) => r.block!.readShare)))} (${blockRows.length} images); strace ${pct(
    total(
      (r) => r.strace,
      (s) => s.readBytes,
    ) /
      total(
        (r) => r.strace,
        (s) => s.imageBytes,
      ),
  )} overall (${straceRows.length} images) |`,
  `| image data at depth >= ${DEEP_DEPTH} | half | ${pct(total(any, (s) => s.deepImageShare * s.imageBytes) / total(any, (s) => s.imageBytes))} (deepest image: ${Math.max(...rows.map((r) => any(r)!.layers))} layers) |`,
  `| second run's reads already read by the first | up to 99% | median ${repeats.length ? pct(median(repeats)) : '-'} over ${repeats.length} images |`,
  '',
);
writeFileAtomic(join(folder, 'SUMMARY.md'), lines.join('\n'));
process.stdout.write(lines.join('\n'));
