/** `--shard I/N`: one slice of a sweep, for job arrays across machines. */
import { InputError } from '../errors.ts';

export interface Shard {
  index: number;
  count: number;
}

/** Parses `I/N` with 0 <= I < N; errors name the flag. */
export function parseShard(text: string): Shard {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  const index = m ? Number(m[1]) : NaN;
  const count = m ? Number(m[2]) : NaN;
  if (!m || count < 1 || index >= count) {
    throw new InputError('', { key: '--shard' }, {
      expected: 'I/N with 0 <= I < N, e.g. 0/4 (I is the 0-based slice)',
      found: JSON.stringify(text),
    });
  }
  return { index, count };
}

/** Whether point `id` belongs to `shard` (round robin: id % N == I). */
export function inShard(id: number, shard: Shard | undefined): boolean {
  return shard === undefined || id % shard.count === shard.index;
}
