/**
 * A CSV list of container starts: a header naming a `start_s` column
 * (seconds, >= 0) and optionally an `image` column (a workload image name;
 * empty = round robin). Every other row is one container; blank lines are
 * skipped; other columns are ignored. Cells are not quoted.
 */
import { InputError } from '../../sim/errors.ts';
import { byStartTime, type Arrival, type ArrivalList } from './arrival.ts';
import { forEachLine } from './lines.ts';
import type { TextSource } from './text-source.ts';

const DECIMAL = /^(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** Reads a start list; `images` are the workload's image names an `image` cell may use. */
export function readStartList(
  source: TextSource,
  images: readonly string[],
): ArrivalList {
  const file = source.name;
  const known = new Set(images);
  const arrivals: Arrival[] = [];
  let startColumn = -1;
  let imageColumn = -1;
  let withImage = 0;

  forEachLine(source, (text, line) => {
    if (line === 1) {
      const header = text.split(',').map((h) => h.trim());
      startColumn = header.indexOf('start_s');
      imageColumn = header.indexOf('image');
      if (startColumn < 0) {
        throw new InputError(
          '',
          { file, line },
          {
            expected: 'a header with a start_s column (and optionally image)',
            found: JSON.stringify(text.slice(0, 80)),
          },
        );
      }
      return;
    }
    if (text.trim() === '') return;
    const cells = text.split(',');
    const cell = cells[startColumn]?.trim() ?? '';
    const startSec = Number(cell);
    if (!DECIMAL.test(cell) || !Number.isFinite(startSec)) {
      throw new InputError(
        '',
        { file, line, key: 'start_s' },
        {
          expected: 'a time in seconds >= 0',
          found: JSON.stringify(cell),
        },
      );
    }
    const image = imageColumn >= 0 ? (cells[imageColumn]?.trim() ?? '') : '';
    if (image !== '' && !known.has(image)) {
      throw new InputError(
        'unknown image',
        { file, line, key: 'image' },
        {
          expected: `one of the workload's images (${listSome(images)}) or an empty cell`,
          found: JSON.stringify(image),
        },
      );
    }
    if (image !== '') withImage += 1;
    arrivals.push(image === '' ? { startSec } : { startSec, image });
  });

  if (startColumn < 0) {
    throw new InputError(
      '',
      { file, line: 1 },
      {
        expected: 'a header with a start_s column (and optionally image)',
        found: 'an empty file',
      },
    );
  }
  const counts = { rows: arrivals.length, rows_with_image: withImage };
  return { arrivals: byStartTime(arrivals), counts };
}

/** The first few names, for messages about long image lists. */
export function listSome(names: readonly string[], max = 6): string {
  const shown = names.slice(0, max).join(', ');
  return names.length > max ? `${shown}, ... ${names.length} in all` : shown;
}
