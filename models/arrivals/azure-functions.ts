/**
 * Container starts from the Azure Functions 2019 trace (Shahrad et al., ATC
 * '20): one day per file `invocations_per_function_md.anon.dNN.csv`, one row
 * per function with `HashOwner,HashApp,HashFunction,Trigger` and then the
 * invocation counts of minutes `1` to `1440`. Each invocation becomes one
 * container start, taken as a cold start that pulls the function's image.
 *
 * - Window: minutes `from`..`to` (inclusive) are replayed; minute `from`
 *   begins at 0 s.
 * - Selection: optionally only functions with given triggers, and only the N
 *   busiest in the window (ties go to the earlier row).
 * - Scale: per function the running total is scaled and rounded, so minute m
 *   gets round(scale * C_m) - round(scale * C_(m-1)) starts where C_m counts
 *   the invocations up to m; the function's total is round(scale * total).
 * - Time inside a minute: uniform draws from the seeded stream (in row, then
 *   minute order), or `even`: k starts at (j + 0.5) * 60 / k s, j = 0..k-1.
 * - Image: `hashedImage(HashApp)`, so all functions of an app share an image.
 *
 * Shorter files (minute columns `1`..`K`, K < 1440) are accepted so that
 * excerpts and test fixtures need not carry a whole day.
 *
 * Known shortcoming: every invocation is a cold start. The counts do not say
 * which invocations found a warm instance, and no keep-alive is modelled, so
 * busy functions give far more starts than a real platform would.
 */
import type { RandomStream } from '../../sim/engine/random.ts';
import { InputError } from '../../sim/errors.ts';
import { byStartTime, type Arrival, type ArrivalList } from './arrival.ts';
import { hashedImage } from './image-hash.ts';
import { forEachLine } from './lines.ts';
import type { AzureFunctionsArrivalsConfig } from '../scenario/config.ts';
import type { TextSource } from './text-source.ts';

/** The scenario's `azure-functions-2019` arrivals, without the pattern and file. */
export type AzureFunctionsOptions = Omit<AzureFunctionsArrivalsConfig, 'pattern' | 'file'>;

const ID_COLUMNS = ['HashOwner', 'HashApp', 'HashFunction', 'Trigger'];
const MINUTES_PER_DAY = 1440;
const SEC_PER_MINUTE = 60;
const MAX_COUNT_DIGITS = 15;

/** One function that may be replayed: its starts per minute of the window. */
interface FunctionRow {
  /** The file line it came from; also its rank among equally busy rows. */
  line: number;
  app: string;
  invocations: number;
  starts: number;
  /** Pairs (minute offset in the window, starts in that minute), starts > 0. */
  perMinute: number[];
}

/** Reads an Azure Functions 2019 invocation file into container starts. */
export function readAzureFunctions(
  source: TextSource,
  options: AzureFunctionsOptions,
  images: readonly string[],
  rng: RandomStream,
): ArrivalList {
  const file = source.name;
  const keep = new Selection(options.functions, options.maxStarts, file);
  const triggers = options.triggers ? new Set(options.triggers) : undefined;
  let minuteColumns = 0;
  let window: [number, number] = [1, 1];
  let rows = 0;

  // 1. Read the header, then each row, keeping what the options select.
  forEachLine(source, (text, line) => {
    if (line === 1) {
      minuteColumns = readHeader(text, file);
      window = checkWindow(options.minutes, minuteColumns, file);
      return;
    }
    if (text === '') return;
    const fields = text.split(',');
    if (fields.length !== ID_COLUMNS.length + minuteColumns) {
      throw new InputError(
        '',
        { file, line },
        {
          expected: `${ID_COLUMNS.length + minuteColumns} fields, as in the header`,
          found: `${fields.length}`,
        },
      );
    }
    const parsed = readRow(fields, line, window, options.scale, file);
    rows += 1;
    if (triggers && !triggers.has(fields[3]!)) return;
    keep.offer({ ...parsed, line });
  });
  if (minuteColumns === 0) {
    throw new InputError(
      '',
      { file, line: 1 },
      {
        expected: headerText(MINUTES_PER_DAY),
        found: 'an empty file',
      },
    );
  }

  // 2. Turn the kept functions' counts into start times, in row order.
  const chosen = keep.rows().sort((a, b) => a.line - b.line);
  const arrivals: Arrival[] = [];
  let invocations = 0;
  for (const f of chosen) {
    invocations += f.invocations;
    const image = hashedImage(f.app, images);
    for (let i = 0; i < f.perMinute.length; i += 2) {
      const minuteStartSec = f.perMinute[i]! * SEC_PER_MINUTE;
      const k = f.perMinute[i + 1]!;
      for (let j = 0; j < k; j++) {
        const withinSec =
          options.spread === 'even'
            ? ((j + 0.5) * SEC_PER_MINUTE) / k
            : SEC_PER_MINUTE * rng.next();
        arrivals.push({ startSec: minuteStartSec + withinSec, image });
      }
    }
  }
  return {
    arrivals: byStartTime(arrivals),
    counts: {
      functions_in_file: rows,
      functions_replayed: chosen.filter((f) => f.starts > 0).length,
      invocations_replayed: invocations,
      starts: arrivals.length,
    },
  };
}

/** The header's minute-column count K, after checking the header is `ID_COLUMNS,1..K`. */
function readHeader(text: string, file: string): number {
  const names = text.split(',').map((h) => h.trim());
  const k = names.length - ID_COLUMNS.length;
  const fits =
    k >= 1 &&
    k <= MINUTES_PER_DAY &&
    ID_COLUMNS.every((name, i) => names[i] === name) &&
    names.slice(ID_COLUMNS.length).every((name, i) => name === String(i + 1));
  if (!fits) {
    throw new InputError(
      'not an Azure Functions 2019 invocation file',
      { file, line: 1 },
      {
        expected: `the header ${headerText(MINUTES_PER_DAY)}`,
        found: JSON.stringify(text.length > 80 ? `${text.slice(0, 80)}...` : text),
      },
    );
  }
  return k;
}

function headerText(minutes: number): string {
  return `${ID_COLUMNS.join(',')},1,2,...,${minutes}`;
}

function checkWindow(
  minutes: [number, number] | undefined,
  columns: number,
  file: string,
): [number, number] {
  const [from, to] = minutes ?? [1, columns];
  const whole = Number.isInteger(from) && Number.isInteger(to);
  if (!(whole && from >= 1 && from <= to && to <= columns)) {
    throw new InputError(
      '',
      { file, line: 1, key: 'minutes' },
      {
        expected: `[from, to] with 1 <= from <= to <= ${columns} (the file's last minute)`,
        found: `[${from}, ${to}]`,
      },
    );
  }
  return [from, to];
}

/** Checks every count of a row and scales the window's counts into starts per minute. */
function readRow(
  fields: string[],
  line: number,
  [from, to]: [number, number],
  scale: number,
  file: string,
): Omit<FunctionRow, 'line'> {
  for (let i = 0; i < 3; i++) {
    if (fields[i] === '') {
      const where = { file, line, column: columnOf(fields, i), key: ID_COLUMNS[i] };
      throw new InputError('', where, {
        expected: 'a non-empty hash',
        found: '""',
      });
    }
  }
  const first = ID_COLUMNS.length;
  let invocations = 0;
  let startsSoFar = 0;
  const perMinute: number[] = [];
  for (let m = 1; first + m - 1 < fields.length; m++) {
    const count = parseCount(fields[first + m - 1]!);
    if (count === undefined) {
      const column = columnOf(fields, first + m - 1);
      const where = { file, line, column, key: `minute ${m}` };
      throw new InputError('', where, {
        expected: 'an invocation count (a whole number >= 0)',
        found: JSON.stringify(fields[first + m - 1]!.slice(0, 40)),
      });
    }
    if (m < from || m > to || count === 0) continue;
    invocations += count;
    const scaledTotal = Math.round(scale * invocations);
    if (scaledTotal > startsSoFar) {
      perMinute.push(m - from, scaledTotal - startsSoFar);
      startsSoFar = scaledTotal;
    }
  }
  return { app: fields[1]!, invocations, starts: startsSoFar, perMinute };
}

function parseCount(text: string): number | undefined {
  if (text.length === 0 || text.length > MAX_COUNT_DIGITS) return undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return undefined;
  }
  return Number(text);
}

/** 1-based character column where field `index` begins. */
function columnOf(fields: string[], index: number): number {
  let column = 1;
  for (let i = 0; i < index; i++) column += fields[i]!.length + 1;
  return column;
}

/**
 * The functions kept so far: all with starts, or the N busiest. The total of
 * their starts only grows as rows are read (a busier row replaces a quieter
 * one), so it can be checked against the cap while reading.
 */
class Selection {
  private readonly heap: FunctionRow[] = [];
  private totalStarts = 0;

  constructor(
    private readonly limit: number | undefined,
    private readonly maxStarts: number,
    private readonly file: string,
  ) {}

  offer(f: FunctionRow): void {
    if (this.limit === undefined) {
      if (f.starts > 0) this.add(f);
    } else if (f.invocations > 0) {
      if (this.heap.length < this.limit) this.add(f);
      else if (quieter(this.heap[0]!, f)) this.replaceQuietest(f);
    }
    if (this.totalStarts > this.maxStarts) {
      const where = { file: this.file, line: f.line, key: 'max_starts' };
      throw new InputError('too many container starts', where, {
        expected:
          `at most ${this.maxStarts} ` +
          '(raise max_starts, or narrow minutes, functions, triggers or scale)',
        found: `more than ${this.maxStarts} by this row`,
      });
    }
  }

  rows(): FunctionRow[] {
    return [...this.heap];
  }

  private add(f: FunctionRow): void {
    this.totalStarts += f.starts;
    if (this.limit === undefined) {
      this.heap.push(f);
      return;
    }
    this.heap.push(f);
    this.siftUp(this.heap.length - 1);
  }

  private replaceQuietest(f: FunctionRow): void {
    this.totalStarts += f.starts - this.heap[0]!.starts;
    this.heap[0] = f;
    this.siftDown(0);
  }

  private siftUp(i: number): void {
    const h = this.heap;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!quieter(h[i]!, h[parent]!)) break;
      [h[i], h[parent]] = [h[parent]!, h[i]!];
      i = parent;
    }
  }

  private siftDown(i: number): void {
    const h = this.heap;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let least = i;
      if (left < h.length && quieter(h[left]!, h[least]!)) least = left;
      if (right < h.length && quieter(h[right]!, h[least]!)) least = right;
      if (least === i) return;
      [h[i], h[least]] = [h[least]!, h[i]!];
      i = least;
    }
  }
}

/** True if `a` ranks below `b`: fewer invocations, or as many and a later line. */
function quieter(a: FunctionRow, b: FunctionRow): boolean {
  if (a.invocations !== b.invocations) return a.invocations < b.invocations;
  return a.line > b.line;
}
